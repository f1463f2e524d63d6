package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.RosterRequests.describe;
import static org.stanzalab.suites.rfc6121.RosterRequests.itemFor;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFromAccount;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.SubscriptionState.Delivery;
import org.stanzalab.suites.rfc6121.SubscriptionState.Stanza;

/**
 * RFC 6121 Appendix A: every subscription-related presence stanza in every subscription state. Each case brings
 * a user and a contact into the state by real handshakes, has one of them send the stanza, and checks the user's
 * roster (subscription and ask) against the tables of A.2 (the user sends) and A.3 (the contact sends), and
 * whether the stanza was delivered. The tables themselves are in {@link SubscriptionState}.
 * <p>
 * When the user sends, whether the contact sees the stanza is decided twice: the user's server routes it or not
 * (A.2), and the contact's server delivers it or not (A.3, in the mirrored state). Both servers are the same here,
 * so a case expects delivery exactly when A.3 says the contact's side delivers it.
 */
@StanzalabTest
class SubscriptionStates {

    /*
     * A test method has one requirement level, and the tables mix them: the state change is MUST in every cell (the
     * text of A.3.2-A.3.4 says so for the cells without a change too), delivery is MUST, MUST NOT (A.2.3's M.N.) or
     * SHOULD NOT (S.N.). So each table is two methods: the first, at MUST, checks every state for the state change,
     * the roster push and the delivery where the cell says MUST or MUST NOT; the second, at SHOULD, checks only the
     * S.N. cells, that the stanza does not arrive.
     *
     * Where the body of the RFC contradicts a delivery cell (§3.3.3 against A.3.2 for an unsubscribe that withdraws
     * a pending request, §3.1.3 against A.3.1 for a subscribe that repeats one; see SubscriptionState.inboundDelivery),
     * both readings are accepted: the MUST method notes in the transcript which one the server chose, and the cell is
     * in no SHOULD method, since nothing there could fail.
     */

    @Spec(document = "RFC 6121", section = "A.2.1", level = MUST,
          requirement = "an outbound subscribe changes the user's subscription state as the outbound-subscribe table prescribes, and reaches a contact who has neither seen it nor already granted a subscription")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void outboundSubscribe(SubscriptionState state, Lab lab) {
        userSends(lab, state, Stanza.SUBSCRIBE, "A.2.1");
    }

    @Spec(document = "RFC 6121", section = "A.3.1", level = SHOULD,
          requirement = "an outbound subscribe for a subscription the contact already granted is not delivered to the contact "
                  + "(a repeated request the contact has pending is not judged: §3.1.3 delivers it, A.3.1 does not)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("outboundSubscribeNotDeliveredStates")
    void outboundSubscribeNotDelivered(SubscriptionState state, Lab lab) {
        userSendsUndelivered(lab, state, Stanza.SUBSCRIBE, "A.2.1 and A.3.1");
    }

    @Spec(document = "RFC 6121", section = "A.2.2", level = MUST,
          requirement = "an outbound unsubscribe changes the user's subscription state as the outbound-unsubscribe table prescribes, and reaches the contact when it ends a subscription "
                  + "(when it only withdraws a pending request either is accepted: A.3.2 delivers it, §3.3.3 drops it)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void outboundUnsubscribe(SubscriptionState state, Lab lab) {
        userSends(lab, state, Stanza.UNSUBSCRIBE, "A.2.2");
    }

    @Spec(document = "RFC 6121", section = "A.3.2", level = SHOULD,
          requirement = "an outbound unsubscribe that ends neither a subscription nor a pending request is not delivered to the contact")
    @ParameterizedTest(name = "{0}")
    @MethodSource("outboundUnsubscribeNotDeliveredStates")
    void outboundUnsubscribeNotDelivered(SubscriptionState state, Lab lab) {
        userSendsUndelivered(lab, state, Stanza.UNSUBSCRIBE, "A.2.2 and A.3.2");
    }

    @Spec(document = "RFC 6121", section = "A.2.3", level = MUST,
          requirement = "an outbound subscribed changes the user's subscription state as the outbound-subscribed table prescribes, and is routed only when it approves a pending request")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void outboundSubscribed(SubscriptionState state, Lab lab) {
        userSends(lab, state, Stanza.SUBSCRIBED, "A.2.3");
    }

    @Spec(document = "RFC 6121", section = "A.2.4", level = MUST,
          requirement = "an outbound unsubscribed changes the user's subscription state as the outbound-unsubscribed table prescribes, and reaches the contact when it cancels a subscription or refuses a pending request")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void outboundUnsubscribed(SubscriptionState state, Lab lab) {
        userSends(lab, state, Stanza.UNSUBSCRIBED, "A.2.4");
    }

    @Spec(document = "RFC 6121", section = "A.2.4", level = SHOULD,
          requirement = "an outbound unsubscribed that cancels no subscription and refuses no pending request is not routed to the contact")
    @ParameterizedTest(name = "{0}")
    @MethodSource("outboundUnsubscribedNotDeliveredStates")
    void outboundUnsubscribedNotDelivered(SubscriptionState state, Lab lab) {
        userSendsUndelivered(lab, state, Stanza.UNSUBSCRIBED, "A.2.4");
    }

    @Spec(document = "RFC 6121", section = "A.3.1", level = MUST,
          requirement = "an inbound subscribe changes the user's subscription state as the inbound-subscribe table prescribes, and is delivered when it is a new request from a contact not yet subscribed "
                  + "(a repeated pending request may be delivered or not: §3.1.3 delivers it, A.3.1 does not)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void inboundSubscribe(SubscriptionState state, Lab lab) {
        contactSends(lab, state, Stanza.SUBSCRIBE, "A.3.1");
    }

    @Spec(document = "RFC 6121", section = "A.3.1", level = SHOULD,
          requirement = "an inbound subscribe from a contact already subscribed is not delivered to the user "
                  + "(a repeated pending request is not judged: §3.1.3 delivers it, A.3.1 does not)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundSubscribeNotDeliveredStates")
    void inboundSubscribeNotDelivered(SubscriptionState state, Lab lab) {
        contactSendsUndelivered(lab, state, Stanza.SUBSCRIBE, "A.3.1");
    }

    @Spec(document = "RFC 6121", section = "A.3.2", level = MUST,
          requirement = "an inbound unsubscribe changes the user's subscription state as the inbound-unsubscribe table prescribes, and is delivered when it ends the contact's subscription "
                  + "(when it only withdraws a pending request either is accepted: A.3.2 delivers it, §3.3.3 drops it)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void inboundUnsubscribe(SubscriptionState state, Lab lab) {
        contactSends(lab, state, Stanza.UNSUBSCRIBE, "A.3.2");
    }

    @Spec(document = "RFC 6121", section = "A.3.2", level = SHOULD,
          requirement = "an inbound unsubscribe that ends neither a subscription nor a pending request of the contact is not delivered to the user "
                  + "(S.N. in A.3.2; §3.3.3 even says it is silently dropped)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundUnsubscribeNotDeliveredStates")
    void inboundUnsubscribeNotDelivered(SubscriptionState state, Lab lab) {
        contactSendsUndelivered(lab, state, Stanza.UNSUBSCRIBE, "A.3.2");
    }

    @Spec(document = "RFC 6121", section = "A.3.3", level = MUST,
          requirement = "an inbound subscribed changes the user's subscription state as the inbound-subscribed table prescribes, and is delivered when it approves the user's pending request")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void inboundSubscribed(SubscriptionState state, Lab lab) {
        contactSends(lab, state, Stanza.SUBSCRIBED, "A.3.3");
    }

    @Spec(document = "RFC 6121", section = "A.3.3", level = SHOULD,
          requirement = "an inbound subscribed that approves no pending request of the user is not delivered to the user")
    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundSubscribedNotDeliveredStates")
    void inboundSubscribedNotDelivered(SubscriptionState state, Lab lab) {
        contactSendsUndelivered(lab, state, Stanza.SUBSCRIBED, "A.3.3");
    }

    @Spec(document = "RFC 6121", section = "A.3.4", level = MUST,
          requirement = "an inbound unsubscribed changes the user's subscription state as the inbound-unsubscribed table prescribes, and is delivered when it cancels the user's subscription or refuses the user's pending request")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SubscriptionState.class)
    void inboundUnsubscribed(SubscriptionState state, Lab lab) {
        contactSends(lab, state, Stanza.UNSUBSCRIBED, "A.3.4");
    }

    @Spec(document = "RFC 6121", section = "A.3.4", level = SHOULD,
          requirement = "an inbound unsubscribed that neither cancels a subscription nor refuses a pending request of the user is not delivered to the user")
    @ParameterizedTest(name = "{0}")
    @MethodSource("inboundUnsubscribedNotDeliveredStates")
    void inboundUnsubscribedNotDelivered(SubscriptionState state, Lab lab) {
        contactSendsUndelivered(lab, state, Stanza.UNSUBSCRIBED, "A.3.4");
    }

    // ---- the S.N. cells of each table ----

    static List<SubscriptionState> outboundSubscribeNotDeliveredStates() {
        return outboundCells(Stanza.SUBSCRIBE, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> outboundUnsubscribeNotDeliveredStates() {
        return outboundCells(Stanza.UNSUBSCRIBE, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> outboundUnsubscribedNotDeliveredStates() {
        return outboundCells(Stanza.UNSUBSCRIBED, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> inboundSubscribeNotDeliveredStates() {
        return inboundCells(Stanza.SUBSCRIBE, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> inboundUnsubscribeNotDeliveredStates() {
        return inboundCells(Stanza.UNSUBSCRIBE, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> inboundSubscribedNotDeliveredStates() {
        return inboundCells(Stanza.SUBSCRIBED, Delivery.SHOULD_NOT);
    }

    static List<SubscriptionState> inboundUnsubscribedNotDeliveredStates() {
        return inboundCells(Stanza.UNSUBSCRIBED, Delivery.SHOULD_NOT);
    }

    private static List<SubscriptionState> outboundCells(Stanza stanza, Delivery keyword) {
        return Arrays.stream(SubscriptionState.values()).filter(s -> s.outboundDelivery(stanza) == keyword).toList();
    }

    private static List<SubscriptionState> inboundCells(Stanza stanza, Delivery keyword) {
        return Arrays.stream(SubscriptionState.values()).filter(s -> s.inboundDelivery(stanza) == keyword).toList();
    }

    // ---- the two halves of the matrix ----

    private static void userSends(Lab lab, SubscriptionState state, Stanza stanza, String section) {
        ContactPair pair = ContactPair.in(lab, state);
        SubscriptionState expected = state.afterOutbound(stanza);
        Delivery delivery = state.outboundDelivery(stanza);
        String situation = "after alice sent " + stanza + " to bob in state " + state + " (RFC 6121 §" + section + ")";

        int bobHadReceived = pair.bob.session().received().size();
        pair.alice.send(presence(stanza, pair.bob));

        String what = "the " + stanza + " of alice in his state " + state.mirror() + " (RFC 6121 §" + section + " and A.3)";
        assertAll(situation,
                () -> expectDelivery(lab, delivery, pair.alice, pair.bob, bobHadReceived, stanza, what),
                () -> expectStoredState(pair, expected, situation),
                () -> expectRosterChange(pair, state, expected, situation));
    }

    private static void contactSends(Lab lab, SubscriptionState state, Stanza stanza, String section) {
        ContactPair pair = ContactPair.in(lab, state);
        SubscriptionState expected = state.afterInbound(stanza);
        Delivery delivery = state.inboundDelivery(stanza);
        String situation = "after bob sent " + stanza + " to alice in her state " + state + " (RFC 6121 §" + section + ")";

        int aliceHadReceived = pair.alice.session().received().size();
        pair.bob.send(presence(stanza, pair.alice));

        String what = "the " + stanza + " of bob in her state " + state + " (RFC 6121 §" + section + ")";
        assertAll(situation,
                () -> expectDelivery(lab, delivery, pair.bob, pair.alice, aliceHadReceived, stanza, what),
                () -> expectStoredState(pair, expected, situation),
                () -> expectRosterChange(pair, state, expected, situation));
    }

    private static void userSendsUndelivered(Lab lab, SubscriptionState state, Stanza stanza, String sections) {
        ContactPair pair = ContactPair.in(lab, state);
        pair.alice.send(presence(stanza, pair.bob));
        pair.bob.expectNoPresenceFrom(pair.alice, "the " + stanza + " of alice in his state " + state.mirror()
                + " (RFC 6121 " + sections + ": should not reach him)", ofTypeFromAccount(stanza.type, pair.alice.bareJid()));
    }

    private static void contactSendsUndelivered(Lab lab, SubscriptionState state, Stanza stanza, String section) {
        ContactPair pair = ContactPair.in(lab, state);
        pair.bob.send(presence(stanza, pair.alice));
        pair.alice.expectNoPresenceFrom(pair.bob, "the " + stanza + " of bob in her state " + state
                + " (RFC 6121 " + section + ": should not be delivered)", ofTypeFromAccount(stanza.type, pair.bob.bareJid()));
    }

    /**
     * Delivery as the cell says: a MUST is awaited, a MUST NOT is settled by a marker. A SHOULD NOT is judged by the
     * SHOULD method; here a marker only makes sure the server has dealt with the stanza before the roster is read,
     * since the contact's stream and the user's are not ordered with each other. Where the RFC contradicts the cell,
     * the marker also shows which reading the server followed, and the transcript says so.
     */
    private static void expectDelivery(Lab lab, Delivery delivery, ImClient sender, ImClient recipient, int receivedBefore,
                                       Stanza stanza, String what) {
        Predicate<Presence> theStanza = ofTypeFromAccount(stanza.type, sender.bareJid());
        switch (delivery) {
            case MUST -> recipient.expectPresence(what + ", which must be delivered", theStanza);
            case MUST_NOT -> recipient.expectNoPresenceFrom(sender, what + ", which must not be routed", theStanza);
            case SHOULD_NOT -> sender.session().sendMarkerTo(recipient.session()).await();
            case EITHER -> {
                sender.session().sendMarkerTo(recipient.session()).await();
                List<org.jivesoftware.smack.packet.Stanza> received = recipient.session().received();
                boolean delivered = received.subList(receivedBefore, received.size()).stream()
                        .anyMatch(s -> s instanceof Presence p && theStanza.test(p));
                lab.transcript().note("lab", what + " was " + (delivered ? "delivered" : "not delivered")
                        + "; the RFC contradicts itself here (see SubscriptionState.inboundDelivery), so either is accepted");
            }
        }
    }

    /** A change the roster can show is pushed to the user's interested resource (§3, for every transition). */
    private static void expectRosterChange(ContactPair pair, SubscriptionState before, SubscriptionState after, String situation) {
        if (before.subscription != after.subscription || before.pendingOut != after.pendingOut) {
            // A state the roster shows as no item at all may also be pushed as a removal of the item.
            Predicate<RosterPacket.Item> shown = itemFor(pair.bob.bareJid()).and(after::isShownBy);
            if (after.isShownBy(null)) {
                shown = shown.or(itemFor(pair.bob.bareJid(), RosterPacket.ItemType.remove));
            }
            pair.alice.expectRosterPush("with bob at " + after.rosterView() + " " + situation, shown);
        }
    }

    private static void expectStoredState(ContactPair pair, SubscriptionState expected, String situation) {
        RosterPacket.Item item = pair.alice.rosterItem(pair.bob.bareJid());
        assertTrue(expected.isShownBy(item), "alice's roster must show bob at " + expected.rosterView() + " (state "
                + expected + ") " + situation + ", but it has " + describe(item));
    }

    private static Presence presence(Stanza stanza, ImClient to) {
        return PresenceBuilder.buildPresence().ofType(stanza.type).to(to.bareJid()).build();
    }
}
