package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.suites.rfc6121.SubscriptionState.BOTH;
import static org.stanzalab.suites.rfc6121.SubscriptionState.FROM;
import static org.stanzalab.suites.rfc6121.SubscriptionState.FROM_PENDING_OUT;
import static org.stanzalab.suites.rfc6121.SubscriptionState.NONE;
import static org.stanzalab.suites.rfc6121.SubscriptionState.NONE_PENDING_IN;
import static org.stanzalab.suites.rfc6121.SubscriptionState.NONE_PENDING_OUT;
import static org.stanzalab.suites.rfc6121.SubscriptionState.NONE_PENDING_OUT_IN;
import static org.stanzalab.suites.rfc6121.SubscriptionState.TO;
import static org.stanzalab.suites.rfc6121.SubscriptionState.TO_PENDING_IN;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.stanzalab.suites.rfc6121.SubscriptionState.Delivery;
import org.stanzalab.suites.rfc6121.SubscriptionState.Stanza;

/**
 * The delivery keywords SubscriptionState derives, against the cells of RFC 6121 Appendix A written out one by one
 * (the states whose cell is not MUST), so a slip in the rule shows here and not as a wrong verdict. Cells that the
 * body of the RFC contradicts (§3.1.3 against A.3.1, §3.3.3 against A.3.2) are EITHER.
 */
class SubscriptionStateTest {

    @Test
    void inboundCellsFollowTheA3Tables() {
        // A.3.1 says S.N. for a repeated pending request, §3.1.3 delivers it; A.3.2 delivers the withdrawal of one, §3.3.3 drops it.
        expectCells("A.3.1", s -> s.inboundDelivery(Stanza.SUBSCRIBE), EnumSet.of(FROM, FROM_PENDING_OUT, BOTH), Set.of(),
                EnumSet.of(NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO_PENDING_IN));
        expectCells("A.3.2", s -> s.inboundDelivery(Stanza.UNSUBSCRIBE), EnumSet.of(NONE, NONE_PENDING_OUT, TO), Set.of(),
                EnumSet.of(NONE_PENDING_IN, NONE_PENDING_OUT_IN, TO_PENDING_IN));
        expectCells("A.3.3", s -> s.inboundDelivery(Stanza.SUBSCRIBED),
                EnumSet.of(NONE, NONE_PENDING_IN, TO, TO_PENDING_IN, FROM, BOTH), Set.of(), Set.of());
        expectCells("A.3.4", s -> s.inboundDelivery(Stanza.UNSUBSCRIBED), EnumSet.of(NONE, NONE_PENDING_IN, FROM), Set.of(), Set.of());
    }

    @Test
    void outboundCellsFollowTheA2TablesAndTheContactsA3Cell() {
        // A.2.1 and A.2.2 always route; whether the contact gets it is A.3.1 / A.3.2 in the mirrored state.
        expectCells("A.2.1", s -> s.outboundDelivery(Stanza.SUBSCRIBE), EnumSet.of(TO, TO_PENDING_IN, BOTH), Set.of(),
                EnumSet.of(NONE_PENDING_OUT, NONE_PENDING_OUT_IN, FROM_PENDING_OUT));
        expectCells("A.2.2", s -> s.outboundDelivery(Stanza.UNSUBSCRIBE), EnumSet.of(NONE, NONE_PENDING_IN, FROM), Set.of(),
                EnumSet.of(NONE_PENDING_OUT, NONE_PENDING_OUT_IN, FROM_PENDING_OUT));
        expectCells("A.2.3", s -> s.outboundDelivery(Stanza.SUBSCRIBED), Set.of(),
                EnumSet.of(NONE, NONE_PENDING_OUT, TO, FROM, FROM_PENDING_OUT, BOTH), Set.of());
        expectCells("A.2.4", s -> s.outboundDelivery(Stanza.UNSUBSCRIBED), EnumSet.of(NONE, NONE_PENDING_OUT, TO), Set.of(), Set.of());
    }

    private static void expectCells(String table, Function<SubscriptionState, Delivery> derived,
                                    Set<SubscriptionState> shouldNot, Set<SubscriptionState> mustNot, Set<SubscriptionState> either) {
        for (SubscriptionState state : SubscriptionState.values()) {
            Delivery cell = shouldNot.contains(state) ? Delivery.SHOULD_NOT : mustNot.contains(state) ? Delivery.MUST_NOT
                    : either.contains(state) ? Delivery.EITHER : Delivery.MUST;
            assertEquals(cell, derived.apply(state), table + ", state " + state + " (states: " + Arrays.toString(SubscriptionState.values()) + ")");
        }
    }
}
