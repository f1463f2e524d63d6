package org.stanzalab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Stanza;

/**
 * The mailbox of one session: every stanza its connection received, from before login on and in stream order,
 * IQ requests included, so an expectation never misses one that arrived before the test started to wait. Each
 * stanza satisfies at most one expectation; {@link #forget} marks what arrived so far as seen.
 * <p>
 * All mailboxes of a test share one lock, so a wait can watch several sessions at once (see {@link Barrier}).
 */
final class Inbox {
    private final Object lock;
    private final List<Stanza> stanzas = new ArrayList<>();
    private final List<Boolean> consumed = new ArrayList<>();

    Inbox(Object lock) {
        this.lock = lock;
    }

    void add(Stanza stanza) {
        synchronized (lock) {
            stanzas.add(stanza);
            consumed.add(false);
            lock.notifyAll();
        }
    }

    /** Waits up to {@code timeout} for an unconsumed stanza that matches, and consumes it. */
    <S extends Stanza> Optional<S> take(Class<S> type, Predicate<? super S> matcher, Duration timeout)
            throws InterruptedException {
        synchronized (lock) {
            AtomicReference<S> found = new AtomicReference<>();
            awaitUntil(lock, timeout, () -> {
                takeNow(type, matcher).ifPresent(found::set);
                return found.get() != null;
            });
            return Optional.ofNullable(found.get());
        }
    }

    /** Consumes and returns the first unconsumed stanza that matches, without waiting. */
    <S extends Stanza> Optional<S> takeNow(Class<S> type, Predicate<? super S> matcher) {
        synchronized (lock) {
            for (int i = 0; i < stanzas.size(); i++) {
                Stanza s = stanzas.get(i);
                if (!consumed.get(i) && type.isInstance(s) && matcher.test(type.cast(s))) {
                    consumed.set(i, true);
                    return Optional.of(type.cast(s));
                }
            }
            return Optional.empty();
        }
    }

    /** Marks every stanza received so far that matches as seen: later expectations look only at what comes next. */
    void forget(Predicate<? super Stanza> which) {
        synchronized (lock) {
            for (int i = 0; i < stanzas.size(); i++) {
                if (which.test(stanzas.get(i))) {
                    consumed.set(i, true);
                }
            }
        }
    }

    List<Stanza> all() {
        synchronized (lock) {
            return List.copyOf(stanzas);
        }
    }

    /**
     * Waits on the shared lock, at most {@code timeout}, until the condition holds; returns whether it does. The
     * caller holds the lock; every stanza added to any mailbox of the test wakes it to look again.
     */
    static boolean awaitUntil(Object lock, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            lock.wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }
}
