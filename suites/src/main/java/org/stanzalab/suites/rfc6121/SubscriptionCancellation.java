package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RosterRequests.describe;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribe;
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribed;

import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** RFC 6121 §3.2 and §3.3: a subscription ends, by the contact's cancellation or the user's unsubscribe. */
@StanzalabTest
class SubscriptionCancellation {

    @Spec(document = "RFC 6121", section = "3.2.3", level = MUST,
          requirement = "when the contact cancels the user's subscription, the user's interested resources get a roster push with the subscription gone ('to' becomes 'none')")
    @Test
    void cancellationIsPushedToTheUser(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();
        Subscriptions.establish(alice, bob);

        bob.send(unsubscribed(alice.bareJid()));

        RosterPacket.Item item = alice.expectRosterPush("for " + bob.bareJid() + " after he cancelled her subscription", itemFor(bob.bareJid()));
        assertEquals(ItemType.none, item.getItemType(), "subscription after the contact's cancellation: " + describe(item));
        assertFalse(item.isSubscriptionPending(), "nothing is pending after a cancellation: " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "when the user unsubscribes, the contact's interested resources get a roster push with the subscription gone ('from' becomes 'none')")
    @Test
    void unsubscribeIsPushedToTheContact(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();
        Subscriptions.establish(alice, bob);

        alice.send(unsubscribe(bob.bareJid()));

        RosterPacket.Item item = bob.expectRosterPush("for " + alice.bareJid() + " after she unsubscribed", itemFor(alice.bareJid()));
        assertEquals(ItemType.none, item.getItemType(), "subscription at the contact after the user's unsubscribe: " + describe(item));
    }
}
