package org.stanzalab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Stanza;

/**
 * Every stanza a connection received, from before login on, so an expectation never misses one that arrived
 * before the test started to wait. Each stanza satisfies at most one expectation.
 */
final class Inbox {
    private final List<Stanza> stanzas = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();

    synchronized void add(Stanza stanza) {
        stanzas.add(stanza);
        consumed.add(false);
        notifyAll();
    }

    /** Waits up to {@code timeout} for an unconsumed stanza that matches, and consumes it. */
    synchronized <S extends Stanza> Optional<S> take(Class<S> type, Predicate<? super S> matcher, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        while (true) {
            for (int i = scanned; i < stanzas.size(); i++) {
                Stanza s = stanzas.get(i);
                if (!consumed.get(i) && type.isInstance(s) && matcher.test(type.cast(s))) {
                    consumed.set(i, true);
                    return Optional.of(type.cast(s));
                }
            }
            // Predicates are pure, so stanzas already looked at need no second look.
            scanned = stanzas.size();
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    synchronized List<Stanza> all() {
        return List.copyOf(stanzas);
    }
}
