package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RosterRequests.describe;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;

import java.util.Set;

import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** RFC 6121 §2: the roster, as the user reads and changes it. */
@StanzalabTest
class RosterManagement {

    @Spec(document = "RFC 6121", section = "2.3.2", level = MUST,
          requirement = "a roster set for a new contact is answered with a result and the contact, with its name and group, is then in the roster")
    @Test
    void rosterSetAddsTheContact(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.add(bob.jid(), "Bob", "Friends"));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "after the roster set, the roster has no item for " + bob.jid());
        assertEquals("Bob", item.getName(), "name of the added item " + describe(item));
        assertEquals(Set.of("Friends"), item.getGroupNames(), "groups of the added item " + describe(item));
        assertEquals(ItemType.none, item.getItemType(), "a contact added by roster set has no subscription yet: " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "2.3.2", level = MUST,
          requirement = "a new roster item is pushed to every interested resource of the user, including the one that sent the roster set")
    @Test
    void rosterSetIsPushedToEveryInterestedResource(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(lab, alice);
        ImClient laptop = ImClient.connect(lab, alice);
        User bob = lab.newUser();

        phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", "Friends"));

        RosterPacket.Item atLaptop = laptop.expectRosterPush("adding " + bob.jid(), itemFor(bob.jid()));
        RosterPacket.Item atPhone = phone.expectRosterPush("adding " + bob.jid(), itemFor(bob.jid()));
        assertEquals("Bob", atLaptop.getName(), "name in the push to the other resource " + describe(atLaptop));
        assertEquals("Bob", atPhone.getName(), "name in the push to the resource that sent the set " + describe(atPhone));
    }

    @Spec(document = "RFC 6121", section = "2.5.2", level = MUST,
          requirement = "a roster set with subscription 'remove' deletes the item and pushes the removal to the user's interested resources")
    @Test
    void rosterRemoveDeletesTheItemAndPushesTheRemoval(Lab lab) {
        User alice = lab.newUser();
        ImClient phone = ImClient.connect(lab, alice);
        ImClient laptop = ImClient.connect(lab, alice);
        User bob = lab.newUser();
        phone.session().requestResult(RosterRequests.add(bob.jid(), "Bob", null));
        laptop.expectRosterPush("(setup) adding " + bob.jid(), itemFor(bob.jid()));

        phone.session().requestResult(RosterRequests.remove(bob.jid()));

        laptop.expectRosterPush("removing " + bob.jid(), itemFor(bob.jid(), ItemType.remove));
        phone.expectRosterPush("removing " + bob.jid(), itemFor(bob.jid(), ItemType.remove));
        RosterPacket.Item left = phone.rosterItem(bob.jid());
        assertNull(left, "after the removal, the roster still has " + describe(left));
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a roster set whose query holds more than one item is refused with bad-request and changes nothing")
    @Test
    void rosterSetWithTwoItemsIsRefusedWithBadRequest(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        User bob = lab.newUser();
        User carol = lab.newUser();

        StanzaError error = alice.session().requestError(RosterRequests.set(null,
                RosterRequests.item(bob.jid(), "Bob", null, null),
                RosterRequests.item(carol.jid(), "Carol", null, null)));

        assertEquals(StanzaError.Condition.bad_request, error.getCondition(), "condition of the refusal of a two-item roster set");
        assertNull(alice.rosterItem(bob.jid()), "the refused roster set still added " + bob.jid());
        assertNull(alice.rosterItem(carol.jid()), "the refused roster set still added " + carol.jid());
    }

    @Spec(document = "RFC 6121", section = "2.1.2.5", level = MUST,
          requirement = "in a roster set, the server ignores a 'subscription' value other than 'remove': a client cannot grant itself a subscription")
    @Test
    void subscriptionStateInRosterSetIsIgnored(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        User bob = lab.newUser();

        alice.session().requestResult(RosterRequests.set(null, RosterRequests.item(bob.jid(), "Bob", null, "both")));

        RosterPacket.Item item = alice.rosterItem(bob.jid());
        assertNotNull(item, "the roster set was answered with a result, but the roster has no item for " + bob.jid());
        assertEquals(ItemType.none, item.getItemType(),
                "subscription of an item whose roster set claimed subscription='both'; no handshake took place: " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "2.3.3", level = MUST,
          requirement = "a roster set from someone who may not change the roster, here another user addressing it to the owner's bare JID, is refused with forbidden")
    @Test
    void rosterSetByAnotherUserIsForbidden(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        Session bob = lab.newUser().connect();
        User carol = lab.newUser();

        StanzaError error = bob.requestError(RosterRequests.set(alice.bareJid(), RosterRequests.item(carol.jid(), "Carol", null, null)));

        assertNull(alice.rosterItem(carol.jid()), "another user's roster set changed the roster of " + alice.bareJid());
        assertEquals(StanzaError.Condition.forbidden, error.getCondition(),
                "condition of the refusal of a roster set that another user sent to " + alice.bareJid());
    }
}
