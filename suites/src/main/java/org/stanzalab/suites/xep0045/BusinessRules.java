package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCAdmin;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §17.3 and §17.4: the business rules for presence and for muc#admin requests and results. */
@StanzalabTest
class BusinessRules {

    private static List<MUCItem> items(IQ reply) {
        if (!(reply instanceof MUCAdmin admin) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a muc#admin result, got " + reply.toXML());
        }
        return admin.getItems();
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.3", level = MUST,
          requirement = "a presence with a 'type' (here a probe) sent to an occupant JID is not taken as a request to enter the room")
    @Test
    void probeIsNotAJoin(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        bob.send(PresenceBuilder.buildPresence().ofType(Presence.Type.probe).to(room.occupant("bob")).build());
        // bob's next stanza to the room is handled after the probe: when his real entry as 'robert' reaches alice,
        // anything the probe caused has reached her before it.
        room.join(bob, "robert");
        room.expectFrom(alice, "robert", "bob's entry as robert", p -> p.getType() == Presence.Type.available);

        assertTrue(alice.received().stream().noneMatch(s -> s instanceof Presence p && room.occupant("bob").equals(p.getFrom())
                && p.getType() == Presence.Type.available), "the probe made bob an occupant named 'bob'");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.3", level = MUST,
          requirement = "unavailable presence from a user who is not in the room is ignored without a reply")
    @Test
    void unavailableFromNonOccupantIsIgnored(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.leave(bob, "bob");
        Marker marker = bob.sendMarkerIq(room.jid);

        bob.expectNothingBefore(marker, Presence.class, "a reply to unavailable presence from a non-occupant",
                p -> p.getFrom() != null && room.jid.equals(p.getFrom().asBareJid()));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.3", level = MUST,
          requirement = "a join presence from a client that is already in the room is answered as a fresh entry: the other occupants' presence and the self-presence again")
    @Test
    void repeatedJoinResynchronises(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");
        bob.forget();

        Presence self = room.join(bob, "bob");

        assertTrue(Room.isSelf(self), "bob's self-presence on the repeated join: " + Room.describe(self));
        assertTrue(bob.received().stream().anyMatch(s -> s instanceof Presence p && room.occupant("alice").equals(p.getFrom())
                && p.getType() == Presence.Type.available), "alice's presence was not sent again before bob's self-presence");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.4", level = MUST,
          requirement = "a muc#admin item that changes both role and affiliation is refused with bad-request")
    @Test
    void roleAndAffiliationTogetherIsBadRequest(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        IQ reply = room.admin(alice, "<item nick='bob' jid='" + bob.bareJid() + "' role='moderator' affiliation='member'/>");

        Room.expectError(reply, StanzaError.Condition.bad_request, "an item changing role and affiliation at once");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.4", level = MUST,
          requirement = "items of a role list (here moderators) carry nick, role, affiliation and the full JID")
    @Test
    void roleListItemsCarryNickRoleAffiliationAndFullJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        List<MUCItem> items = items(room.list(alice, "role", "moderator"));

        MUCItem mine = items.stream().filter(i -> i.getNick() != null && "alice".equals(i.getNick().toString())).findFirst().orElse(null);
        assertNotNull(mine, "alice is not in the moderator list: " + items);
        assertEquals(MUCRole.moderator, mine.getRole(), "role in alice's item");
        assertEquals(MUCAffiliation.owner, mine.getAffiliation(), "affiliation in alice's item");
        assertEquals(alice.jid(), mine.getJid(), "jid in alice's item must be her full JID");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.4", level = MUST,
          requirement = "items of an affiliation list carry the affiliation and the bare JID, and no role")
    @Test
    void affiliationListItemsCarryBareJidAndNoRole(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.grant(alice, bob.bareJid(), MUCAffiliation.admin);

        IQ reply = room.list(alice, "affiliation", "admin");

        List<MUCItem> items = items(reply);
        MUCItem bobs = items.stream().filter(i -> bob.bareJid().equals(i.getJid())).findFirst().orElse(null);
        assertNotNull(bobs, "bob's bare JID is not in the admin list: " + reply.toXML());
        assertEquals(MUCAffiliation.admin, bobs.getAffiliation(), "affiliation in bob's item");
        assertNull(bobs.getRole(), "an affiliation list item must not carry a role: " + reply.toXML());
        assertFalse(reply.toXML().toString().contains(bob.bareJid() + "/"), "the admin list gives a full JID: " + reply.toXML());
    }
}
