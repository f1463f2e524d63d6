package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.Destroy;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §8.2, §9.1, §9.4, §10.9: how the room tells an occupant it was kicked, banned, removed, or the room destroyed. */
@StanzalabTest
class Removals {

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MUST,
          requirement = "a kicked occupant is sent unavailable presence with status 307, and the moderator gets a result")
    @Test
    void kickedOccupantGetsStatus307(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        IQ reply = room.admin(alice, "<item nick='bob' role='none'><reason>testing</reason></item>");

        Room.expectResult(reply);
        Presence gone = room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(307), "status 307 missing: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MUST,
          requirement = "the remaining occupants are told of a kick by unavailable presence from the kicked occupant with status 307")
    @Test
    void othersSeeKickWithStatus307(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");
        room.joined(carol, "carol");

        Room.expectResult(room.setRole(alice, "bob", MUCRole.none));

        Presence gone = room.expectFrom(carol, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(307), "status 307 missing: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.1", level = MUST,
          requirement = "a banned occupant is sent unavailable presence with status 301")
    @Test
    void bannedOccupantGetsStatus301(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        Room.expectResult(room.setAffiliation(alice, bob.bareJid(), MUCAffiliation.outcast));

        Presence gone = room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(301), "status 301 missing: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = MUST,
          requirement = "the ban list sent to an admin lists each banned user with 'jid' and 'affiliation'")
    @Test
    void banListNamesBannedUsers(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.grant(alice, bob.bareJid(), MUCAffiliation.outcast);

        IQ reply = room.list(alice, "affiliation", "outcast");

        Room.expectResult(reply);
        String xml = reply.toXML().toString();
        assertTrue(xml.contains(bob.bareJid().toString()) && xml.contains("outcast"), "the ban list lacks bob as outcast: " + xml);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "the member list sent to an admin lists each member with 'jid' and 'affiliation'")
    @Test
    void memberListNamesMembers(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);

        IQ reply = room.list(alice, "affiliation", "member");

        Room.expectResult(reply);
        String xml = reply.toXML().toString();
        assertTrue(xml.contains(bob.bareJid().toString()) && xml.contains("member"), "the member list lacks bob as member: " + xml);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.5", level = MUST,
          requirement = "the voice list sent to a moderator lists the participants with 'nick' and 'role'")
    @Test
    void voiceListNamesParticipants(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        room.joined(bob, "bob");
        lab.setUp("give bob voice", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.participant)));

        IQ reply = room.list(alice, "role", "participant");

        Room.expectResult(reply);
        String xml = reply.toXML().toString();
        assertTrue(xml.contains("nick='bob'") && xml.contains("role='participant'"), "the voice list lacks bob as participant: " + xml);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.4", level = MUST,
          requirement = "a member whose membership is revoked in a members-only room is removed with status 321")
    @Test
    void revokedMemberOfMembersOnlyRoomGetsStatus321(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "1"));
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");

        Room.expectResult(room.setAffiliation(alice, bob.bareJid(), MUCAffiliation.none));

        Presence gone = room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(321), "status 321 missing: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.9", level = MUST,
          requirement = "when an owner destroys a room, each occupant is sent unavailable presence with a destroy element carrying the alternate venue and reason the owner gave")
    @Test
    void destructionTellsOccupantsAlternateVenue(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");
        String venue = "sl-elsewhere@" + Room.service(lab);

        IQ reply = room.destroy(alice, "<destroy jid='" + venue + "'><reason>moving house</reason></destroy>");

        Room.expectResult(reply);
        Presence gone = room.expectFrom(bob, "bob", "bob's removal by destruction", p -> p.getType() == Presence.Type.unavailable);
        MUCUser x = MUCUser.from(gone);
        Destroy destroy = x == null ? null : x.getDestroy();
        assertNotNull(destroy, "no <destroy/> in the removal: " + Room.describe(gone));
        assertEquals(venue, String.valueOf(destroy.getJid()), "alternate venue: " + Room.describe(gone));
        assertEquals("moving house", destroy.getReason(), "reason: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.9", level = MUST,
          requirement = "a destroyed room is gone: its disco#info is answered with item-not-found, or gone where the service keeps the name locked as §10.9 allows")
    @Test
    void destroyedRoomIsGone(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "1"));

        Room.expectResult(room.destroy(alice, "<destroy/>"));
        IQ info = room.discoInfoAfterShutdown(lab, alice);

        assertEquals(IQ.Type.error, info.getType(), "disco#info of the destroyed room: " + info.toXML());
        assertTrue(Room.condition(info) == StanzaError.Condition.item_not_found || Room.condition(info) == StanzaError.Condition.gone,
                "disco#info of the destroyed room: expected <item-not-found/> or <gone/>, got " + info.toXML());
    }
}
