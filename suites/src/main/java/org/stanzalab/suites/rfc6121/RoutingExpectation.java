package org.stanzalab.suites.rfc6121;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.jivesoftware.smack.packet.StanzaError;

/**
 * What the RFC says must happen to one routed stanza: for each of the recipient's resources whether it must, may or
 * must not receive it, and whether an error must, may or must not come back to the sender. Cases state it as data;
 * {@link RoutingScenario#verify} checks it.
 */
final class RoutingExpectation {

    enum Delivery {
        /** This resource must receive the stanza. */
        MUST,
        /** At least one of the resources marked so must receive it (the server picks the "most available"). */
        ONE_OF,
        /** The RFC leaves it to the server. */
        MAY,
        /** This resource must not receive it. */
        MUST_NOT
    }

    enum Reply {
        ERROR_MUST,
        ERROR_MAY,
        ERROR_MUST_NOT,
        /** Either an error comes back, or the message is kept and delivered once the user is next available. */
        STORED_OR_ERROR,
        /**
         * An error may come back, and the message may be kept for later or not: RFC 6121 §8.5.3.2.1 allows dropping
         * a normal message to an unbound full JID or an error, and XEP-0160 §3 (a best current practice) recommends
         * storing normal messages for a user with no available resources whatever the form of the address.
         */
        ERROR_MAY_STORE_MAY
    }

    private final List<Delivery> seats;
    final Reply reply;
    /** The condition an error must have when one comes back; null when the RFC names none as a MUST. */
    final StanzaError.Condition errorCondition;
    /** Delivered copies must still be addressed to the bare JID (RFC 6121 §8.5.2.1: the server does not rewrite 'to'). */
    final boolean keepsBareTo;
    /** With {@link #keepsBareTo}: a delivered copy may also carry no 'to' at all (the stanza was sent without one). */
    final boolean toMayBeAbsent;

    private RoutingExpectation(List<Delivery> seats, Reply reply, StanzaError.Condition errorCondition, boolean keepsBareTo,
            boolean toMayBeAbsent) {
        this.seats = Collections.unmodifiableList(seats);
        this.reply = reply;
        this.errorCondition = errorCondition;
        this.keepsBareTo = keepsBareTo;
        this.toMayBeAbsent = toMayBeAbsent;
    }

    /** Starts an expectation in which no resource receives anything and the sender gets no error. */
    static RoutingExpectation nothingFor(RoutingResources resources) {
        List<Delivery> none = new ArrayList<>();
        resources.seats().forEach(s -> none.add(Delivery.MUST_NOT));
        return new RoutingExpectation(none, Reply.ERROR_MUST_NOT, null, false, false);
    }

    Delivery seat(int index) {
        return seats.get(index);
    }

    int size() {
        return seats.size();
    }

    RoutingExpectation seat(int index, Delivery delivery) {
        List<Delivery> copy = new ArrayList<>(seats);
        copy.set(index, delivery);
        return new RoutingExpectation(copy, reply, errorCondition, keepsBareTo, toMayBeAbsent);
    }

    /** Applies the delivery to every seat that matches the filter. */
    RoutingExpectation seats(RoutingResources resources, java.util.function.Predicate<RoutingResources.Seat> which, Delivery delivery) {
        RoutingExpectation e = this;
        for (RoutingResources.Seat s : resources.seats()) {
            if (which.test(s)) {
                e = e.seat(s.index(), delivery);
            }
        }
        return e;
    }

    RoutingExpectation reply(Reply r) {
        return new RoutingExpectation(seats, r, errorCondition, keepsBareTo, toMayBeAbsent);
    }

    RoutingExpectation errorMustBe(StanzaError.Condition condition) {
        return new RoutingExpectation(seats, reply, condition, keepsBareTo, toMayBeAbsent);
    }

    RoutingExpectation keepingBareTo() {
        return new RoutingExpectation(seats, reply, errorCondition, true, toMayBeAbsent);
    }

    /** Delivered copies carry the bare JID in 'to', or no 'to' at all; never a full JID. */
    RoutingExpectation keepingBareToOrNone() {
        return new RoutingExpectation(seats, reply, errorCondition, true, true);
    }

    boolean anyDelivery(Delivery d) {
        return seats.contains(d);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < seats.size(); i++) {
            sb.append("resource ").append(i + 1).append(": ").append(seats.get(i)).append("; ");
        }
        return sb.append("sender: ").append(reply).toString();
    }
}
