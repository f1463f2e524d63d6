package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.6, §7.7 and §7.14: changing nickname, changing availability, leaving. */
@StanzalabTest
class Occupancy {

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.6", level = MUST,
          requirement = "on a nickname change every occupant gets unavailable presence from the old nickname with status 303 and the new nickname")
    @Test
    void nicknameChangeSendsUnavailableWith303(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.send(PresenceBuilder.buildPresence().to(room.occupant("robert")).build());

        for (Session each : new Session[] {alice, bob}) {
            Presence gone = room.expectFrom(each, "bob", "unavailable presence for the old nickname", p -> p.getType() == Presence.Type.unavailable);
            MUCItem item = Room.item(gone);
            assertTrue(Room.codes(gone).contains(303), "status 303 missing: " + Room.describe(gone));
            assertEquals("robert", item == null || item.getNick() == null ? null : item.getNick().toString(),
                    "new nickname in the item: " + Room.describe(gone));
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.6", level = MUST,
          requirement = "after a nickname change the occupants get available presence from the new occupant JID")
    @Test
    void nicknameChangeAnnouncesNewNickname(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.send(PresenceBuilder.buildPresence().to(room.occupant("robert")).build());

        room.expectFrom(alice, "robert", "available presence from the new nickname", p -> p.getType() == Presence.Type.available);
        Presence self = room.expectFrom(bob, "robert", "bob's own presence under the new nickname", p -> p.getType() == Presence.Type.available);
        assertTrue(Room.isSelf(self), "bob's presence under his new nickname lacks status 110: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.6", level = MUST,
          requirement = "a change to a nickname another occupant has is refused with conflict")
    @Test
    void nicknameChangeToTakenNickIsConflict(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.send(PresenceBuilder.buildPresence().to(room.occupant("alice")).build());

        Presence answer = bob.expectPresence("an error for the nickname change",
                p -> p.getType() == Presence.Type.error && p.getFrom() != null && room.jid.equals(p.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.conflict, Room.condition(answer), "condition: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.14", level = MUST,
          requirement = "an occupant who leaves gets unavailable presence from its occupant JID with status 110")
    @Test
    void leavingOccupantGetsUnavailableSelfPresence(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        room.leave(bob, "bob");

        Presence self = room.expectFrom(bob, "bob", "bob's unavailable self-presence", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.isSelf(self), "status 110 missing: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.14", level = MUST,
          requirement = "the remaining occupants get the leaver's unavailable presence with role none")
    @Test
    void remainingOccupantsSeeLeaverWithRoleNone(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        room.leave(bob, "bob");

        Presence gone = room.expectFrom(alice, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable);
        assertEquals(MUCRole.none, Room.role(gone), "role in the departure presence: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.3", level = SHOULD,
          requirement = "an occupant's changed availability (show and status, §7.7) is passed on to the other occupants from its occupant JID")
    @Test
    void availabilityChangeIsBroadcast(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.send(PresenceBuilder.buildPresence().to(room.occupant("bob")).setMode(Presence.Mode.away).setStatus("lunch").build());

        Presence update = room.expectFrom(alice, "bob", "bob's away presence", p -> p.getType() == Presence.Type.available
                && p.getMode() == Presence.Mode.away);
        assertEquals("lunch", update.getStatus(), "status text passed on: " + Room.describe(update));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.14", level = MUST,
          requirement = "a room that is not persistent is destroyed when its last occupant leaves: asked for its disco#info afterwards, the service knows no such room")
    @Test
    void temporaryRoomGoesAwayWithLastOccupant(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "0"));

        room.leave(alice, "alice");
        room.expectFrom(alice, "alice", "alice's unavailable self-presence", p -> p.getType() == Presence.Type.unavailable);
        IQ reply = room.discoInfoAfterShutdown(lab, alice);

        Room.expectError(reply, StanzaError.Condition.item_not_found, "disco#info of the emptied temporary room");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10", level = MUST,
          requirement = "a persistent room keeps existing, with its owner, after every occupant has left")
    @Test
    void persistentRoomOutlivesItsOccupants(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "1"));

        room.leave(alice, "alice");
        room.expectFrom(alice, "alice", "alice's unavailable self-presence", p -> p.getType() == Presence.Type.unavailable);
        Presence again = room.enter(alice, "alice");

        assertEquals(Presence.Type.available, again.getType(), "alice re-entering: " + Room.describe(again));
        assertTrue(!Room.codes(again).contains(201), "the persistent room was created anew (status 201): " + Room.describe(again));
        assertEquals(org.jivesoftware.smackx.muc.MUCAffiliation.owner, Room.affiliation(again), "alice's affiliation on return");
    }
}
