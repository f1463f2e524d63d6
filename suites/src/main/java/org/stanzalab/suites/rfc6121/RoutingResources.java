package org.stanzalab.suites.rfc6121;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * The resources a recipient has when a stanza arrives for it: the "recipient's resource set" dimension of the RFC 6121
 * §8.5 routing matrix. A priority of {@code null} is a connected resource that has sent no presence (RFC 6121 §1.3:
 * connected, but not available).
 */
enum RoutingResources {
    NONE("none"),
    CONNECTED("connected", (Integer) null),
    PRIO_POS("prio-pos", 1),
    PRIO_ZERO("prio-zero", 0),
    PRIO_NEG("prio-neg", -1),
    TWO_EQUAL("two-equal", 0, 0),
    TWO_DIFFERENT("two-diff", 5, 1),
    POS_AND_NEG("pos-neg", 1, -1),
    TWO_NEG("two-neg", -1, -1),
    AVAILABLE_AND_CONNECTED("avail-connected", 0, null);

    final String key;
    private final List<Integer> priorities;

    RoutingResources(String key, Integer... priorities) {
        this.key = key;
        this.priorities = Collections.unmodifiableList(Arrays.asList(priorities));
    }

    /** Every set in which at least one resource is available or connected (RFC 6121 §8.5.2.1 applies). */
    static List<RoutingResources> online() {
        List<RoutingResources> sets = new ArrayList<>(List.of(values()));
        sets.remove(NONE);
        return sets;
    }

    List<Seat> seats() {
        List<Seat> seats = new ArrayList<>();
        for (int i = 0; i < priorities.size(); i++) {
            seats.add(new Seat(i, priorities.get(i)));
        }
        return seats;
    }

    /** The resource a full-JID case addresses: the last one, which is the least obvious choice in every set. */
    Seat target() {
        List<Seat> seats = seats();
        return seats.isEmpty() ? null : seats.get(seats.size() - 1);
    }

    boolean hasNonNegative() {
        return seats().stream().anyMatch(Seat::nonNegative);
    }

    boolean hasAvailable() {
        return seats().stream().anyMatch(Seat::available);
    }

    @Override
    public String toString() {
        return key;
    }

    /** One resource of the recipient. */
    record Seat(int index, Integer priority) {
        boolean available() {
            return priority != null;
        }

        boolean nonNegative() {
            return priority != null && priority >= 0;
        }

        boolean negative() {
            return priority != null && priority < 0;
        }

        String describe() {
            return "resource " + (index + 1) + (priority == null ? " (connected, no presence sent)" : " (available, priority " + priority + ")");
        }
    }
}
