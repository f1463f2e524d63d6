package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFromAccount;
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribe;
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribed;

import org.jivesoftware.smack.packet.Presence;
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
        ImClient alice = ImClient.connect(lab.newUser());
        ImClient bob = ImClient.connect(lab.newUser()).available();
        Subscriptions.establish(lab, alice, bob);

        bob.send(unsubscribed(alice.bareJid()));

        alice.expectRosterPushShowing("after he cancelled her subscription", bob.bareJid(),
                "subscription 'none' and nothing pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "when the user unsubscribes, the contact's interested resources get a roster push with the subscription gone ('from' becomes 'none')")
    @Test
    void unsubscribeIsPushedToTheContact(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        ImClient bob = ImClient.connect(lab.newUser()).available();
        Subscriptions.establish(lab, alice, bob);

        alice.send(unsubscribe(bob.bareJid()));

        bob.expectRosterPushShowing("after she unsubscribed", alice.bareJid(), "subscription 'none'",
                item -> item.getItemType() == ItemType.none);
    }

    @Spec(document = "RFC 6121", section = "3.2.3", level = MUST,
          requirement = "the contact's cancellation is delivered to the user, from the contact's bare JID")
    @Test
    void cancellationIsDeliveredToTheUser(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        Presence cancellation = pair.alice.expectPresence("the cancellation by " + pair.bob.bareJid(),
                ofTypeFromAccount(Presence.Type.unsubscribed, pair.bob.bareJid()));
        assertEquals(pair.bob.bareJid().toString(), cancellation.getFrom().toString(), "'from' of the cancellation as delivered");
    }

    @Spec(document = "RFC 6121", section = "3.2.2", level = MUST,
          requirement = "when the contact cancels the user's subscription, the contact's own interested resources get a roster push ('from' becomes 'none')")
    @Test
    void cancellationIsPushedToTheContact(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.bob.expectRosterPushShowing("after he cancelled her subscription", pair.alice.bareJid(), "subscription 'none'",
                item -> item.getItemType() == ItemType.none);
    }

    @Spec(document = "RFC 6121", section = "3.2.2", level = MUST,
          requirement = "when the contact cancels the user's subscription, the user receives unavailable presence from each of the contact's available resources")
    @Test
    void cancellationMakesTheContactUnavailableToTheUser(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.alice.expectPresence("unavailable presence of " + pair.bob.jid() + ", whose presence she may no longer see",
                ofTypeFrom(Presence.Type.unavailable, pair.bob.jid()));
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "the user's unsubscribe is delivered to the contact, from the user's bare JID")
    @Test
    void unsubscribeIsDeliveredToTheContact(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        Presence request = pair.bob.expectPresence("the unsubscribe of " + pair.alice.bareJid(),
                ofTypeFromAccount(Presence.Type.unsubscribe, pair.alice.bareJid()));
        assertEquals(pair.alice.bareJid().toString(), request.getFrom().toString(), "'from' of the unsubscribe as delivered");
    }

    @Spec(document = "RFC 6121", section = "3.3.2", level = MUST,
          requirement = "when the user unsubscribes, the user's own interested resources get a roster push ('to' becomes 'none')")
    @Test
    void unsubscribeIsPushedToTheUser(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        pair.alice.expectRosterPushShowing("after she unsubscribed", pair.bob.bareJid(),
                "subscription 'none' and nothing pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "when the user unsubscribes, the user receives unavailable presence from each of the contact's available resources")
    @Test
    void unsubscribeMakesTheContactUnavailableToTheUser(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        pair.alice.expectPresence("unavailable presence of " + pair.bob.jid() + ", whose presence she no longer receives",
                ofTypeFrom(Presence.Type.unavailable, pair.bob.jid()));
    }

    /* §3.2.2 ends the subscription; that later presence goes only to subscribers is §4.4.2's broadcast rule. */
    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "after a cancellation, the contact's presence changes no longer reach the user, who is no longer subscribed")
    @Test
    void cancelledSubscriberNoLongerReceivesPresence(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);
        lab.setUp("bob's cancellation of alice's subscription", () -> {
            pair.bob.send(unsubscribed(pair.alice.bareJid()));
            pair.alice.expectRosterPush("(setup) for " + pair.bob.bareJid() + " after he cancelled her subscription",
                    itemFor(pair.bob.bareJid(), ItemType.none));
            pair.alice.session().forget(Presence.class);
        });

        pair.bob.available("after the cancellation");

        pair.alice.expectNoPresenceFrom(pair.bob, "the new presence of " + pair.bob.jid() + ", who cancelled her subscription",
                ofTypeFrom(Presence.Type.available, pair.bob.jid()));
    }
}
