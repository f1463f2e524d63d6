package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.1 and §7.2: entering a room, the presences it sends, and the reasons it refuses entry. */
@StanzalabTest
class Entering {

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.1", level = MUST,
          requirement = "a join presence addressed to the bare room JID (no nickname) is refused with jid-malformed")
    @Test
    void joinWithoutNicknameIsJidMalformed(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        bob.send(PresenceBuilder.buildPresence().to(room.jid)
                .addExtension(StandardExtensionElement.builder("x", Room.MUC).build()).build());

        Presence answer = bob.expectPresence("an error for a join without nickname",
                p -> room.jid.equals(p.getFrom() == null ? null : p.getFrom().asBareJid()) && p.getType() == Presence.Type.error);
        assertEquals(StanzaError.Condition.jid_malformed, Room.condition(answer), "condition: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "the room's presence to a new occupant about itself carries status code 110")
    @Test
    void selfPresenceCarriesStatus110(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.sendJoin(bob, "bob");

        Presence self = room.expectFrom(bob, "bob", "bob's own presence in the room", p -> p.getType() == Presence.Type.available);
        assertTrue(Room.isSelf(self), "bob's own in-room presence lacks status 110: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "a new occupant receives the presence of every existing occupant before its own self-presence")
    @Test
    void existingOccupantsArriveBeforeSelfPresence(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        room.join(carol, "carol");

        List<Presence> fromRoom = carol.received().stream().filter(s -> s instanceof Presence p && fromRoom(room, p))
                .map(s -> (Presence) s).toList();
        int self = indexOf(fromRoom, room, "carol");
        assertTrue(indexOf(fromRoom, room, "alice") >= 0 && indexOf(fromRoom, room, "alice") < self,
                "alice's presence must come before carol's self-presence; order: " + nicks(fromRoom));
        assertTrue(indexOf(fromRoom, room, "bob") >= 0 && indexOf(fromRoom, room, "bob") < self,
                "bob's presence must come before carol's self-presence; order: " + nicks(fromRoom));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "each existing occupant's presence sent to a newcomer carries a muc#user item with its role and affiliation")
    @Test
    void occupantPresenceCarriesRoleAndAffiliation(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.join(bob, "bob");

        Presence owner = room.expectFrom(bob, "alice", "alice's presence", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(owner);
        assertNotNull(item, "alice's presence lacks a muc#user item: " + Room.describe(owner));
        assertEquals(MUCRole.moderator, item.getRole(), "alice's role: " + Room.describe(owner));
        assertEquals(MUCAffiliation.owner, item.getAffiliation(), "alice's affiliation: " + Room.describe(owner));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "the presence of a new occupant is sent to the occupants already in the room")
    @Test
    void newOccupantIsAnnouncedToOthers(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.join(bob, "bob");

        Presence seen = room.expectFrom(alice, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available);
        assertEquals(MUCRole.participant, Room.role(seen), "bob's role as announced to alice: " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.3", level = MUST,
          requirement = "in a non-anonymous room every occupant is told a newcomer's full JID")
    @Test
    void nonAnonymousRoomShowsFullJidToAll(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));
        room.joined(bob, "bob");

        room.join(carol, "carol");

        Presence seen = room.expectFrom(bob, "carol", "carol's arrival", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(seen);
        assertTrue(item != null && carol.jid().equals(item.getJid()),
                "bob (a participant) should see carol's full JID " + carol.jid() + ": " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.3", level = MUST,
          requirement = "a newcomer's self-presence in a non-anonymous room carries status 100 as a warning")
    @Test
    void nonAnonymousRoomWarnsWithStatus100(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));

        Presence self = room.join(bob, "bob");

        assertTrue(Room.codes(self).contains(100), "bob's self-presence in a non-anonymous room lacks status 100: " + Room.describe(self));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.4", level = MUST,
          requirement = "in a semi-anonymous room a newcomer's full JID is not sent to occupants who are not moderators")
    @Test
    void semiAnonymousRoomHidesJidFromParticipants(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "moderators"));
        room.joined(bob, "bob");

        room.join(carol, "carol");

        Presence seen = room.expectFrom(bob, "carol", "carol's arrival", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(seen);
        assertNull(item == null ? null : item.getJid(), "bob (a participant) must not learn carol's JID: " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.4", level = MUST,
          requirement = "in a semi-anonymous room moderators are told a newcomer's full JID")
    @Test
    void semiAnonymousRoomShowsJidToModerators(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "moderators"));

        room.join(bob, "bob");

        Presence seen = room.expectFrom(alice, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(seen);
        assertTrue(item != null && bob.jid().equals(item.getJid()),
                "alice (a moderator) should see bob's full JID " + bob.jid() + ": " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = MUST,
          requirement = "entering a password-protected room without a password is refused with not-authorized")
    @Test
    void passwordRoomWithoutPasswordIsNotAuthorized(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.passwordProtected(lab, alice, "s3cret-Stanzalab");

        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.not_authorized, Room.condition(answer), "entering without password: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = MUST,
          requirement = "entering a password-protected room with a wrong password is refused with not-authorized")
    @Test
    void passwordRoomWithWrongPasswordIsNotAuthorized(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.passwordProtected(lab, alice, "s3cret-Stanzalab");

        Presence answer = room.enter(bob, "bob", Room.password("wrong-guess"));

        assertEquals(StanzaError.Condition.not_authorized, Room.condition(answer), "entering with a wrong password: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = SHOULD,
          requirement = "a password sent in the join presence lets the user into a password-protected room")
    @Test
    void passwordRoomWithRightPasswordAdmits(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.passwordProtected(lab, alice, "s3cret-Stanzalab");

        Presence answer = room.enter(bob, "bob", Room.password("s3cret-Stanzalab"));

        assertEquals(Presence.Type.available, answer.getType(), "entering with the right password: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.6", level = MUST,
          requirement = "a user not on the member list of a members-only room is refused with registration-required")
    @Test
    void membersOnlyRoomRefusesNonMember(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "1"));

        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.registration_required, Room.condition(answer), "a non-member entering: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.2", level = MUST,
          requirement = "a member enters a members-only room, and the room's presence to them states the affiliation member (every presence the room sends carries the affiliation)")
    @Test
    void membersOnlyRoomAdmitsMember(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "1"));
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);

        Presence answer = room.enter(bob, "bob");

        assertEquals(Presence.Type.available, answer.getType(), "a member entering: " + Room.describe(answer));
        assertEquals(MUCAffiliation.member, Room.affiliation(answer), "bob's affiliation: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.7", level = MUST,
          requirement = "a banned user (affiliation outcast) who tries to enter is refused with forbidden")
    @Test
    void bannedUserIsForbidden(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.grant(alice, bob.bareJid(), MUCAffiliation.outcast);

        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.forbidden, Room.condition(answer), "a banned user entering: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.8", level = MUST,
          requirement = "entering with a nickname another user already has in the room is refused with conflict")
    @Test
    void takenNicknameIsConflict(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        Presence answer = room.enter(bob, "alice");

        assertEquals(StanzaError.Condition.conflict, Room.condition(answer), "bob entering as 'alice': " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.9", level = SHOULD,
          requirement = "when a room holds its maximum number of occupants, a further user is refused with service-unavailable")
    @Test
    void fullRoomRefusesWithServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_maxusers", "2"));
        room.joined(bob, "bob");

        Presence answer = room.enter(carol, "carol");

        assertEquals(StanzaError.Condition.service_unavailable, Room.condition(answer), "carol entering a full room: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.9", level = MUST,
          requirement = "an owner may still enter when the room holds its maximum number of occupants")
    @Test
    void fullRoomStillAdmitsOwner(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_maxusers", "2"));
        room.grant(alice, carol.bareJid(), MUCAffiliation.owner);
        room.joined(bob, "bob");

        Presence answer = room.enter(carol, "carol");

        assertEquals(Presence.Type.available, answer.getType(), "carol, an owner, entering a full room: " + Room.describe(answer));
    }

    private static boolean fromRoom(Room room, Presence p) {
        return p.getFrom() != null && room.jid.equals(p.getFrom().asBareJid()) && p.getFrom().hasResource();
    }

    private static int indexOf(List<Presence> presences, Room room, String nick) {
        for (int i = 0; i < presences.size(); i++) {
            if (room.occupant(nick).equals(presences.get(i).getFrom()) && presences.get(i).getType() == Presence.Type.available) {
                return i;
            }
        }
        return -1;
    }

    private static List<String> nicks(List<Presence> presences) {
        return presences.stream().map(Stanza::getFrom).map(j -> j.getResourceOrEmpty().toString()).toList();
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "an occupant's presence sent by the room holds no more than one muc#user x element")
    @Test
    void presenceHasAtMostOneMucUserElement(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        Presence self = room.join(bob, "bob");

        Presence owner = room.expectFrom(bob, "alice", "alice's presence", p -> p.getType() == Presence.Type.available);
        for (Presence p : List.of(self, owner)) {
            assertTrue(p.getExtensions("x", Room.USER).size() <= 1, "more than one muc#user x: " + Room.describe(p));
        }
    }
}
