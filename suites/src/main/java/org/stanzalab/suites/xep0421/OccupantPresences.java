package org.stanzalab.suites.xep0421;

import static org.stanzalab.engine.Level.MUST;

import java.util.function.Function;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §4: every presence a room with occupant ids sends about an occupant carries exactly one occupant-id, whatever
 * the occasion: entering, updates, nick changes, leaving, removal, role and affiliation changes, destruction.
 */
@StanzalabTest
class OccupantPresences {

    /** One occasion on which the room sends a presence about an occupant, and how to bring it about. */
    enum Occasion {
        /** The owner's self-presence when the room is created (201 and 110). */
        creatorSelfPresence(s -> s.room.created),
        /** bob's own self-presence (110) on entering. */
        selfPresenceOnEntering(s -> s.bobSelf),
        /** alice's presence, sent to bob as one of the occupants already there. */
        occupantListedToNewcomer(s -> s.aliceSeenByBob),
        awayUpdate(s -> {
            Ids.presence(s.bob, s.room, "bob", Presence.Mode.away, null);
            return s.room.expectFrom(s.alice, "bob", "bob's away presence", p -> p.getMode() == Presence.Mode.away);
        }),
        statusTextUpdate(s -> {
            Ids.presence(s.bob, s.room, "bob", null, "reading the XEP");
            return s.room.expectFrom(s.alice, "bob", "bob's status text", p -> "reading the XEP".equals(p.getStatus()));
        }),
        /** The unavailable presence from the old nick, with 303. */
        nickChangeFromOldNick(s -> {
            Ids.presence(s.bob, s.room, "robert", null, null);
            return s.room.expectFrom(s.alice, "bob", "bob's unavailable presence with 303", p -> p.getType() == Presence.Type.unavailable
                    && Room.codes(p).contains(303));
        }),
        /** The available presence under the new nick. */
        nickChangeUnderNewNick(s -> {
            Ids.presence(s.bob, s.room, "robert", null, null);
            return Ids.arrival(s.alice, s.room, "robert");
        }),
        leaving(s -> {
            s.room.leave(s.bob, "bob");
            return s.room.expectFrom(s.alice, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable);
        }),
        kicked(s -> {
            s.lab.setUp("alice kicks bob", () -> Room.expectResult(s.room.setRole(s.alice, "bob", MUCRole.none)));
            return s.room.expectFrom(s.alice, "bob", "bob's removal with 307", p -> p.getType() == Presence.Type.unavailable
                    && Room.codes(p).contains(307));
        }),
        banned(s -> {
            s.lab.setUp("alice bans bob", () -> Room.expectResult(s.room.setAffiliation(s.alice, s.bob.bareJid(), MUCAffiliation.outcast)));
            return s.room.expectFrom(s.alice, "bob", "bob's removal with 301", p -> p.getType() == Presence.Type.unavailable
                    && Room.codes(p).contains(301));
        }),
        /** bob becomes a visitor. */
        voiceRevoked(s -> {
            s.lab.setUp("alice revokes bob's voice", () -> Room.expectResult(s.room.setRole(s.alice, "bob", MUCRole.visitor)));
            return s.room.expectFrom(s.alice, "bob", "bob's presence as a visitor", p -> Room.role(p) == MUCRole.visitor);
        }),
        /** bob becomes a moderator. */
        moderatorGranted(s -> {
            s.lab.setUp("alice makes bob a moderator", () -> Room.expectResult(s.room.setRole(s.alice, "bob", MUCRole.moderator)));
            return s.room.expectFrom(s.alice, "bob", "bob's presence as a moderator", p -> Room.role(p) == MUCRole.moderator);
        }),
        /** bob becomes a member while in the room. */
        membershipGranted(s -> {
            s.lab.setUp("alice makes bob a member", () -> Room.expectResult(s.room.setAffiliation(s.alice, s.bob.bareJid(), MUCAffiliation.member)));
            return s.room.expectFrom(s.alice, "bob", "bob's presence as a member", p -> Room.affiliation(p) == MUCAffiliation.member);
        }),
        /** The unavailable presence bob gets when alice destroys the room (XEP-0045 §10.9). */
        roomDestroyed(s -> {
            s.lab.setUp("alice destroys the room", () -> Room.expectResult(s.room.destroy(s.alice, "<destroy><reason>over</reason></destroy>")));
            return s.room.expectFrom(s.bob, "bob", "bob's unavailable presence for the destruction", p -> p.getType() == Presence.Type.unavailable
                    && MUCUser.from(p) != null && MUCUser.from(p).getDestroy() != null);
        });

        final Function<Scene, Presence> bringAbout;

        Occasion(Function<Scene, Presence> bringAbout) {
            this.bringAbout = bringAbout;
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "every presence the room sends about an occupant carries one occupant-id with an id, on every occasion")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Occasion.class)
    void everyOccupantPresenceCarriesOneId(Occasion occasion, Lab lab) {
        Scene scene = Scene.open(lab);

        Presence presence = occasion.bringAbout.apply(scene);

        Ids.id(presence);
    }
}
