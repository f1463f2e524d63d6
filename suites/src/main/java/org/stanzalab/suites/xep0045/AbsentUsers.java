package org.stanzalab.suites.xep0045;

import static org.jivesoftware.smackx.muc.MUCAffiliation.admin;
import static org.jivesoftware.smackx.muc.MUCAffiliation.member;
import static org.jivesoftware.smackx.muc.MUCAffiliation.none;
import static org.jivesoftware.smackx.muc.MUCAffiliation.owner;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §5.2, §8.2, §9.1, §9.4 and §9.5: affiliations given by bare JID to users who are not in the room (what
 * they find when they enter), the reasons that travel with a kick or ban, and removals from members-only rooms as
 * the other occupants and the removed user see them.
 */
@StanzalabTest
class AbsentUsers {

    /** An affiliation given in absence, and the role it brings on entering a moderated room (§5.1.3, §5.2.1). */
    record Grant(MUCAffiliation affiliation, MUCRole role) {
        @Override
        public String toString() {
            return affiliation + "-enters-as-" + role;
        }
    }

    static List<Grant> grants() {
        return List.of(new Grant(member, MUCRole.participant), new Grant(admin, MUCRole.moderator), new Grant(owner, MUCRole.moderator));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.2", level = MUST,
          requirement = "an affiliation given to a user's bare JID while he is away is in the presence the room sends him on entering, with the role it brings (member: participant in a moderated room; admin, owner: moderator)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("grants")
    void affiliationGivenInAbsenceShowsOnEntry(Grant grant, Lab lab) {
        Crew crew = Crew.moderated(lab);
        Session bob = lab.newUser().connect();
        Room.expectResult(crew.room.setAffiliation(crew.owner, bob.bareJid(), grant.affiliation()));

        Presence self = crew.room.enter(bob, "bob");

        assertEquals(Presence.Type.available, self.getType(), "bob entering: " + Room.describe(self));
        assertEquals(grant.affiliation(), Room.affiliation(self), "bob's affiliation on entering: " + Room.describe(self));
        assertEquals(grant.role(), Room.role(self), "bob's role on entering: " + Room.describe(self));
        Presence seen = crew.room.expectFrom(crew.owner, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available);
        assertEquals(grant.affiliation(), Room.affiliation(seen), "bob's affiliation as alice sees it: " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = MUST,
          requirement = "a user removed from the member list of a members-only room while away is refused entry afterwards (registration-required)")
    @Test
    void membershipRevokedInAbsenceKeepsUserOut(Lab lab) {
        Crew crew = Crew.configured(lab, "muc#roomconfig_membersonly", "1");
        Session bob = lab.newUser().connect();
        crew.room.grant(crew.owner, bob.bareJid(), member);

        Room.expectResult(crew.room.admin(crew.owner, "<item jid='" + bob.bareJid() + "' affiliation='none'/>"));
        Presence answer = crew.room.enter(bob, "bob");

        assertEquals(Presence.Type.error, answer.getType(), "bob entered the members-only room after losing his membership: " + Room.describe(answer));
        assertEquals(StanzaError.Condition.registration_required, Room.condition(answer), "the refusal's condition: " + Room.describe(answer));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.5", level = SHOULD,
          requirement = "a member removed through the member list while in a members-only room is removed from the room")
    @Test
    void memberListRemovalRemovesOccupantFromMembersOnlyRoom(Lab lab) {
        Crew crew = Crew.configured(lab, "muc#roomconfig_membersonly", "1");
        Session bob = crew.add("bob", member, MUCRole.participant);

        Room.expectResult(crew.room.admin(crew.owner, "<item jid='" + bob.bareJid() + "' affiliation='none'/>"));

        Presence gone = crew.room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(321) || Room.codes(gone).contains(307),
                "bob's removal names neither 321 (affiliation change) nor 307 (kick): " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.4", level = MUST,
          requirement = "the remaining occupants are told that a member who lost membership was removed from a members-only room, with status 321")
    @Test
    void othersSeeRemovalWithStatus321(Lab lab) {
        Crew crew = Crew.configured(lab, "muc#roomconfig_membersonly", "1");
        Session carol = crew.add("carol", member, MUCRole.participant);
        Session bob = crew.add("bob", member, MUCRole.participant);
        lab.setUp("bob's arrival reaches carol", () -> crew.room.expectFrom(carol, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available));

        Room.expectResult(crew.room.setAffiliation(crew.owner, bob.bareJid(), none));

        Presence gone = crew.room.expectFrom(carol, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(gone).contains(321), "status 321 missing from bob's removal as carol sees it: " + Room.describe(gone));
        Presence own = crew.room.expectFrom(bob, "bob", "bob's own removal", p -> p.getType() == Presence.Type.unavailable);
        assertTrue(Room.codes(own).contains(321), "status 321 missing from bob's own removal: " + Room.describe(own));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.2", level = MAY,
          requirement = "the reason a moderator gives for a kick may be passed on to the kicked occupant")
    @Test
    void kickReasonReachesKickedOccupant(Lab lab) {
        Crew crew = Crew.configured(lab);
        Session bob = crew.add("bob", none, MUCRole.participant);

        Room.expectResult(crew.room.admin(crew.owner, "<item nick='bob' role='none'><reason>too loud</reason></item>"));

        Presence gone = crew.room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        MUCItem item = Room.item(gone);
        assertNotNull(item, "bob's removal has no muc#user item: " + Room.describe(gone));
        assertEquals("too loud", item.getReason(), "the reason in bob's removal: " + Room.describe(gone));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "9.1", level = MAY,
          requirement = "the reason an admin gives for a ban may be passed on to the banned occupant")
    @Test
    void banReasonReachesBannedOccupant(Lab lab) {
        Crew crew = Crew.configured(lab);
        Session bob = crew.add("bob", none, MUCRole.participant);

        Room.expectResult(crew.room.admin(crew.owner, "<item jid='" + bob.bareJid() + "' affiliation='outcast'><reason>spam</reason></item>"));

        Presence gone = crew.room.expectFrom(bob, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
        MUCItem item = Room.item(gone);
        assertNotNull(item, "bob's removal has no muc#user item: " + Room.describe(gone));
        assertEquals("spam", item.getReason(), "the reason in bob's removal: " + Room.describe(gone));
        assertTrue(Room.codes(gone).contains(301), "status 301 missing from bob's removal: " + Room.describe(gone));
    }
}
