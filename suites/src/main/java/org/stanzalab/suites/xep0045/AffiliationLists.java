package org.stanzalab.suites.xep0045;

import static org.jivesoftware.smack.packet.StanzaError.Condition.conflict;
import static org.jivesoftware.smack.packet.StanzaError.Condition.forbidden;
import static org.jivesoftware.smack.packet.StanzaError.Condition.not_allowed;
import static org.jivesoftware.smackx.muc.MUCAffiliation.admin;
import static org.jivesoftware.smackx.muc.MUCAffiliation.member;
import static org.jivesoftware.smackx.muc.MUCAffiliation.none;
import static org.jivesoftware.smackx.muc.MUCAffiliation.outcast;
import static org.jivesoftware.smackx.muc.MUCAffiliation.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §8.5, §9.2, §9.5, §9.8, §10.5 and §10.8: who may fetch the voice, moderator, ban, member, admin and
 * owner lists of a semi-anonymous moderated room, what the lists hold, that they follow the changes just made, and
 * list changes of several items at once. The room's people: alice (owner), dave (admin), erin (member, so a
 * participant), bob (unaffiliated, so a visitor), and a banned address that is nobody's account.
 */
@StanzalabTest
class AffiliationLists {

    private record Population(Crew crew, Session dave, Session erin, Session bob, EntityBareJid banned) {
        Session as(MUCAffiliation who) {
            return switch (who) {
                case owner -> crew.owner;
                case admin -> dave;
                case member -> erin;
                case none -> bob;
                default -> throw new IllegalArgumentException(who.toString());
            };
        }
    }

    private static Population populate(Lab lab) {
        Crew crew = Crew.moderated(lab);
        Session dave = crew.add("dave", admin, MUCRole.moderator);
        Session erin = crew.add("erin", member, MUCRole.participant);
        Session bob = crew.add("bob", none, MUCRole.visitor);
        EntityBareJid banned = nobody(crew.lab);
        crew.room.grant(crew.owner, banned, outcast);
        return new Population(crew, dave, erin, bob, banned);
    }

    /** An address on the server that is nobody's account: bans and memberships are kept by bare JID all the same. */
    static EntityBareJid nobody(Lab lab) {
        return JidCreate.entityBareFromOrThrowUnchecked("sl-nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + lab.domain());
    }

    // ---- who gets which list ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.5", level = MUST,
          requirement = "the voice list is given to a moderator who is an admin, and names the participants (here the member erin)")
    @Test
    void voiceListIsGivenToAdmin(Lab lab) {
        Population p = populate(lab);

        IQ list = p.crew().room.list(p.dave(), "role", "participant");

        assertTrue(Crew.nicks(list).contains("erin"), "the voice list given to dave lacks erin: " + list.toXML());
        assertFalse(Crew.nicks(list).contains("bob"), "the voice list names bob, a visitor: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.8", level = MUST,
          requirement = "the moderator list is given to an admin and names every moderator (the owner and the admin)")
    @Test
    void moderatorListIsGivenToAdmin(Lab lab) {
        Population p = populate(lab);

        IQ list = p.crew().room.list(p.dave(), "role", "moderator");

        assertTrue(Crew.nicks(list).containsAll(List.of("alice", "dave")), "the moderator list given to dave lacks alice or dave: " + list.toXML());
        assertFalse(Crew.nicks(list).contains("erin"), "the moderator list names erin, a participant: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = MUST,
          requirement = "the ban list is given to an admin and names the banned address")
    @Test
    void banListIsGivenToAdmin(Lab lab) {
        Population p = populate(lab);

        IQ list = p.crew().room.list(p.dave(), "affiliation", "outcast");

        assertTrue(Crew.jids(list).contains(p.banned()), "the ban list given to dave lacks " + p.banned() + ": " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "the full member list is given to an admin and names the members by bare JID")
    @Test
    void memberListIsGivenToAdmin(Lab lab) {
        Population p = populate(lab);

        IQ list = p.crew().room.list(p.dave(), "affiliation", "member");

        assertTrue(Crew.jids(list).contains(p.erin().bareJid()), "the member list given to dave lacks erin: " + list.toXML());
        assertFalse(Crew.jids(list).contains(p.bob().bareJid()), "the member list names bob, who has no affiliation: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.5", level = MUST,
          requirement = "the owner list is given to an owner and names the owners by bare JID")
    @Test
    void ownerListIsGivenToOwner(Lab lab) {
        Population p = populate(lab);

        IQ list = p.crew().room.list(p.crew().owner, "affiliation", "owner");

        assertTrue(Crew.jids(list).contains(p.crew().owner.bareJid()), "the owner list lacks alice: " + list.toXML());
        assertFalse(Crew.jids(list).contains(p.dave().bareJid()), "the owner list names dave, an admin: " + list.toXML());
    }

    enum NonOwner { admin, member, none }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.8", level = MUST,
          requirement = "in a semi-anonymous room the admin list is refused with forbidden to anyone who is not an owner (an admin, a member, an unaffiliated occupant)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NonOwner.class)
    void adminListIsRefusedToNonOwners(NonOwner who, Lab lab) {
        Population p = populate(lab);

        IQ reply = p.crew().room.list(p.as(MUCAffiliation.valueOf(who.name())), "affiliation", "admin");

        Room.expectError(reply, forbidden, "the admin list asked for by " + who);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.5", level = MUST,
          requirement = "in a semi-anonymous room the owner list is refused with forbidden to anyone who is not an owner (an admin, a member, an unaffiliated occupant)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NonOwner.class)
    void ownerListIsRefusedToNonOwners(NonOwner who, Lab lab) {
        Population p = populate(lab);

        IQ reply = p.crew().room.list(p.as(MUCAffiliation.valueOf(who.name())), "affiliation", "owner");

        Room.expectError(reply, forbidden, "the owner list asked for by " + who);
    }

    /** Admin lists asked for by someone below admin. */
    enum AdminListByNonAdmin {
        moderatorListByMember("role", "moderator", member),
        banListByMember("affiliation", "outcast", member),
        memberListByUnaffiliated("affiliation", "member", none);

        final String attribute;
        final String value;
        final MUCAffiliation who;

        AdminListByNonAdmin(String attribute, String value, MUCAffiliation who) {
            this.attribute = attribute;
            this.value = value;
            this.who = who;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9", level = MUST,
          requirement = "an admin's list request (moderator list, ban list, member list) from a member or an unaffiliated occupant is refused with forbidden")
    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminListByNonAdmin.class)
    void adminListIsRefusedToNonAdmins(AdminListByNonAdmin request, Lab lab) {
        Population p = populate(lab);

        IQ reply = p.crew().room.list(p.as(request.who), request.attribute, request.value);

        Room.expectError(reply, forbidden, request.toString());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8", level = MUST,
          requirement = "the voice list asked for by a member who is not a moderator is refused with forbidden")
    @Test
    void voiceListIsRefusedToMember(Lab lab) {
        Population p = populate(lab);

        IQ reply = p.crew().room.list(p.erin(), "role", "participant");

        Room.expectError(reply, forbidden, "the voice list asked for by erin, a member");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.2.1", level = SHOULD,
          requirement = "in a semi-anonymous room a member is not given the member list (it would show the members' JIDs)")
    @Test
    void memberListIsNotGivenToMemberInSemiAnonymousRoom(Lab lab) {
        Population p = populate(lab);

        IQ reply = p.crew().room.list(p.erin(), "affiliation", "member");

        assertEquals(IQ.Type.error, reply.getType(), "the member list of a semi-anonymous room was given to erin, a member: " + reply.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = SHOULD,
          requirement = "in a non-anonymous members-only room the member list is given to a member who asks")
    @Test
    void memberListIsGivenToMemberInNonAnonymousMembersOnlyRoom(Lab lab) {
        Crew crew = Crew.configured(lab, "muc#roomconfig_membersonly", "1", "muc#roomconfig_whois", "anyone");
        Session erin = crew.add("erin", member, MUCRole.participant);

        IQ list = crew.room.list(erin, "affiliation", "member");

        assertEquals(IQ.Type.result, list.getType(), "the member list asked for by erin, a member: " + list.toXML());
        assertTrue(Crew.jids(list).contains(erin.bareJid()), "the member list given to erin lacks erin: " + list.toXML());
    }

    // ---- the lists follow the changes ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.4", level = MUST,
          requirement = "a member whose membership is revoked is no longer in the member list")
    @Test
    void revokedMemberLeavesMemberList(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid someone = nobody(lab);
        crew.room.grant(crew.owner, someone, member);

        Room.expectResult(crew.room.setAffiliation(crew.owner, someone, none));

        IQ list = crew.room.list(crew.owner, "affiliation", "member");
        assertFalse(Crew.jids(list).contains(someone), "the member list still names " + someone + ": " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = MUST,
          requirement = "an address whose ban is lifted (affiliation none) is no longer in the ban list")
    @Test
    void liftedBanLeavesBanList(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid someone = nobody(lab);
        crew.room.grant(crew.owner, someone, outcast);

        Room.expectResult(crew.room.setAffiliation(crew.owner, someone, none));

        IQ list = crew.room.list(crew.owner, "affiliation", "outcast");
        assertFalse(Crew.jids(list).contains(someone), "the ban list still names " + someone + ": " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.7", level = MUST,
          requirement = "a user whose admin status is revoked is no longer in the admin list")
    @Test
    void revokedAdminLeavesAdminList(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid someone = nobody(lab);
        crew.room.grant(crew.owner, someone, admin);

        Room.expectResult(crew.room.setAffiliation(crew.owner, someone, member));

        IQ list = crew.room.list(crew.owner, "affiliation", "admin");
        assertFalse(Crew.jids(list).contains(someone), "the admin list still names " + someone + ": " + list.toXML());
        assertTrue(AffiliationMatrix.listed(crew, member, someone), "the member list does not name " + someone + " after the change to member");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.3", level = MUST,
          requirement = "a user granted owner status is added to the owner list")
    @Test
    void grantedOwnerJoinsOwnerList(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid someone = nobody(lab);

        Room.expectResult(crew.room.setAffiliation(crew.owner, someone, owner));

        IQ list = crew.room.list(crew.owner, "affiliation", "owner");
        assertTrue(Crew.jids(list).containsAll(List.of(someone, crew.owner.bareJid())), "the owner list lacks " + someone + " or alice: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.4", level = MUST,
          requirement = "a user whose owner status is revoked by another owner is no longer in the owner list (where the room lets owners do this; not-authorized otherwise)")
    @Test
    void revokedOwnerLeavesOwnerList(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid someone = nobody(lab);
        crew.room.grant(crew.owner, someone, owner);

        IQ reply = crew.room.setAffiliation(crew.owner, someone, admin);

        if (reply.getType() == IQ.Type.error) {
            assertEquals(StanzaError.Condition.not_authorized, Room.condition(reply), "a refused revocation of owner status must say not-authorized: " + reply.toXML());
            lab.requireThat(false, "the room does not let one owner revoke another's owner status (not-authorized, as 10.4 allows)");
        }
        IQ list = crew.room.list(crew.owner, "affiliation", "owner");
        assertFalse(Crew.jids(list).contains(someone), "the owner list still names " + someone + ": " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.6", level = MUST,
          requirement = "an occupant granted moderator status is added to the moderator list")
    @Test
    void grantedModeratorJoinsModeratorList(Lab lab) {
        Crew crew = Crew.moderated(lab);
        crew.add("bob", none, MUCRole.participant);

        Room.expectResult(crew.room.setRole(crew.owner, "bob", MUCRole.moderator));

        IQ list = crew.room.list(crew.owner, "role", "moderator");
        assertTrue(Crew.nicks(list).contains("bob"), "the moderator list lacks bob: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.7", level = MUST,
          requirement = "an occupant whose moderator status is revoked is no longer in the moderator list")
    @Test
    void revokedModeratorLeavesModeratorList(Lab lab) {
        Crew crew = Crew.moderated(lab);
        crew.add("bob", none, MUCRole.moderator);

        Room.expectResult(crew.room.setRole(crew.owner, "bob", MUCRole.participant));

        IQ list = crew.room.list(crew.owner, "role", "moderator");
        assertFalse(Crew.nicks(list).contains("bob"), "the moderator list still names bob: " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.5", level = MUST,
          requirement = "a participant whose voice is revoked is no longer in the voice list")
    @Test
    void revokedVoiceLeavesVoiceList(Lab lab) {
        Crew crew = Crew.moderated(lab);
        crew.add("bob", none, MUCRole.participant);

        Room.expectResult(crew.room.setRole(crew.owner, "bob", MUCRole.visitor));

        IQ list = crew.room.list(crew.owner, "role", "participant");
        assertFalse(Crew.nicks(list).contains("bob"), "the voice list still names bob: " + list.toXML());
    }

    // ---- changes of several items ----

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "a member list change with several items (the delta) is applied to each: both addresses become members")
    @Test
    void memberListDeltaAddsEveryItem(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid one = nobody(lab);
        EntityBareJid two = nobody(lab);

        IQ reply = crew.room.admin(crew.owner, "<item jid='" + one + "' affiliation='member'/><item jid='" + two + "' affiliation='member'/>");

        Room.expectResult(reply);
        IQ list = crew.room.list(crew.owner, "affiliation", "member");
        assertTrue(Crew.jids(list).containsAll(List.of(one, two)), "the member list lacks " + one + " or " + two + ": " + list.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = MUST,
          requirement = "a ban list change with several items bans each address, and lifts the ban of an item with affiliation none")
    @Test
    void banListDeltaAppliesEveryItem(Lab lab) {
        Crew crew = Crew.configured(lab);
        EntityBareJid one = nobody(lab);
        EntityBareJid two = nobody(lab);
        EntityBareJid pardoned = nobody(lab);
        crew.room.grant(crew.owner, pardoned, outcast);

        IQ reply = crew.room.admin(crew.owner, "<item jid='" + one + "' affiliation='outcast'/><item jid='" + two
                + "' affiliation='outcast'/><item jid='" + pardoned + "' affiliation='none'/>");

        Room.expectResult(reply);
        IQ list = crew.room.list(crew.owner, "affiliation", "outcast");
        assertTrue(Crew.jids(list).containsAll(List.of(one, two)), "the ban list lacks " + one + " or " + two + ": " + list.toXML());
        assertFalse(Crew.jids(list).contains(pardoned), "the ban list still names " + pardoned + ": " + list.toXML());
    }

    /** dave (an admin) bans a stranger and himself in one request. */
    private static IQ banListDeltaWithSelfBan(Crew crew, Session dave, EntityBareJid stranger) {
        return crew.room.admin(dave, "<item jid='" + stranger + "' affiliation='outcast'/><item jid='" + dave.bareJid() + "' affiliation='outcast'/>");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = MUST,
          requirement = "a ban list change that includes a ban the admin may not make (banning himself) is denied with an error")
    @Test
    void banListDeltaWithForbiddenItemIsDenied(Lab lab) {
        Crew crew = Crew.configured(lab);
        Session dave = crew.add("dave", admin, MUCRole.moderator);

        IQ reply = banListDeltaWithSelfBan(crew, dave, nobody(lab));

        assertEquals(IQ.Type.error, reply.getType(), "a ban list change banning dave himself was accepted: " + reply.toXML());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.2", level = SHOULD,
          requirement = "a ban list change that includes a forbidden item is refused as a whole, with conflict or not-allowed: the allowed item is not applied either")
    @Test
    void banListDeltaWithForbiddenItemChangesNothing(Lab lab) {
        Crew crew = Crew.configured(lab);
        Session dave = crew.add("dave", admin, MUCRole.moderator);
        EntityBareJid stranger = nobody(lab);

        IQ reply = banListDeltaWithSelfBan(crew, dave, stranger);

        Crew.expectRefusal(reply, Crew.conditions(conflict, not_allowed), "a ban list change banning dave himself");
        assertFalse(AffiliationMatrix.listed(crew, outcast, stranger), "the refused ban list change still banned " + stranger);
        assertTrue(AffiliationMatrix.listed(crew, admin, dave.bareJid()), "dave is no longer admin after the refused change");
    }
}
