package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RosterRequests.describe;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFromAccount;
import static org.stanzalab.suites.rfc6121.Subscriptions.subscribe;
import static org.stanzalab.suites.rfc6121.Subscriptions.subscribed;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** RFC 6121 §3.1: a user asks for a contact's presence and the contact approves. */
@StanzalabTest
class SubscriptionHandshake {

    @Spec(document = "RFC 6121", section = "3.1.2", level = MUST,
          requirement = "an outbound subscription request is stamped with the sender's bare JID, not the full JID, and delivered to the contact")
    @Test
    void subscriptionRequestIsStampedWithTheBareJid(Lab lab) {
        Session alice = lab.newUser().connect();
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();

        alice.send(subscribe(bob.bareJid()));

        Presence request = bob.expectPresence("the subscription request of " + alice.bareJid(),
                ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
        assertEquals(alice.bareJid().toString(), request.getFrom().toString(),
                "'from' of the subscription request as delivered (the sender was " + alice.jid() + ")");
    }

    @Spec(document = "RFC 6121", section = "3.1.2", level = MUST,
          requirement = "after a subscription request, the user's interested resources get a roster push with the contact at subscription 'none' and ask 'subscribe'")
    @Test
    void subscriptionRequestIsPushedAsPending(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        User bob = lab.newUser();

        alice.send(subscribe(bob.jid()));

        RosterPacket.Item item = alice.expectRosterPush("for the subscription request to " + bob.jid(), itemFor(bob.jid()));
        assertEquals(ItemType.none, item.getItemType(), "subscription in the push of a request not yet approved: " + describe(item));
        assertTrue(item.isSubscriptionPending(), "the push must show the request as pending with ask='subscribe': " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "when the contact approves, the user's interested resources get a roster push with the contact at subscription 'to'")
    @Test
    void approvalIsPushedToTheUserAsTo(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser());
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        alice.expectRosterPush("showing " + bob.bareJid() + " at subscription 'to' after he approved", itemFor(bob.bareJid(), ItemType.to));
    }

    @Spec(document = "RFC 6121", section = "3.1.5", level = MUST,
          requirement = "when the contact approves, the user receives the current presence of each of the contact's available resources")
    @Test
    void approvalSendsTheContactsCurrentPresence(Lab lab) {
        ImClient alice = ImClient.connect(lab, lab.newUser()).available();
        ImClient bob = ImClient.connect(lab, lab.newUser()).available("reading RFC 6121");
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        Presence presence = alice.expectPresence("the current presence of " + bob.jid(), ofTypeFrom(Presence.Type.available, bob.jid()));
        assertEquals("reading RFC 6121", presence.getStatus(), "status in the presence of " + bob.jid() + " (his current one)");
    }
}
