package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;

import java.util.Arrays;
import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * RFC 6121 §4: who gets the user's presence, and whose presence the user gets, in each of the nine subscription
 * states of Appendix A. A contact sees the user's presence exactly when it is subscribed to it ('from' or 'both'
 * in the user's roster); the user sees the contact's exactly when the user is subscribed ('to' or 'both').
 * A pending request grants nothing.
 */
@StanzalabTest
class PresenceBySubscription {

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence of a new resource is broadcast to the contacts subscribed to the user's presence, and to no other contact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void initialPresenceReachesOnlySubscribers(SubscriptionState state, Lab lab) {
        ContactPair pair = ContactPair.in(lab, state);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available("initial presence in state " + state);

        expectSeenBySubscriberOnly(phone, pair.bob, state.hasFrom(), ofTypeFrom(Presence.Type.available, phone.jid()),
                "the initial presence of " + phone.jid() + ", alice's new resource", state, "4.2.2");
    }

    /*
     * Whether a new resource gets its contacts' presence at all is a SHOULD: the server should probe them (§4.3.1),
     * and it need not probe a contact on the same server, whose presence it already has (§4.3.1, §4.2.2's MUST being
     * for a server that lacks it). What it must not do is answer for a contact whose presence the user has no
     * subscription to (§4.3.2, rule 1).
     */
    @Spec(document = "RFC 6121", section = "4.3.1", level = SHOULD,
          requirement = "when a user's resource comes online, it receives the current presence of the contacts it is subscribed to")
    @ParameterizedTest(name = "{0}")
    @MethodSource("statesWithSubscriptionTo")
    void newResourceReceivesThePresenceOfContactsItIsSubscribedTo(SubscriptionState state, Lab lab) {
        ContactPair pair = ContactPair.in(lab, state);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available();

        phone.expectPresence("the current presence of " + pair.bob.jid() + " after alice's new resource came online in state " + state
                + " (RFC 6121 §4.3.1: she is subscribed to it)", ofTypeFrom(Presence.Type.available, pair.bob.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.3.2", level = MUST,
          requirement = "when a user's resource comes online, it receives no presence of contacts it is not subscribed to")
    @ParameterizedTest(name = "{0}")
    @MethodSource("statesWithoutSubscriptionTo")
    void probeRevealsPresenceOnlyToSubscribers(SubscriptionState state, Lab lab) {
        ContactPair pair = ContactPair.in(lab, state);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available();

        String what = "the current presence of " + pair.bob.jid() + " after alice's new resource came online in state " + state
                + " (RFC 6121 §4.3.2: the contact's presence goes only to a subscriber)";
        // Bob's presence would answer the probe the server sends on behalf of the phone's initial presence, and may
        // come out of bob's own stream (a server may let bob's session answer the probe). An IQ from the phone to
        // bob's resource follows the probe's route, and bob's reply follows the presence back, each in order
        // (RFC 6120 §10.1), so once the reply is here, the presence would be too.
        Marker roundTrip = phone.session().sendMarkerIq(pair.bob.jid());
        phone.session().expectNothingBefore(roundTrip, Presence.class, what, p -> p.getFrom() != null
                && p.getFrom().asBareJid().equals(pair.bob.bareJid()) && p.getType() == Presence.Type.available);
    }

    static List<SubscriptionState> statesWithSubscriptionTo() {
        return Arrays.stream(SubscriptionState.values()).filter(SubscriptionState::hasTo).toList();
    }

    static List<SubscriptionState> statesWithoutSubscriptionTo() {
        return Arrays.stream(SubscriptionState.values()).filter(s -> !s.hasTo()).toList();
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a change of presence is broadcast to the contacts subscribed to the user's presence, and to no other contact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void subsequentPresenceReachesOnlySubscribers(SubscriptionState state, Lab lab) {
        ContactPair pair = ContactPair.in(lab, state);
        String status = "changed presence in state " + state;

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus(status).build());

        expectSeenBySubscriberOnly(pair.alice, pair.bob, state.hasFrom(),
                ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> status.equals(p.getStatus())),
                "the changed presence of " + pair.alice.jid(), state, "4.4.2");
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "unavailable presence is broadcast to the contacts subscribed to the user's presence, and to no other contact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void unavailablePresenceReachesOnlySubscribers(SubscriptionState state, Lab lab) {
        ContactPair pair = ContactPair.in(lab, state);

        pair.alice.send(Subscriptions.unavailable());

        expectSeenBySubscriberOnly(pair.alice, pair.bob, state.hasFrom(), ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()),
                "the unavailable presence of " + pair.alice.jid(), state, "4.5.2");
    }

    private static void expectSeenBySubscriberOnly(ImClient sender, ImClient contact, boolean subscribed,
                                                   java.util.function.Predicate<Presence> matcher,
                                                   String what, SubscriptionState state, String section) {
        if (subscribed) {
            contact.expectPresence(what + ", as bob is subscribed to her presence (alice's state " + state
                    + ", RFC 6121 §" + section + ")", matcher);
        } else {
            contact.expectNoPresenceFrom(sender, what + ", although bob is not subscribed to her presence (alice's state " + state
                    + ", RFC 6121 §" + section + ")", matcher);
        }
    }
}
