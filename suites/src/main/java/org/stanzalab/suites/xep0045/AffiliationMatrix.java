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
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.EntityBareJid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §5.2.2 with §9 and §10: affiliation changes asked for by someone the table does not allow to make them
 * (an admin touching admins and owners, members and strangers touching anyone, the sole owner leaving the owner
 * list). Each is refused with the error the cited text names, and the target keeps the affiliation: the owner's
 * list still names him and, when he is in the room, no presence of his is broadcast. The allowed cells are in
 * {@link AffiliationChanges}.
 */
@StanzalabTest
class AffiliationMatrix {

    /** The actor's affiliation ({@code stranger}: unaffiliated and never in the room), the target's, and the one asked for. */
    record Case(String actor, MUCAffiliation target, MUCAffiliation to) {
        @Override
        public String toString() {
            return actor + "-sets-" + target + "-to-" + to;
        }
    }

    static List<Case> adminOnAdmin() {
        return List.of(new Case("admin", admin, none), new Case("admin", admin, member),
                new Case("admin", admin, outcast), new Case("admin", admin, owner));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.7", level = MUST,
          requirement = "an admin's change of another admin's affiliation is an owner's request and is refused with forbidden (a ban also with not-allowed, as 9.2 allows); the admin stays admin")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminOnAdmin")
    void adminCannotChangeAnotherAdmin(Case c, Lab lab) {
        refused(lab, c, c.to() == outcast ? Crew.conditions(forbidden, not_allowed) : Crew.conditions(forbidden));
    }

    static List<Case> adminOnOwner() {
        return List.of(new Case("admin", owner, none), new Case("admin", owner, member), new Case("admin", owner, admin));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.4", level = MUST,
          requirement = "an admin's revocation of an owner's status (to admin, member or none) is refused with forbidden; the owner stays owner")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminOnOwner")
    void adminCannotRevokeOwnerStatus(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    static List<Case> adminGrants() {
        return List.of(new Case("admin", member, admin), new Case("admin", outcast, admin), new Case("member", none, admin));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.6", level = MUST,
          requirement = "a grant of admin status by someone who is not an owner (an admin, for a member or an outcast; a member) is refused with forbidden and the affiliation stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminGrants")
    void adminStatusGrantedByNonOwnerIsForbidden(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    static List<Case> ownerGrants() {
        return List.of(new Case("admin", member, owner), new Case("admin", outcast, owner), new Case("member", none, owner));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.3", level = MUST,
          requirement = "a grant of owner status by someone who is not an owner (an admin, for a member or an outcast; a member) is refused with forbidden and the affiliation stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("ownerGrants")
    void ownerStatusGrantedByNonOwnerIsForbidden(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    static List<Case> adminRequestsOfNonAdmins() {
        return List.of(new Case("member", none, member), new Case("member", none, outcast), new Case("member", member, none),
                new Case("member", outcast, none), new Case("stranger", none, outcast), new Case("stranger", outcast, none));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9", level = MUST,
          requirement = "granting or revoking membership and banning or lifting a ban are admin requests: from a member, or from a user who is not in the room, they are refused with forbidden and the affiliation stays")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminRequestsOfNonAdmins")
    void affiliationChangeByNonAdminIsForbidden(Case c, Lab lab) {
        refused(lab, c, Crew.conditions(forbidden));
    }

    /** What the sole owner asks to become. */
    enum Abdication { toNone(none), toMember(member), toOutcast(outcast);
        final MUCAffiliation to;

        Abdication(MUCAffiliation to) {
            this.to = to;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.4", level = MUST,
          requirement = "the only owner who asks to become member, none or outcast is refused with conflict and stays owner")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Abdication.class)
    void soleOwnerCannotLeaveTheOwnerList(Abdication abdication, Lab lab) {
        Crew crew = Crew.configured(lab);
        MUCAffiliation to = abdication.to;

        IQ reply = crew.room.setAffiliation(crew.owner, crew.owner.bareJid(), to);

        Room.expectError(reply, conflict, "the sole owner making herself " + to);
        assertTrue(listed(crew, owner, crew.owner.bareJid()), "alice is no longer in the owner list after the refused change");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "10.4", level = SHOULD,
          requirement = "an owner may give up owner status when another owner remains: the change takes effect and is announced")
    @Test
    void ownerMayStepDownWhenAnotherOwnerRemains(Lab lab) {
        Crew crew = Crew.configured(lab);
        Session carol = crew.add("carol", owner, MUCRole.moderator);
        // Once alice has stepped down only carol may destroy the room (this runs before alice's own clean-up).
        lab.cleanup("destroy " + crew.room.jid + " as carol", () -> crew.room.destroy(carol, "<destroy/>"));

        IQ reply = crew.room.setAffiliation(crew.owner, crew.owner.bareJid(), admin);

        assertEquals(IQ.Type.result, reply.getType(), "alice stepping down to admin beside carol, an owner: " + reply.toXML());
        Presence seen = crew.room.expectFrom(carol, "alice", "alice's presence as admin",
                p -> p.getType() == Presence.Type.available && Room.affiliation(p) != owner);
        assertEquals(admin, Room.affiliation(seen), "alice's affiliation as announced: " + Room.describe(seen));
    }

    // ---- the refusal ----

    private static void refused(Lab lab, Case c, Set<StanzaError.Condition> allowed) {
        Crew crew = Crew.configured(lab);
        Session actor = switch (c.actor()) {
            case "stranger" -> lab.newUser().connect();
            case "admin" -> crew.add("carol", admin, MUCRole.moderator);
            case "member" -> crew.add("carol", member, MUCRole.participant);
            default -> throw new IllegalArgumentException(c.actor());
        };
        Session bob;
        if (c.target() == outcast) {
            bob = lab.newUser().connect();
            crew.room.grant(crew.owner, bob.bareJid(), outcast);
        } else {
            bob = crew.add("bob", c.target(), c.target() == admin || c.target() == owner ? MUCRole.moderator : MUCRole.participant);
        }

        IQ reply = crew.room.setAffiliation(actor, bob.bareJid(), c.to());

        Crew.expectRefusal(reply, allowed, c.toString());
        if (c.target() != outcast) {
            crew.expectNoChangeOf("bob");
        }
        if (c.target() != none) {
            assertTrue(listed(crew, c.target(), bob.bareJid()), "bob is no longer in the " + c.target() + " list after the refused change");
        }
    }

    /** Whether the owner's list of this affiliation names the user. */
    static boolean listed(Crew crew, MUCAffiliation affiliation, EntityBareJid user) {
        IQ list = crew.room.list(crew.owner, "affiliation", affiliation.toString());
        Room.expectResult(list);
        return Crew.jids(list).contains(user);
    }
}
