package org.stanzalab.suites.xep0045;

import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §7.2.2: the room sends a newcomer's presence to every occupant unless muc#roomconfig_presencebroadcast
 * leaves the newcomer's role out. Each room here is moderated, so that a newcomer without affiliation is a visitor
 * where the server follows §5.1.2, and a member is a participant.
 */
@StanzalabTest
class PresenceBroadcast {

    /** The roles whose presence is broadcast, and who enters (a member is a participant, a plain user a visitor). */
    enum Omitted {
        participantsLeftOut(List.of("moderator", "visitor"), true),
        visitorsLeftOut(List.of("moderator", "participant"), false);

        final List<String> broadcast;
        final boolean member;

        Omitted(List<String> broadcast, boolean member) {
            this.broadcast = broadcast;
            this.member = member;
        }
    }

    private static Room moderatedRoom(Lab lab, Session owner, List<String> broadcast) {
        Room room = Room.reserved(lab, owner, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        RoomSettings.configure(room, owner, Map.of("muc#roomconfig_presencebroadcast", broadcast));
        return room;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MAY,
          requirement = "a room configured not to broadcast presence from a role (muc#roomconfig_presencebroadcast) does not send a newcomer of that role to the other occupants")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Omitted.class)
    void newcomerOfAnOmittedRoleIsNotBroadcast(Omitted c, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = moderatedRoom(lab, alice, c.broadcast);
        if (c.member) {
            room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        }

        Presence self = room.join(bob, "bob");

        String role = String.valueOf(Room.role(self));
        lab.requireThat(!c.broadcast.contains(role), "bob entered as " + role + ", a role the room broadcasts (judged by the default-role tests)");
        RoomSettings.expectNoPresenceFrom(alice, room, "bob", "bob's presence as " + role + ", a role left out of muc#roomconfig_presencebroadcast");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = MUST,
          requirement = "in a room configured to broadcast presence from visitors, an occupant made a visitor is announced to the other occupants with role visitor")
    @Test
    void changeToVisitorIsBroadcastWhereConfigured(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = moderatedRoom(lab, alice, List.of("moderator", "participant", "visitor"));
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");
        room.joined(carol, "carol");

        Room.expectResult(room.setRole(alice, "bob", org.jivesoftware.smackx.muc.MUCRole.visitor));

        room.expectFrom(carol, "bob", "bob's presence as a visitor",
                p -> p.getType() == Presence.Type.available && Room.role(p) == org.jivesoftware.smackx.muc.MUCRole.visitor);
    }
}
