package org.stanzalab.suites.federation.rfc6121;

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
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribe;
import static org.stanzalab.suites.rfc6121.Subscriptions.unsubscribed;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.rfc6121.ContactPair;
import org.stanzalab.suites.rfc6121.ImClient;
import org.stanzalab.suites.rfc6121.PreApproval;
import org.stanzalab.suites.rfc6121.SubscriptionState;

/**
 * RFC 6121 §3 across two servers: alice's server handles her side of each subscription step (§3.x.2, outbound) and
 * bob's server his (§3.x.3, inbound), and every stanza between them crosses the federation. The single-server
 * counterparts are rfc6121.SubscriptionHandshake and rfc6121.SubscriptionCancellation.
 */
@StanzalabTest
class CrossDomainSubscriptions {

    // ---- request (§3.1) ----

    @Spec(document = "RFC 6121", section = "3.1.2", level = MUST,
          requirement = "a subscription request to a contact on another server is routed to the contact's server and reaches the contact, "
                  + "stamped with the user's bare JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void requestReachesTheRemoteContactFromTheBareJid(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        Session alice = sides.home().newUser().connect();
        ImClient bob = ImClient.connect(sides.away().newUser()).available();

        alice.send(subscribe(bob.bareJid()));

        Presence request = bob.expectPresence("the subscription request of " + alice.bareJid() + " from the other server",
                ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
        assertEquals(alice.bareJid().toString(), request.getFrom().toString(),
                "'from' of the subscription request as delivered across the federation (the sender was " + alice.jid() + ")");
    }

    @Spec(document = "RFC 6121", section = "3.1.2", level = MUST,
          requirement = "after a subscription request to a contact on another server, the user's interested resources get a roster push "
                  + "with the contact at subscription 'none' and ask 'subscribe'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void requestToARemoteContactIsPushedAsPending(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        User bob = sides.away().newUser();

        alice.send(subscribe(bob.jid()));

        alice.expectRosterPushShowing("for the subscription request to the remote contact", bob.jid(),
                "subscription 'none' with the request pending (ask='subscribe')",
                item -> item.getItemType() == ItemType.none && item.isSubscriptionPending());
    }

    /*
     * Nothing on bob's server shows when the request has arrived while he is offline, so he may log in before or after
     * it comes: either way his server must hand it to him (live, or kept and delivered on his initial presence).
     */
    @Spec(document = "RFC 6121", section = "3.1.3", level = MUST,
          requirement = "a subscription request from another server for a contact with no available resource is kept and delivered "
                  + "when the contact next becomes available")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void requestToAnOfflineRemoteContactIsDeliveredWhenHeComesOnline(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        User bob = sides.away().newUser();
        lab.setUp("alice's request to bob, who is offline", () -> {
            alice.send(subscribe(bob.jid()));
            alice.expectRosterPush("(setup) for the request to " + bob.jid(), itemFor(bob.jid()));
        });

        ImClient phone = ImClient.connect(bob).available();

        phone.expectPresence("the subscription request that " + alice.bareJid() + " sent from the other server while he was offline",
                ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
    }

    @Spec(document = "RFC 6121", section = "3.1.3", level = MUST,
          requirement = "an unanswered subscription request from another server does not add the requester to the contact's roster")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void unansweredRequestAddsNoItemToTheRemoteContactsRoster(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        ImClient bob = ImClient.connect(sides.away().newUser()).available();

        requestReaches(lab, alice, bob);

        RosterPacket.Item item = bob.rosterItem(alice.bareJid());
        assertNull(item, "before he answers her request, the contact's roster must have no item for " + alice.bareJid() + ": " + describe(item));
    }

    // ---- approval (§3.1.5, §3.1.6) ----

    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "when a contact on another server approves, the user's interested resources get a roster push with the contact at "
                  + "subscription 'to'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteApprovalIsPushedToTheUserAsTo(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        ImClient bob = ImClient.connect(sides.away().newUser()).available();
        requestReaches(lab, alice, bob);

        bob.send(subscribed(alice.bareJid()));

        alice.expectRosterPushShowing("after the remote contact approved", bob.bareJid(), "subscription 'to' and nothing pending",
                item -> item.getItemType() == ItemType.to && !item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.1.5", level = MUST,
          requirement = "when the contact approves a request from a user on another server, the contact's interested resources get a roster "
                  + "push with the user at subscription 'from'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void approvalOfARemoteUserIsPushedToTheContactAsFrom(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        ImClient bob = ImClient.connect(sides.away().newUser()).available();
        requestReaches(lab, alice, bob);

        bob.send(subscribed(alice.bareJid()));

        bob.expectRosterPushShowing("after he approved the remote user", alice.bareJid(), "subscription 'from'",
                item -> item.getItemType() == ItemType.from);
    }

    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "the approval of a contact on another server is delivered to the user, from the contact's bare JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteApprovalIsDeliveredFromTheContactsBareJid(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient bob = ImClient.connect(sides.away().newUser()).available();
        requestReaches(lab, alice, bob);

        bob.send(subscribed(alice.bareJid()));

        Presence approval = alice.expectPresence("the approval of " + bob.bareJid(), ofTypeFromAccount(Presence.Type.subscribed, bob.bareJid()));
        assertEquals(bob.bareJid().toString(), approval.getFrom().toString(),
                "'from' of the approval as delivered across the federation (the contact sent it from " + bob.jid() + ")");
    }

    @Spec(document = "RFC 6121", section = "3.1.5", level = MUST,
          requirement = "when the contact approves a request from a user on another server, the user receives the current presence of "
                  + "each of the contact's available resources")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteApprovalSendsTheContactsCurrentPresence(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient bob = ImClient.connect(sides.away().newUser()).available("reading RFC 6121 on " + sides.away().domain());
        requestReaches(lab, alice, bob);

        bob.send(subscribed(alice.bareJid()));

        Presence presence = alice.expectPresence("the current presence of " + bob.jid(), ofTypeFrom(Presence.Type.available, bob.jid()));
        assertEquals("reading RFC 6121 on " + sides.away().domain(), presence.getStatus(),
                "status in the presence of " + bob.jid() + " (his current one)");
    }

    /*
     * After both handshakes each server has stored its side of the relationship; the roster get reads what it stored,
     * not only what it pushed. §3.1.6 gives alice's side ('from' becomes 'both'), §3.1.5 bob's.
     */
    @Spec(document = "RFC 6121", section = "3.1.6", level = MUST,
          requirement = "after subscriptions approved in both directions between users of two servers, each user's roster holds the other "
                  + "at subscription 'both' with nothing pending")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void mutualSubscriptionIsStoredAsBothOnEachServer(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.BOTH);

        RosterPacket.Item aliceItem = pair.alice.rosterItem(pair.bob.bareJid());
        RosterPacket.Item bobItem = pair.bob.rosterItem(pair.alice.bareJid());

        assertTrue(aliceItem != null && aliceItem.getItemType() == ItemType.both && !aliceItem.isSubscriptionPending(),
                "alice's roster on " + sides.home().domain() + " must hold bob at 'both', nothing pending: " + describe(aliceItem));
        assertTrue(bobItem != null && bobItem.getItemType() == ItemType.both && !bobItem.isSubscriptionPending(),
                "bob's roster on " + sides.away().domain() + " must hold alice at 'both', nothing pending: " + describe(bobItem));
    }

    // ---- denial (A.3.4) ----

    @Spec(document = "RFC 6121", section = "A.3.4", level = MUST,
          requirement = "when a contact on another server refuses a pending request, the refusal is delivered to the user and the roster "
                  + "push shows the request no longer pending")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteRefusalIsDeliveredAndEndsThePendingRequest(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.NONE_PENDING_OUT);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.alice.expectPresence("the refusal of " + pair.bob.bareJid(), ofTypeFromAccount(Presence.Type.unsubscribed, pair.bob.bareJid()));
        pair.alice.expectRosterPushShowing("after the remote contact refused", pair.bob.bareJid(),
                "subscription 'none' with the request no longer pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    // ---- cancellation (§3.2) ----

    @Spec(document = "RFC 6121", section = "3.2.3", level = MUST,
          requirement = "a cancellation by a contact on another server is delivered to the user from the contact's bare JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteCancellationIsDeliveredToTheUser(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        Presence cancellation = pair.alice.expectPresence("the cancellation by " + pair.bob.bareJid(),
                ofTypeFromAccount(Presence.Type.unsubscribed, pair.bob.bareJid()));
        assertEquals(pair.bob.bareJid().toString(), cancellation.getFrom().toString(), "'from' of the cancellation as delivered");
    }

    @Spec(document = "RFC 6121", section = "3.2.3", level = MUST,
          requirement = "when a contact on another server cancels the user's subscription, the user's interested resources get a roster push "
                  + "with the subscription gone ('to' becomes 'none')")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteCancellationIsPushedToTheUser(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.alice.expectRosterPushShowing("after the remote contact cancelled her subscription", pair.bob.bareJid(),
                "subscription 'none' and nothing pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.2.2", level = MUST,
          requirement = "when the contact cancels the subscription of a user on another server, the contact's own interested resources get a "
                  + "roster push ('from' becomes 'none')")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void cancellationOfARemoteSubscriberIsPushedToTheContact(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.bob.expectRosterPushShowing("after he cancelled the remote user's subscription", pair.alice.bareJid(), "subscription 'none'",
                item -> item.getItemType() == ItemType.none);
    }

    @Spec(document = "RFC 6121", section = "3.2.2", level = MUST,
          requirement = "when the contact cancels the subscription of a user on another server, the user receives unavailable presence from "
                  + "each of the contact's available resources")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteCancellationMakesTheContactUnavailableToTheUser(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.bob.send(unsubscribed(pair.alice.bareJid()));

        pair.alice.expectPresence("unavailable presence of " + pair.bob.jid() + ", whose presence she may no longer see",
                ofTypeFrom(Presence.Type.unavailable, pair.bob.jid()));
    }

    /* §3.2.2 ends the subscription; that later presence goes only to subscribers is §4.4.2's broadcast rule. */
    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "after a contact on another server cancelled the user's subscription, the contact's presence changes no longer "
                  + "reach the user")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void cancelledRemoteSubscriberNoLongerReceivesPresence(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);
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

    // ---- unsubscribe (§3.3) ----

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "an unsubscribe from a user on another server is delivered to the contact, from the user's bare JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void unsubscribeReachesTheRemoteContact(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        Presence request = pair.bob.expectPresence("the unsubscribe of " + pair.alice.bareJid(),
                ofTypeFromAccount(Presence.Type.unsubscribe, pair.alice.bareJid()));
        assertEquals(pair.alice.bareJid().toString(), request.getFrom().toString(), "'from' of the unsubscribe as delivered");
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "when a user on another server unsubscribes, the contact's interested resources get a roster push with the "
                  + "subscription gone ('from' becomes 'none')")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteUnsubscribeIsPushedToTheContact(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        pair.bob.expectRosterPushShowing("after the remote user unsubscribed", pair.alice.bareJid(), "subscription 'none'",
                item -> item.getItemType() == ItemType.none);
    }

    @Spec(document = "RFC 6121", section = "3.3.2", level = MUST,
          requirement = "when the user unsubscribes from a contact on another server, the user's own interested resources get a roster push "
                  + "('to' becomes 'none')")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void unsubscribeFromARemoteContactIsPushedToTheUser(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        pair.alice.expectRosterPushShowing("after she unsubscribed", pair.bob.bareJid(),
                "subscription 'none' and nothing pending", item -> item.getItemType() == ItemType.none && !item.isSubscriptionPending());
    }

    @Spec(document = "RFC 6121", section = "3.3.3", level = MUST,
          requirement = "when the user unsubscribes from a contact on another server, the user receives unavailable presence from each of "
                  + "the contact's available resources")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void unsubscribeMakesTheRemoteContactUnavailableToTheUser(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(unsubscribe(pair.bob.bareJid()));

        pair.alice.expectPresence("unavailable presence of " + pair.bob.jid() + ", whose presence she no longer receives",
                ofTypeFrom(Presence.Type.unavailable, pair.bob.jid()));
    }

    // ---- the contact's server answering for the contact (A.3.1) ----

    /* As rfc6121.SubscriptionHandshake.repeatedRequestOfASubscriberIsApprovedByTheServer: §3.1.3 says must, A.3.1 should. */
    @Spec(document = "RFC 6121", section = "A.3.1", level = SHOULD,
          requirement = "a request from a user on another server who is already subscribed is answered by the contact's server with "
                  + "'subscribed' from the contact's bare JID, without bothering the contact (§3.1.3 says must, A.3.1 should: graded as should)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void repeatedRequestOfARemoteSubscriberIsApprovedByTheContactsServer(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(subscribe(pair.bob.bareJid()));

        pair.alice.expectPresence("the approval by " + sides.away().domain() + " on behalf of " + pair.bob.bareJid() + ", as she is already subscribed",
                ofTypeFrom(Presence.Type.subscribed, pair.bob.bareJid()));
        pair.bob.expectNoPresenceFrom(pair.alice, "the repeated request of " + pair.alice.bareJid() + ", who is already subscribed",
                ofTypeFromAccount(Presence.Type.subscribe, pair.alice.bareJid()));
    }

    /* As rfc6121.SubscriptionHandshake.requestOfAPreApprovedUserIsApprovedAtOnce: §3.4.2 must, §3.1.3 should, A.3.1 may. */
    @Spec(document = "RFC 6121", section = "A.3.1", level = MAY,
          requirement = "a request from a user on another server whom the contact pre-approved is approved by the contact's server without "
                  + "the contact's interaction (§3.4.2 says must, §3.1.3 should, A.3.1 may: graded as may)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void requestOfAPreApprovedRemoteUserIsApprovedAtOnce(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient bob = PreApproval.connect(sides.away(), sides.away().newUser()).available();
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        lab.setUp("bob's pre-approval of " + alice.bareJid(), () -> {
            bob.send(subscribed(alice.bareJid()));
            bob.expectRosterPush("(setup) showing the pre-approval of " + alice.bareJid(), itemFor(alice.bareJid()));
        });

        alice.send(subscribe(bob.bareJid()));

        alice.expectRosterPushShowing("after asking a remote contact who pre-approved her", bob.bareJid(), "subscription 'to'",
                item -> item.getItemType() == ItemType.to);
        bob.expectRosterPushShowing("after the pre-approved remote user asked", alice.bareJid(), "subscription 'from'",
                item -> item.getItemType() == ItemType.from);
    }

    /** Set-up: alice asks bob (on the other server) for his presence, and the request reaches him. */
    private static void requestReaches(Lab lab, ImClient alice, ImClient bob) {
        lab.setUp("alice's subscription request reaching bob", () -> {
            alice.send(subscribe(bob.bareJid()));
            bob.expectPresence("(setup) the subscription request of " + alice.bareJid(),
                    ofTypeFromAccount(Presence.Type.subscribe, alice.bareJid()));
        });
    }
}
