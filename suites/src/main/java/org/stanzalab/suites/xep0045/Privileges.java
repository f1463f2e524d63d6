package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §8 to §10: requests from occupants who lack the privilege are refused with forbidden, and changes
 * against a user of higher (or protected) affiliation with not-allowed or conflict, as each section says.
 * Alice owns the room; bob and carol are unaffiliated participants unless a test says otherwise.
 */
@StanzalabTest
class Privileges {

    /** muc#admin requests that only a moderator may make (§8), made by a participant about carol. */
    enum ModeratorRequest {
        kick(IQ.Type.set, "<item nick='carol' role='none'/>"),
        revokeVoice(IQ.Type.set, "<item nick='carol' role='visitor'/>"),
        voiceList(IQ.Type.get, "<item role='participant'/>");

        final IQ.Type type;
        final String items;

        ModeratorRequest(IQ.Type type, String items) {
            this.type = type;
            this.items = items;
        }
    }

    /** muc#admin requests that only an admin may make (§9), made by a participant about carol ({@code CAROL} is her bare JID). */
    enum AdminRequest {
        ban(IQ.Type.set, "<item jid='CAROL' affiliation='outcast'/>"),
        grantMembership(IQ.Type.set, "<item jid='CAROL' affiliation='member'/>"),
        grantModerator(IQ.Type.set, "<item nick='carol' role='moderator'/>"),
        banList(IQ.Type.get, "<item affiliation='outcast'/>"),
        moderatorList(IQ.Type.get, "<item role='moderator'/>");

        final IQ.Type type;
        final String items;

        AdminRequest(IQ.Type type, String items) {
            this.type = type;
            this.items = items;
        }
    }

    private record Cast(Session alice, Session bob, Session carol, Room room) {
    }

    private static Cast cast(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");
        room.joined(carol, "carol");
        return new Cast(alice, bob, carol, room);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8", level = MUST,
          requirement = "a moderator's muc#admin request (kick, voice change, voice list) from an occupant who is not a moderator is refused with forbidden")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ModeratorRequest.class)
    void moderatorRequestFromParticipantIsForbidden(ModeratorRequest request, Lab lab) {
        Cast c = cast(lab);

        IQ reply = c.bob().request(new RawIq(request.type, c.room().jid, "query", Room.ADMIN, request.items));

        Room.expectError(reply, StanzaError.Condition.forbidden, "a participant's " + request + " request");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9", level = MUST,
          requirement = "an admin's muc#admin request (ban, membership, moderator status, ban or moderator list) from someone who is not an admin is refused with forbidden")
    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminRequest.class)
    void adminRequestFromParticipantIsForbidden(AdminRequest request, Lab lab) {
        Cast c = cast(lab);

        IQ reply = c.bob().request(new RawIq(request.type, c.room().jid, "query", Room.ADMIN,
                request.items.replace("CAROL", c.carol().bareJid().toString())));

        Room.expectError(reply, StanzaError.Condition.forbidden, "a participant's " + request + " request");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.3", level = MUST,
          requirement = "a request to grant owner status from someone who is not an owner (here an admin) is refused with forbidden")
    @Test
    void ownerGrantByAdminIsForbidden(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setAffiliation(c.bob(), c.carol().bareJid(), MUCAffiliation.owner);

        Room.expectError(reply, StanzaError.Condition.forbidden, "an admin granting owner status");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.6", level = MUST,
          requirement = "a request to grant admin status from someone who is not an owner (here an admin) is refused with forbidden")
    @Test
    void adminGrantByAdminIsForbidden(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setAffiliation(c.bob(), c.carol().bareJid(), MUCAffiliation.admin);

        Room.expectError(reply, StanzaError.Condition.forbidden, "an admin granting admin status");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.9", level = MUST,
          requirement = "a request to destroy the room from someone who is not an owner (here an admin) is refused with forbidden")
    @Test
    void destroyByAdminIsForbidden(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().destroy(c.bob(), "<destroy><reason>not mine</reason></destroy>");

        Room.expectError(reply, StanzaError.Condition.forbidden, "an admin destroying the room");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MUST,
          requirement = "a moderator without affiliation who tries to kick an owner is refused with not-allowed")
    @Test
    void kickOfOwnerByPlainModeratorIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        lab.setUp("make bob a moderator", () -> Room.expectResult(c.room().setRole(c.alice(), "bob", MUCRole.moderator)));

        IQ reply = c.room().setRole(c.bob(), "alice", MUCRole.none);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "a plain moderator kicking the owner");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MUST,
          requirement = "a moderator with affiliation member who tries to kick an admin is refused with not-allowed")
    @Test
    void kickOfAdminByMemberModeratorIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.member);
        c.room().grant(c.alice(), c.carol().bareJid(), MUCAffiliation.admin);
        lab.setUp("make bob a moderator", () -> Room.expectResult(c.room().setRole(c.alice(), "bob", MUCRole.moderator)));

        IQ reply = c.room().setRole(c.bob(), "carol", MUCRole.none);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "a member moderator kicking an admin");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.4", level = MUST,
          requirement = "a moderator who tries to revoke the voice of an owner is refused with not-allowed")
    @Test
    void revokingOwnersVoiceIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        lab.setUp("make bob a moderator", () -> Room.expectResult(c.room().setRole(c.alice(), "bob", MUCRole.moderator)));

        IQ reply = c.room().setRole(c.bob(), "alice", MUCRole.visitor);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "a moderator revoking the owner's voice");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.4", level = MUST,
          requirement = "nobody may revoke the voice of an admin: an owner who tries is refused with not-allowed")
    @Test
    void revokingAdminsVoiceIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setRole(c.alice(), "bob", MUCRole.visitor);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "the owner revoking an admin's voice");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.1", level = MUST,
          requirement = "an admin who tries to ban an owner is refused with not-allowed")
    @Test
    void banOfOwnerByAdminIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setAffiliation(c.bob(), c.alice().bareJid(), MUCAffiliation.outcast);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "an admin banning the owner");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.1", level = MUST,
          requirement = "an admin who tries to ban himself is refused, with conflict (§9.2 also allows not-allowed, since the same request is a ban-list change)")
    @Test
    void banningOneselfIsConflict(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setAffiliation(c.bob(), c.bob().bareJid(), MUCAffiliation.outcast);

        assertEquals(IQ.Type.error, reply.getType(), "an admin banning himself must be refused: " + reply.toXML());
        assertTrue(Room.condition(reply) == StanzaError.Condition.conflict || Room.condition(reply) == StanzaError.Condition.not_allowed,
                "an admin banning himself: expected <conflict/> (or <not-allowed/>), got " + reply.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.7", level = MUST,
          requirement = "an admin who tries to revoke the moderator status of an owner is refused with not-allowed")
    @Test
    void revokingOwnersModerationByAdminIsNotAllowed(Lab lab) {
        Cast c = cast(lab);
        c.room().grant(c.alice(), c.bob().bareJid(), MUCAffiliation.admin);

        IQ reply = c.room().setRole(c.bob(), "alice", MUCRole.participant);

        Room.expectError(reply, StanzaError.Condition.not_allowed, "an admin revoking the owner's moderator status");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.4", level = MUST,
          requirement = "the only owner of a room who tries to give up owner status is refused with conflict")
    @Test
    void soleOwnerCannotAbdicate(Lab lab) {
        Cast c = cast(lab);

        IQ reply = c.room().setAffiliation(c.alice(), c.alice().bareJid(), MUCAffiliation.admin);

        Room.expectError(reply, StanzaError.Condition.conflict, "the sole owner revoking her own owner status");
    }
}
