package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §10.2 and §10.2.1: effects of a later configuration change on the occupants. */
@StanzalabTest
class Configuration {

    private static Message notification(Session session, Room room, int code) {
        return session.expectMessage("a configuration-change notification with status " + code,
                m -> room.jid.equals(m.getFrom()) && Room.codes(m).contains(code));
    }

    private static void change(Lab lab, Session owner, Room room, Map<String, String> fields) {
        IQ reply = room.submit(owner, fields);
        Room.expectResult(reply);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "when a room becomes non-anonymous the occupants are notified with a message carrying status 172")
    @Test
    void becomingNonAnonymousIsAnnouncedWith172(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "moderators"));
        room.joined(bob, "bob");

        change(lab, alice, room, Room.fields("muc#roomconfig_whois", "anyone"));

        notification(bob, room, 172);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = MUST,
          requirement = "when a room becomes semi-anonymous the occupants are notified with a message carrying status 173")
    @Test
    void becomingSemiAnonymousIsAnnouncedWith173(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));
        room.joined(bob, "bob");

        change(lab, alice, room, Room.fields("muc#roomconfig_whois", "moderators"));

        notification(bob, room, 173);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2.1", level = SHOULD,
          requirement = "a configuration change that does not touch privacy is announced to the occupants with status 104")
    @Test
    void otherChangeIsAnnouncedWith104(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        change(lab, alice, room, Room.fields("muc#roomconfig_roomname", "Renamed by Stanzalab"));

        notification(bob, room, 104);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "when a room becomes members-only, occupants who are not members are removed with status 322")
    @Test
    void becomingMembersOnlyRemovesNonMembersWith322(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "0"));
        room.joined(bob, "bob");

        change(lab, alice, room, Room.fields("muc#roomconfig_membersonly", "1"));

        Presence gone = room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(322), "status 322 missing: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "the other occupants also see a non-member's removal from a room that became members-only with status 322")
    @Test
    void othersSeeMembersOnlyRemovalWith322(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "0"));
        room.joined(bob, "bob");

        change(lab, alice, room, Room.fields("muc#roomconfig_membersonly", "1"));

        Presence gone = room.expectFrom(alice, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(322), "status 322 missing: " + Room.describe(gone));
    }
}
