package org.stanzalab.suites.xep0045;

import static org.jivesoftware.smack.packet.StanzaError.Condition.conflict;
import static org.jivesoftware.smack.packet.StanzaError.Condition.forbidden;
import static org.jivesoftware.smack.packet.StanzaError.Condition.not_allowed;
import static org.jivesoftware.smackx.muc.MUCAffiliation.admin;
import static org.jivesoftware.smackx.muc.MUCAffiliation.member;
import static org.jivesoftware.smackx.muc.MUCAffiliation.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §5.1.3 with §8 and §9: role changes by actors of every affiliation and role, on targets of every
 * affiliation, in a moderated semi-anonymous room. An allowed change is answered with a result and broadcast (the
 * owner sees the target's new role, the target its own; a change to none is a kick with 307); a refused one is
 * answered with the error the cited text names and nothing is broadcast. The owner-on-unaffiliated and
 * plain-moderator cases are in {@link RoleChanges}, participants' refusals in {@link Privileges}.
 */
@StanzalabTest
class RoleMatrix {

    /**
     * One cell: the actor's affiliation and role (an owner actor is alice herself, unless the target is an owner
     * too, when a second owner acts), the target's affiliation, its role before and the role asked for.
     */
    record Case(MUCAffiliation actor, MUCRole actorRole, MUCAffiliation target, MUCRole from, MUCRole to) {
        @Override
        public String toString() {
            return Crew.name(actor, actorRole) + "-sets-" + Crew.name(target, from) + "-to-" + to;
        }
    }

    private static final List<MUCRole> PRESENT = List.of(MUCRole.visitor, MUCRole.participant, MUCRole.moderator);

    static List<Case> adminOnUnaffiliated() {
        List<Case> cases = new ArrayList<>();
        for (MUCRole from : PRESENT) {
            for (MUCRole to : List.of(MUCRole.none, MUCRole.visitor, MUCRole.participant, MUCRole.moderator)) {
                if (from != to) {
                    cases.add(new Case(admin, MUCRole.moderator, MUCAffiliation.none, from, to));
                }
            }
        }
        return cases;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = MUST,
          requirement = "an admin may make every role change of the table for an unaffiliated occupant (voice, moderator status, kick): it takes effect and is announced, a kick with status 307")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminOnUnaffiliated")
    void adminChangesRoleOfUnaffiliatedOccupant(Case c, Lab lab) {
        allowed(lab, c);
    }

    static List<Case> ownerOrAdminOnMember() {
        List<Case> cases = new ArrayList<>();
        for (MUCAffiliation actor : List.of(owner, admin)) {
            cases.add(new Case(actor, MUCRole.moderator, member, MUCRole.participant, MUCRole.visitor));
            cases.add(new Case(actor, MUCRole.moderator, member, MUCRole.visitor, MUCRole.participant));
            cases.add(new Case(actor, MUCRole.moderator, member, MUCRole.participant, MUCRole.moderator));
            cases.add(new Case(actor, MUCRole.moderator, member, MUCRole.moderator, MUCRole.participant));
            cases.add(new Case(actor, MUCRole.moderator, member, MUCRole.participant, MUCRole.none));
        }
        return cases;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = MUST,
          requirement = "an owner or admin may change the role of a member (voice, moderator status, kick): the change takes effect and is announced, a kick with status 307")
    @ParameterizedTest(name = "{0}")
    @MethodSource("ownerOrAdminOnMember")
    void ownerOrAdminChangesRoleOfMember(Case c, Lab lab) {
        allowed(lab, c);
    }

    static List<Case> kicksOfHigherAffiliation() {
        return List.of(
                new Case(MUCAffiliation.none, MUCRole.moderator, member, MUCRole.participant, MUCRole.none),
                new Case(MUCAffiliation.none, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.none),
                new Case(member, MUCRole.moderator, owner, MUCRole.moderator, MUCRole.none),
                new Case(admin, MUCRole.moderator, owner, MUCRole.moderator, MUCRole.none));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MUST,
          requirement = "a moderator's kick of an occupant with a higher affiliation than the moderator's is refused with not-allowed and the occupant stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("kicksOfHigherAffiliation")
    void kickOfHigherAffiliationIsNotAllowed(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(not_allowed));
    }

    static List<Case> voiceRevocationsProtected() {
        return List.of(
                new Case(MUCAffiliation.none, MUCRole.moderator, member, MUCRole.participant, MUCRole.visitor),
                new Case(member, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.visitor),
                new Case(admin, MUCRole.moderator, owner, MUCRole.moderator, MUCRole.visitor),
                new Case(admin, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.visitor),
                new Case(owner, MUCRole.moderator, owner, MUCRole.moderator, MUCRole.visitor));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.4", level = MUST,
          requirement = "revoking the voice of a user whose affiliation is above the moderator's, or of any admin or owner (by anyone), is refused with not-allowed and the role stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("voiceRevocationsProtected")
    void voiceRevocationOfProtectedUserIsNotAllowed(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(not_allowed));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.7", level = MUST,
          requirement = "an admin's revocation of another admin's moderator status is refused with not-allowed and the role stays")
    @Test
    void moderatorStatusOfAdminCannotBeRevokedByAdmin(Lab lab) {
        refused(lab, new Case(admin, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.participant), Crew.conditions(not_allowed));
    }

    static List<Case> moderationOfHigherAffiliation() {
        return List.of(
                new Case(MUCAffiliation.none, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.participant),
                new Case(MUCAffiliation.none, MUCRole.moderator, owner, MUCRole.moderator, MUCRole.participant),
                new Case(member, MUCRole.moderator, admin, MUCRole.moderator, MUCRole.participant));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = SHOULD,
          requirement = "a moderator is not let revoke the moderator status of someone with a higher affiliation; the refusal (forbidden or not-allowed) leaves the role as it was")
    @ParameterizedTest(name = "{0}")
    @MethodSource("moderationOfHigherAffiliation")
    void moderationOfHigherAffiliationIsNotRevoked(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden, not_allowed));
    }

    static List<Case> moderatorStatusByNonAdmin() {
        return List.of(
                new Case(MUCAffiliation.none, MUCRole.moderator, MUCAffiliation.none, MUCRole.participant, MUCRole.moderator),
                new Case(member, MUCRole.moderator, MUCAffiliation.none, MUCRole.participant, MUCRole.moderator),
                new Case(MUCAffiliation.none, MUCRole.moderator, MUCAffiliation.none, MUCRole.moderator, MUCRole.participant),
                new Case(member, MUCRole.moderator, MUCAffiliation.none, MUCRole.moderator, MUCRole.participant),
                new Case(member, MUCRole.participant, MUCAffiliation.none, MUCRole.participant, MUCRole.moderator));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9", level = MUST,
          requirement = "granting or revoking moderator status is an admin's request: from a moderator or member who is not an admin it is refused with forbidden and the role stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("moderatorStatusByNonAdmin")
    void moderatorStatusChangeByNonAdminIsForbidden(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    static List<Case> roleChangesByNonModerators() {
        return List.of(
                new Case(MUCAffiliation.none, MUCRole.visitor, MUCAffiliation.none, MUCRole.participant, MUCRole.none),
                new Case(MUCAffiliation.none, MUCRole.visitor, MUCAffiliation.none, MUCRole.visitor, MUCRole.participant),
                new Case(MUCAffiliation.none, MUCRole.participant, MUCAffiliation.none, MUCRole.visitor, MUCRole.participant),
                new Case(member, MUCRole.participant, MUCAffiliation.none, MUCRole.participant, MUCRole.none),
                new Case(member, MUCRole.participant, MUCAffiliation.none, MUCRole.participant, MUCRole.visitor),
                new Case(member, MUCRole.participant, MUCAffiliation.none, MUCRole.visitor, MUCRole.participant));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8", level = MUST,
          requirement = "a kick or a grant or revocation of voice from an occupant who is not a moderator (a visitor, a participant, a member) is refused with forbidden and the role stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("roleChangesByNonModerators")
    void roleChangeByNonModeratorIsForbidden(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MAY,
          requirement = "a moderator who kicks himself is either kicked (removed with status 307) or refused with conflict")
    @Test
    void moderatorKickingHimselfIsKickedOrConflict(Lab lab) {
        Crew crew = Crew.moderated(lab);
        Session carol = crew.add("carol", MUCAffiliation.none, MUCRole.moderator);

        IQ reply = crew.room.setRole(carol, "carol", MUCRole.none);

        if (reply.getType() == IQ.Type.error) {
            assertEquals(conflict, Room.condition(reply), "a refused self-kick must say conflict: " + reply.toXML());
            crew.expectNoChangeOf("carol");
        } else {
            Presence gone = crew.room.expectFrom(carol, "carol", "carol's removal", p -> p.getType() == Presence.Type.unavailable);
            assertTrue(Room.codes(gone).contains(307), "status 307 missing from the self-kick: " + Room.describe(gone));
        }
    }

    // ---- the two outcomes ----

    /** Sets up the case: the actor (alice herself for an owner actor) and bob the target, both in the room. */
    private static Session[] cast(Crew crew, Case c) {
        Session actor = c.actor() == owner && c.target() != owner ? crew.owner : crew.add("carol", c.actor(), c.actorRole());
        Session bob = crew.add("bob", c.target(), c.from());
        return new Session[] {actor, bob};
    }

    private static void allowed(Lab lab, Case c) {
        Crew crew = Crew.moderated(lab);
        Session[] cast = cast(crew, c);
        Session actor = cast[0];
        Session bob = cast[1];

        IQ reply = crew.room.setRole(actor, "bob", c.to());

        assertEquals(IQ.Type.result, reply.getType(), "reply to " + c + ": " + reply.toXML());
        if (c.to() == MUCRole.none) {
            Presence gone = crew.room.expectFrom(crew.owner, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
            assertTrue(Room.codes(gone).contains(307), "status 307 missing from bob's removal: " + Room.describe(gone));
            Presence own = crew.room.expectFrom(bob, "bob", "bob's own removal", p -> p.getType() == Presence.Type.unavailable);
            assertTrue(Room.codes(own).contains(307), "status 307 missing from bob's own removal: " + Room.describe(own));
        } else {
            Presence seen = crew.room.expectFrom(crew.owner, "bob", "bob's presence with role " + c.to(),
                    p -> p.getType() == Presence.Type.available && Room.role(p) != c.from());
            assertEquals(c.to(), Room.role(seen), "bob's role as announced: " + Room.describe(seen));
            assertEquals(c.target(), Room.affiliation(seen), "bob's affiliation must not change with his role: " + Room.describe(seen));
            crew.room.expectFrom(bob, "bob", "bob's own presence with role " + c.to(),
                    p -> p.getType() == Presence.Type.available && Room.role(p) == c.to());
        }
    }

    private static void refused(Lab lab, Case c, Set<StanzaError.Condition> allowed) {
        Crew crew = Crew.moderated(lab);
        Session actor = cast(crew, c)[0];

        IQ reply = crew.room.setRole(actor, "bob", c.to());

        Crew.expectRefusal(reply, allowed, c.toString());
        crew.expectNoChangeOf("bob");
    }
}
