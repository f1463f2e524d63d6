package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
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
        ImClient bob = ImClient.connect(lab.newUser()).available();

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
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();

        alice.send(subscribe(bob.jid()));

        alice.expectRosterPushShowing("for the subscription request", bob.jid(),
                "subscription 'none' with the request pending (ask='subscribe')", item -> item.getItemType() == ItemType.none && item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "when the contact approves, the user's interested resources get a roster push with the contact at subscription 'to'")
    @Test
    void approvalIsPushedToTheUserAsTo(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        ImClient bob = ImClient.connect(lab.newUser()).available();
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        alice.expectRosterPush("showing " + bob.bareJid() + " at subscription 'to' after he approved", itemFor(bob.bareJid(), ItemType.to));
    }

    @Spec(document = "RFC 6121", section = "3.1.5", level = MUST,
          requirement = "when the contact approves, the user receives the current presence of each of the contact's available resources")
    @Test
    void approvalSendsTheContactsCurrentPresence(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient bob = ImClient.connect(lab.newUser()).available("reading RFC 6121");
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        Presence presence = alice.expectPresence("the current presence of " + bob.jid(), ofTypeFrom(Presence.Type.available, bob.jid()));
        assertEquals("reading RFC 6121", presence.getStatus(), "status in the presence of " + bob.jid() + " (his current one)");
    }

    @Spec(document = "RFC 6121", section = "3.1.3", level = MUST,
          requirement = "a subscription request is delivered to every available resource of the contact")
    @Test
    void subscriptionRequestReachesEveryAvailableResource(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();
        ImClient phone = ImClient.connect(bob).available();
        ImClient laptop = ImClient.connect(bob).available();

        alice.send(subscribe(bob.jid()));

        phone.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
        laptop.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
    }

    @Spec(document = "RFC 6121", section = "3.1.3", level = MUST,
          requirement = "a subscription request for a contact with no available resource is kept and delivered when the contact next becomes available")
    @Test
    void subscriptionRequestToOfflineContactIsDeliveredWhenTheContactComesOnline(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        User bob = lab.newUser();
        alice.send(subscribe(bob.jid()));
        alice.expectRosterPush("for the request to " + bob.jid(), itemFor(bob.jid()));

        ImClient phone = ImClient.connect(bob).available();

        phone.expectPresence("the subscription request that " + alice.bareJid() + " sent while he was offline",
                ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
    }

    @Spec(document = "RFC 6121", section = "3.1.3", level = MUST,
          requirement = "an unanswered subscription request does not add the requester to the contact's roster")
    @Test
    void subscriptionRequestAddsNoItemToTheContactsRoster(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        ImClient bob = ImClient.connect(lab.newUser()).available();

        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        RosterPacket.Item item = bob.rosterItem(alice.bareJid());
        assertNull(item, "before he answers her request, the contact's roster must have no item for " + alice.bareJid() + ": " + describe(item));
    }

    @Spec(document = "RFC 6121", section = "3.1.5", level = MUST,
          requirement = "when the contact approves, the contact's interested resources get a roster push with the user at subscription 'from'")
    @Test
    void approvalIsPushedToTheContactAsFrom(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());
        ImClient bob = ImClient.connect(lab.newUser()).available();
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        bob.expectRosterPush("showing " + alice.bareJid() + " at subscription 'from' after he approved", itemFor(alice.bareJid(), ItemType.from));
    }

    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "the approval is delivered to the user's interested resources, from the contact's bare JID")
    @Test
    void approvalIsDeliveredFromTheContactsBareJid(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient bob = ImClient.connect(lab.newUser()).available();
        alice.send(subscribe(bob.bareJid()));
        bob.expectPresence("the subscription request of " + alice.bareJid(), ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));

        bob.send(subscribed(alice.bareJid()));

        Presence approval = alice.expectPresence("the approval of " + bob.bareJid(), ofTypeFromAccount(Presence.Type.subscribed, bob.bareJid()));
        assertEquals(bob.bareJid().toString(), approval.getFrom().toString(), "'from' of the approval as delivered (the contact sent it from " + bob.jid() + ")");
    }

    /*
     * The rule is A.3.4's (a pending request ends and the refusal is delivered), not §3.2.3's: §3.2.3 checks only for
     * subscription 'to' or 'both', which a user in None + Pending Out does not have. §3.1.4 and §3.2.2 send a refusal
     * of a request down the same path, and A.3.4 states in its text that it is delivered.
     */
    @Spec(document = "RFC 6121", section = "A.3.4", level = MUST,
          requirement = "when the contact refuses a pending request, the refusal is delivered to the user and the roster push shows the request no longer pending")
    @Test
    void refusalIsDeliveredAndEndsThePendingRequest(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.NONE_PENDING_OUT);

        pair.bob.send(Subscriptions.unsubscribed(pair.alice.bareJid()));

        pair.alice.expectPresence("the refusal of " + pair.bob.bareJid(), ofTypeFromAccount(Presence.Type.unsubscribed, pair.bob.bareJid()));
        pair.alice.expectRosterPushShowing("after he refused", pair.bob.bareJid(),
                "subscription 'none' with the request no longer pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    /*
     * The RFC states this duty twice at different levels: §3.1.3 says the contact's server must answer the request
     * of a user already subscribed itself, A.3.1 (note 2 of its table, contact in From, From + Pending Out or Both)
     * that it should, and should not deliver the request. Graded at the weaker level, citing A.3.1.
     */
    @Spec(document = "RFC 6121", section = "A.3.1", level = SHOULD,
          requirement = "a request from a user who is already subscribed is answered by the contact's server with 'subscribed' from the contact's bare JID, without bothering the contact "
                  + "(§3.1.3 says must, A.3.1 should: graded as should)")
    @Test
    void repeatedRequestOfASubscriberIsApprovedByTheServer(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.TO);

        pair.alice.send(subscribe(pair.bob.bareJid()));

        pair.alice.expectPresence("the server's own approval on behalf of " + pair.bob.bareJid() + ", as she is already subscribed",
                ofTypeFrom(Presence.Type.subscribed, pair.bob.bareJid()));
        pair.bob.expectNoPresenceFrom(pair.alice, "the repeated request of " + pair.alice.bareJid() + ", who is already subscribed",
                ofTypeFromAccount(Presence.Type.subscribe, pair.alice.bareJid()));
    }

    // ---- pre-approval (§3.4), optional ----

    @Spec(document = "RFC 6121", section = "3.4.2", level = MUST,
          requirement = "a server offering pre-approval records a 'subscribed' sent before any request by pushing an item for the contact that grants no subscription")
    @Test
    void preApprovalIsPushed(Lab lab) {
        RosterPacket.Item item = pushOfAPreApproval(lab);

        assertEquals(ItemType.none, item.getItemType(), "a pre-approval alone grants no subscription: " + describe(item));
    }

    /* §3.4.2 has the server set the flag and push the item; that the item shows it is §2.1.2.1's rule, a SHOULD. */
    @Spec(document = "RFC 6121", section = "2.1.2.1", level = SHOULD,
          requirement = "a server offering pre-approval shows a pre-approved contact with approved='true' in the item it pushes")
    @Test
    void preApprovalIsPushedAsApproved(Lab lab) {
        RosterPacket.Item item = pushOfAPreApproval(lab);

        assertTrue(item.isApproved(), "the pushed item of a pre-approved contact should say approved='true': " + describe(item));
    }

    /** Bob, on a server offering pre-approval, pre-approves alice, who never asked; the push this causes. */
    private static RosterPacket.Item pushOfAPreApproval(Lab lab) {
        ImClient bob = PreApproval.connect(lab, lab.newUser());
        User alice = lab.newUser();

        bob.send(subscribed(alice.jid()));

        return bob.expectRosterPush("showing the pre-approval of " + alice.jid(), itemFor(alice.jid()));
    }

    /*
     * Three levels for one duty: §3.4.2 says the server must answer a pre-approved request itself, §3.1.3 that it
     * should, A.3.1 (note 1 of its table, state None) that it may. Graded at the weakest, citing A.3.1.
     */
    @Spec(document = "RFC 6121", section = "A.3.1", level = MAY,
          requirement = "a request from a pre-approved user is approved by the server without the contact's interaction "
                  + "(§3.4.2 says must, §3.1.3 should, A.3.1 may: graded as may)")
    @Test
    void requestOfAPreApprovedUserIsApprovedAtOnce(Lab lab) {
        ImClient bob = PreApproval.connect(lab, lab.newUser()).available();
        ImClient alice = ImClient.connect(lab.newUser()).available();
        lab.setUp("bob's pre-approval of " + alice.bareJid(), () -> {
            bob.send(subscribed(alice.bareJid()));
            bob.expectRosterPush("(setup) showing the pre-approval of " + alice.bareJid(), itemFor(alice.bareJid()));
        });

        alice.send(subscribe(bob.bareJid()));

        alice.expectRosterPush("showing the subscription to the contact who pre-approved it", itemFor(bob.bareJid(), ItemType.to));
        bob.expectRosterPush("showing " + alice.bareJid() + " at subscription 'from'", itemFor(alice.bareJid(), ItemType.from));
    }
}
