package org.stanzalab.suites.rfc6121;

import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFromAccount;

import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jivesoftware.smack.roster.packet.RosterPacket.ItemType;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.User;

/**
 * Setup: a user (alice) and a contact (bob), each with one available, interested resource, brought into one of
 * the nine subscription states of RFC 6121 Appendix A by real handshakes. Every step waits for what it causes
 * (roster pushes and delivered subscription stanzas) before the next, and at the end everything received is
 * forgotten, so the test sees only what its own action causes.
 */
public final class ContactPair {
    public final User aliceAccount;
    public final ImClient alice;
    public final ImClient bob;

    private ContactPair(User aliceAccount, ImClient alice, ImClient bob) {
        this.aliceAccount = aliceAccount;
        this.alice = alice;
        this.bob = bob;
    }

    /** Two fresh users, both available, in this state as alice sees it. */
    static ContactPair in(Lab lab, SubscriptionState state) {
        return between(lab, lab, state);
    }

    /**
     * Like {@link #in}, with alice on {@code aliceServer} and bob on {@code bobServer} (the same test on two servers
     * of the run, see {@code Lab.domain}): each step then crosses the servers' federation.
     */
    public static ContactPair between(Lab aliceServer, Lab bobServer, SubscriptionState state) {
        Lab lab = aliceServer;
        User aliceAccount = aliceServer.newUser();
        ImClient alice = ImClient.connect(aliceAccount).available();
        ImClient bob = ImClient.connect(bobServer.newUser()).available();
        ContactPair pair = new ContactPair(aliceAccount, alice, bob);
        lab.setUp("alice and bob in the subscription state " + state, () -> pair.reach(state));
        alice.session().forget();
        bob.session().forget();
        return pair;
    }

    private void reach(SubscriptionState state) {
        switch (state) {
            case NONE -> { }
            case NONE_PENDING_OUT -> request(alice, bob, ItemType.none);
            case NONE_PENDING_IN -> request(bob, alice, ItemType.none);
            case NONE_PENDING_OUT_IN -> {
                request(alice, bob, ItemType.none);
                request(bob, alice, ItemType.none);
            }
            case TO -> subscribe(alice, bob, false);
            case TO_PENDING_IN -> {
                subscribe(alice, bob, false);
                request(bob, alice, ItemType.from);
            }
            case FROM -> subscribe(bob, alice, false);
            case FROM_PENDING_OUT -> {
                subscribe(bob, alice, false);
                request(alice, bob, ItemType.from);
            }
            case BOTH -> {
                subscribe(alice, bob, false);
                subscribe(bob, alice, true);
            }
        }
    }

    /** The requester asks; its own roster shows the request pending, and the request reaches the other. */
    private static void request(ImClient requester, ImClient target, ItemType requesterSubscription) {
        requester.send(Subscriptions.subscribe(target.bareJid()));
        requester.expectRosterPush("(setup) showing the request to " + target.bareJid() + " as pending",
                itemFor(target.bareJid(), requesterSubscription).and(RosterPacket.Item::isSubscriptionPending));
        target.expectPresence("(setup) the subscription request of " + requester.bareJid(),
                ofTypeFromAccount(Presence.Type.subscribe, requester.bareJid()));
    }

    /**
     * The requester asks and the target approves: afterwards the requester has 'to', or 'both' when the target
     * was already subscribed to the requester.
     */
    private static void subscribe(ImClient requester, ImClient target, boolean requesterHasFrom) {
        request(requester, target, requesterHasFrom ? ItemType.from : ItemType.none);
        target.send(Subscriptions.subscribed(requester.bareJid()));
        ItemType requesterAfter = requesterHasFrom ? ItemType.both : ItemType.to;
        ItemType targetAfter = requesterHasFrom ? ItemType.both : ItemType.from;
        requester.expectRosterPush("(setup) showing the approved subscription to " + target.bareJid(),
                noAsk(itemFor(target.bareJid(), requesterAfter)));
        target.expectRosterPush("(setup) showing the approved subscription of " + requester.bareJid(),
                itemFor(requester.bareJid(), targetAfter));
        requester.expectPresence("(setup) the approval of " + target.bareJid(),
                ofTypeFromAccount(Presence.Type.subscribed, target.bareJid()));
    }

    private static Predicate<RosterPacket.Item> noAsk(Predicate<RosterPacket.Item> matcher) {
        return matcher.and(item -> !item.isSubscriptionPending());
    }
}
