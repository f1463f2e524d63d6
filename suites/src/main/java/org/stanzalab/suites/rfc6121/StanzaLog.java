package org.stanzalab.suites.rfc6121;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

import org.stanzalab.engine.TestError;

/**
 * What a connection received, in order, each entry either still open or already matched by an expectation.
 * A setup can mark everything seen so far as matched, so that the test's own expectations only see what its
 * action caused.
 */
final class StanzaLog<T> {
    private final List<T> received = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();
    private final Function<T, String> describe;

    StanzaLog(Function<T, String> describe) {
        this.describe = describe;
    }

    synchronized void add(T stanza) {
        received.add(stanza);
        consumed.add(false);
        notifyAll();
    }

    /** The first open entry that matches, waiting at most this long for it; the entry is then matched. */
    synchronized Optional<T> take(Predicate<? super T> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (int i = 0; i < received.size(); i++) {
                if (!consumed.get(i) && matcher.test(received.get(i))) {
                    consumed.set(i, true);
                    return Optional.of(received.get(i));
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestError("interrupted while waiting for a stanza", e);
            }
        }
    }

    synchronized void consumeAll() {
        for (int i = 0; i < consumed.size(); i++) {
            consumed.set(i, true);
        }
    }

    synchronized String describeOpen() {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < received.size(); i++) {
            if (!consumed.get(i)) {
                sb.append(sb.length() == 0 ? "" : ", ").append(describe.apply(received.get(i)));
            }
        }
        return sb.length() == 0 ? "none" : sb.toString();
    }
}
