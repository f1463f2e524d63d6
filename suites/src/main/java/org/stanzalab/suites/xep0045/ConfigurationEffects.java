package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §10.2: a setting the owner changes in an existing room takes effect for the people who enter or are in it
 * afterwards (password, members-only, anonymity, maximum users, hidden or public, persistence, subject rights).
 */
@StanzalabTest
class ConfigurationEffects {
    private static final String OLD = "old-S3cret-Stanzalab";
    private static final String NEW = "new-S3cret-Stanzalab";

    // ---- password (§7.2.5) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = MUST,
          requirement = "a password the owner adds to an existing room is required from then on: entering without one is refused with not-authorized")
    @Test
    void passwordAddedLaterIsRequired(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        RoomSettings.change(room, alice, RoomSettings.password(room, alice, NEW));
        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.not_authorized, Room.condition(answer), "entering without password after one was set: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = MUST,
          requirement = "after the owner changes a room's password, the old password is wrong: entering with it is refused with not-authorized")
    @Test
    void changedPasswordRefusesTheOldOne(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.passwordProtected(lab, alice, OLD);

        RoomSettings.change(room, alice, RoomSettings.password(room, alice, NEW));
        Presence answer = room.enter(bob, "bob", Room.password(OLD));

        assertEquals(StanzaError.Condition.not_authorized, Room.condition(answer), "entering with the old password: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.5", level = SHOULD,
          requirement = "after the owner changes a room's password, the new password lets a user in")
    @Test
    void changedPasswordAdmitsWithTheNewOne(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.passwordProtected(lab, alice, OLD);

        RoomSettings.change(room, alice, RoomSettings.password(room, alice, NEW));
        Presence answer = room.enter(bob, "bob", Room.password(NEW));

        assertEquals(Presence.Type.available, answer.getType(), "entering with the new password: " + Room.describe(answer));
    }

    // ---- members-only (§7.2.6) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.6", level = MUST,
          requirement = "a room the owner makes members-only later refuses a user who is not a member with registration-required")
    @Test
    void roomMadeMembersOnlyLaterRefusesNonMember(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "0"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_membersonly", "1"));
        Presence answer = room.enter(bob, "bob");

        assertEquals(StanzaError.Condition.registration_required, Room.condition(answer), "a non-member entering: " + Room.describe(answer));
    }

    // ---- default roles (§5.1.2) ----

    /** A room type, the newcomer's affiliation and the role the table of §5.1.2 gives it. */
    enum DefaultRole {
        moderatedNone("muc#roomconfig_moderatedroom", "1", null, MUCRole.visitor),
        moderatedMember("muc#roomconfig_moderatedroom", "1", MUCAffiliation.member, MUCRole.participant),
        moderatedAdmin("muc#roomconfig_moderatedroom", "1", MUCAffiliation.admin, MUCRole.moderator),
        moderatedOwner("muc#roomconfig_moderatedroom", "1", MUCAffiliation.owner, MUCRole.moderator),
        unmoderatedNone("muc#roomconfig_moderatedroom", "0", null, MUCRole.participant),
        unmoderatedAdmin("muc#roomconfig_moderatedroom", "0", MUCAffiliation.admin, MUCRole.moderator),
        membersOnlyMember("muc#roomconfig_membersonly", "1", MUCAffiliation.member, MUCRole.participant),
        membersOnlyAdmin("muc#roomconfig_membersonly", "1", MUCAffiliation.admin, MUCRole.moderator);

        final String field;
        final String value;
        final MUCAffiliation affiliation;
        final MUCRole role;

        DefaultRole(String field, String value, MUCAffiliation affiliation, MUCRole role) {
            this.field = field;
            this.value = value;
            this.affiliation = affiliation;
            this.role = role;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.2", level = SHOULD,
          requirement = "a newcomer gets the initial role the table gives its affiliation in the room's type (moderated: visitor without affiliation, participant as member, moderator as admin or owner; unmoderated and members-only likewise)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(DefaultRole.class)
    void newcomerGetsTheDefaultRoleOfItsAffiliation(DefaultRole c, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields(c.field, c.value));
        if (c.affiliation != null) {
            room.grant(alice, bob.bareJid(), c.affiliation);
        }

        Presence self = room.join(bob, "bob");

        assertEquals(c.role, Room.role(self), "bob's role on entering a room with " + c.field + "=" + c.value
                + " as " + (c.affiliation == null ? "none" : c.affiliation) + ": " + Room.describe(self));
    }

    // ---- hidden and public (§6.3) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.3", level = SHOULD,
          requirement = "a public room the owner makes hidden is no longer in the service's list of rooms")
    @Test
    void roomMadeHiddenLeavesTheRoomList(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_publicroom", "1"));
        lab.setUp("the public room is listed", () -> lab.requireThat(RoomSettings.listedRooms(bob, lab).contains(room.jid.toString()),
                "the service does not list the public room " + room.jid + " at all (judged by Discovery.publicRoomIsListed)"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_publicroom", "0"));

        assertFalse(RoomSettings.listedRooms(bob, lab).contains(room.jid.toString()), "the room made hidden is still listed: " + room.jid);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "6.3", level = SHOULD,
          requirement = "a hidden room the owner makes public appears in the service's list of rooms")
    @Test
    void roomMadePublicJoinsTheRoomList(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_publicroom", "0"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_publicroom", "1"));

        List<String> rooms = RoomSettings.listedRooms(bob, lab);
        assertTrue(rooms.contains(room.jid.toString()), "the room made public is not listed: " + room.jid + " (" + rooms.size() + " rooms listed)");
    }

    // ---- anonymity (§7.2.3, §7.2.4) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.3", level = MUST,
          requirement = "once the owner makes a room non-anonymous, a newcomer's full JID is sent to every occupant, participants included")
    @Test
    void roomMadeNonAnonymousShowsNewcomersJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "moderators"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_whois", "anyone"));
        room.join(carol, "carol");

        Presence seen = room.expectFrom(bob, "carol", "carol's arrival", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(seen);
        assertTrue(item != null && carol.jid().equals(item.getJid()), "bob should now see carol's full JID " + carol.jid() + ": " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.4", level = MUST,
          requirement = "once the owner makes a room semi-anonymous, a newcomer's full JID is no longer sent to participants")
    @Test
    void roomMadeSemiAnonymousHidesNewcomersJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_whois", "moderators"));
        room.join(carol, "carol");

        Presence seen = room.expectFrom(bob, "carol", "carol's arrival", p -> p.getType() == Presence.Type.available);
        MUCItem item = Room.item(seen);
        assertNull(item == null ? null : item.getJid(), "bob (a participant) must no longer learn carol's JID: " + Room.describe(seen));
    }

    // ---- maximum users (§7.2.9) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.9", level = MUST,
          requirement = "an admin may still enter when the room holds its maximum number of occupants")
    @Test
    void fullRoomStillAdmitsAdmin(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_maxusers", "2"));
        room.grant(alice, carol.bareJid(), MUCAffiliation.admin);
        room.joined(bob, "bob");

        Presence answer = room.enter(carol, "carol");

        assertEquals(Presence.Type.available, answer.getType(), "an admin entering the full room: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.9", level = SHOULD,
          requirement = "when the owner lowers the maximum number of occupants of a room to what it holds, the next user is refused with service-unavailable")
    @Test
    void loweredMaximumRefusesTheNextUser(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_maxusers", "2"));
        Presence answer = room.enter(carol, "carol");

        assertEquals(StanzaError.Condition.service_unavailable, Room.condition(answer), "carol entering the room now full: " + Room.describe(answer));
    }

    // ---- persistence (§7.14, §10) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.14", level = MUST,
          requirement = "a persistent room the owner makes temporary is destroyed when its last occupant leaves")
    @Test
    void roomMadeTemporaryGoesAwayWhenEmptied(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "1"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_persistentroom", "0"));
        room.leave(alice, "alice");
        room.expectFrom(alice, "alice", "alice's unavailable self-presence", p -> p.getType() == Presence.Type.unavailable);
        IQ reply = room.discoInfoAfterShutdown(lab, alice);

        Room.expectError(reply, StanzaError.Condition.item_not_found, "disco#info of the emptied room made temporary");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10", level = MUST,
          requirement = "a temporary room the owner makes persistent keeps existing, with its owner, after every occupant has left")
    @Test
    void roomMadePersistentOutlivesItsOccupants(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "0"));

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_persistentroom", "1"));
        room.leave(alice, "alice");
        room.expectFrom(alice, "alice", "alice's unavailable self-presence", p -> p.getType() == Presence.Type.unavailable);
        Presence again = room.enter(alice, "alice");

        assertEquals(Presence.Type.available, again.getType(), "alice re-entering: " + Room.describe(again));
        assertFalse(Room.codes(again).contains(201), "the room made persistent was created anew (status 201): " + Room.describe(again));
        assertEquals(MUCAffiliation.owner, Room.affiliation(again), "alice's affiliation on return");
    }

    // ---- subject rights (§8.1) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.1", level = MUST,
          requirement = "once the owner withdraws the participants' right to change the subject, a participant's change is refused with forbidden")
    @Test
    void withdrawnSubjectRightRefusesParticipant(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_changesubject", "1", "muc#roomconfig_moderatedroom", "0"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_changesubject", "0"));
        Subject.subject(bob, room, "bob's topic");

        Message error = bob.expectMessage("an error for bob's subject change",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.forbidden, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.1", level = MUST,
          requirement = "once the owner lets participants change the subject, a participant's change is passed on to the occupants")
    @Test
    void grantedSubjectRightLetsParticipantChangeIt(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_changesubject", "0", "muc#roomconfig_moderatedroom", "0"));
        room.joined(bob, "bob");

        RoomSettings.change(room, alice, RoomSettings.values("muc#roomconfig_changesubject", "1"));
        Subject.subject(bob, room, "bob's topic");

        alice.expectMessage("bob's subject passed on", m -> m.getType() == Message.Type.groupchat && "bob's topic".equals(m.getSubject()));
    }

    // ---- invitations in a members-only room (§7.8.2) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.8.2", level = MUST,
          requirement = "in a members-only room whose configuration lets members invite, a member's invitation is sent on to the invitee with the inviter's address")
    @Test
    void memberInvitationIsSentOnWhereMembersMayInvite(Lab lab) {
        Session alice = lab.newUser().connect().available();
        Session bob = lab.newUser().connect().available();
        Session carol = lab.newUser().connect().available();
        Room room = Room.createLocked(lab, alice, "alice");
        // The standard switch where the form has it; Prosody names its own (members may invite), as Invitations does.
        String invites = RoomSettings.firstOffered(RoomSettings.form(room, alice),
                "muc#roomconfig_allowinvites", "{http://prosody.im/protocol/muc}roomconfig_allowmemberinvites");
        room.configure(alice, Room.fields("muc#roomconfig_membersonly", "1", invites, "1"));
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");

        Invitations.sendThroughRoom(bob, room, "invite", carol.bareJid(), "come along");

        Message invitation = carol.expectMessage("the invitation from " + room.jid, m -> room.jid.equals(m.getFrom())
                && MUCUser.from(m) != null && MUCUser.from(m).getInvite() != null);
        assertTrue(MUCUser.from(invitation).getInvite().getFrom() != null, "the invitation names no inviter: " + Room.describe(invitation));
    }

    // ---- history kept (§7.2.13) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.13", level = MAY,
          requirement = "how much discussion history a room sends a newcomer follows its configuration: a room configured to keep none sends none")
    @Test
    void roomConfiguredWithoutHistorySendsNone(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        String field = RoomSettings.firstOffered(RoomSettings.form(room, alice), "muc#maxhistoryfetch", "muc#roomconfig_historylength");
        RoomSettings.configure(room, alice, RoomSettings.values(field, "0"));
        RoomSettings.sayAll(room, alice, "kept? one", "kept? two");

        room.join(bob, "bob");

        List<Message> history = RoomSettings.historyOf(bob, room, "kept? ");
        assertTrue(history.isEmpty(), "with " + field + "=0 the room sent " + history.size() + " history messages");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.13", level = MAY,
          requirement = "a room configured to keep one message of history sends a newcomer at most that one, the most recent")
    @Test
    void roomConfiguredWithOneMessageOfHistorySendsOnlyTheLast(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        String field = RoomSettings.firstOffered(RoomSettings.form(room, alice), "muc#maxhistoryfetch", "muc#roomconfig_historylength");
        RoomSettings.configure(room, alice, RoomSettings.values(field, "1"));
        RoomSettings.sayAll(room, alice, "kept? one", "kept? two");

        room.join(bob, "bob");

        List<Message> history = RoomSettings.historyOf(bob, room, "kept? ");
        assertTrue(history.size() <= 1, "with " + field + "=1 the room sent " + history.size() + " history messages");
        assertTrue(history.isEmpty() || "kept? two".equals(history.get(0).getBody()),
                "the one history message must be the most recent: " + Room.describe(history.get(0)));
    }

    // ---- nickname changes (§7.6) ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.6", level = MUST,
          requirement = "where the room's configuration locks nicknames (here a visitor's), a nickname change is denied with a presence error: not-acceptable, or not-allowed for a restriction by role")
    @Test
    void lockedNicknameChangeIsRefused(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        String field = RoomSettings.firstOffered(RoomSettings.form(room, alice),
                "muc#roomconfig_allowvisitornickchange", "allow_visitor_nickchange");
        RoomSettings.configure(room, alice, RoomSettings.values(field, "0"));
        room.joined(bob, "bob");
        lab.setUp("revoke bob's voice", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.visitor)));

        bob.send(org.jivesoftware.smack.packet.PresenceBuilder.buildPresence().to(room.occupant("robert")).build());

        Presence answer = bob.expectPresence("the answer to the visitor's nickname change",
                p -> p.getFrom() != null && room.jid.equals(p.getFrom().asBareJid())
                        && (p.getType() == Presence.Type.error || room.occupant("robert").equals(p.getFrom())));
        assertEquals(Presence.Type.error, answer.getType(), "the nickname change with " + field + "=0 went through: " + Room.describe(answer));
        // §7.6 names not-acceptable for nicknames locked to reserved ones; a restriction by role is a refused privilege,
        // for which not-allowed is the condition XEP-0045 uses elsewhere, so either is accepted.
        assertTrue(Room.condition(answer) == StanzaError.Condition.not_acceptable || Room.condition(answer) == StanzaError.Condition.not_allowed,
                "expected <not-acceptable/> (or <not-allowed/>), got " + Room.describe(answer));
    }

    // ---- settings the form may offer without our servers offering them ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.11", level = MAY,
          requirement = "where the configuration lets participants retrieve the member list (muc#roomconfig_getmemberlist), a participant who asks gets it")
    @Test
    void participantGetsMemberListWhereAllowed(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "0"));
        RoomSettings.configure(room, alice, Map.of("muc#roomconfig_getmemberlist", List.of("moderator", "participant")));
        room.grant(alice, carol.bareJid(), MUCAffiliation.member);
        room.joined(bob, "bob");

        IQ reply = room.list(bob, "affiliation", "member");

        Room.expectResult(reply);
        assertTrue(reply.toXML().toString().contains(carol.bareJid().toString()), "the member list lacks carol: " + reply.toXML());
    }

    /** The list fields through which an owner names owners and admins in the form (§10.2). */
    enum ListedAffiliation {
        owner("muc#roomconfig_roomowners", MUCAffiliation.owner),
        admin("muc#roomconfig_roomadmins", MUCAffiliation.admin);

        final String field;
        final MUCAffiliation affiliation;

        ListedAffiliation(String field, MUCAffiliation affiliation) {
            this.field = field;
            this.affiliation = affiliation;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.2", level = MUST,
          requirement = "an occupant who gains owner or admin status through a configuration change is announced to the occupants with the new affiliation")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ListedAffiliation.class)
    void affiliationGainedThroughTheFormIsAnnounced(ListedAffiliation c, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        RoomSettings.field(RoomSettings.form(room, alice), c.field);
        room.joined(bob, "bob");

        List<String> listed = c == ListedAffiliation.owner ? List.of(alice.bareJid().toString(), bob.bareJid().toString()) : List.of(bob.bareJid().toString());
        RoomSettings.change(room, alice, Map.of(c.field, listed));

        room.expectFrom(alice, "bob", "bob's presence with affiliation " + c.affiliation,
                p -> p.getType() == Presence.Type.available && Room.affiliation(p) == c.affiliation);
    }
}
