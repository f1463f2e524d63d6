package org.stanzalab.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
    /** Stanzas Smack could not parse, as the server sent them; they never reach {@link #stanzas}. */
    private final List<Unparsed> unparsed = new ArrayList<>();

    /**
     * A stanza Smack could not parse: the text received lately, which contains it (Smack itself keeps only the part
     * after the point where parsing failed), and what Smack objected to.
     */
    record Unparsed(String recentRaw, String problem) {
        /** The stanza in the text that carries this id, from its start tag to its end tag, if there is one. */
        Optional<String> stanzaWithId(String id) {
            int at = Math.max(recentRaw.lastIndexOf("id='" + id + "'"), recentRaw.lastIndexOf("id=\"" + id + "\""));
            if (at < 0) {
                return Optional.empty();
            }
            int start = Math.max(recentRaw.lastIndexOf("<iq", at), Math.max(recentRaw.lastIndexOf("<message", at), recentRaw.lastIndexOf("<presence", at)));
            if (start < 0) {
                return Optional.empty();
            }
            String name = recentRaw.substring(start + 1).split("[\\s/>]", 2)[0];
            int close = recentRaw.indexOf("</" + name + ">", at);
            int selfClose = recentRaw.indexOf("/>", at);
            int nextOpen = recentRaw.indexOf(">", at);
            int end = selfClose >= 0 && selfClose <= nextOpen ? selfClose + 2 : close < 0 ? recentRaw.length() : close + name.length() + 3;
            return Optional.of(recentRaw.substring(start, end).strip());
        }

        /** The end of the text, where the stanza Smack could not parse is, for a note. */
        String tail() {
            String text = recentRaw.strip();
            return text.length() <= 600 ? text : "..." + text.substring(text.length() - 600);
        }
    }

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

    /** Records a stanza that Smack could not parse; it wakes waits like any stanza, so a wait for its id ends. */
    void addUnparsed(String recentRaw, Exception problem) {
        synchronized (lock) {
            String why = problem == null || problem.getMessage() == null ? "" : problem.getMessage();
            unparsed.add(new Unparsed(recentRaw, why));
            lock.notifyAll();
        }
    }

    /** The unparsable stanza with this id, as the server sent it, if one arrived. */
    Optional<Map.Entry<String, String>> unparsedWithId(String id) {
        synchronized (lock) {
            for (Unparsed u : unparsed) {
                Optional<String> stanza = u.stanzaWithId(id);
                if (stanza.isPresent()) {
                    return Optional.of(Map.entry(stanza.get(), u.problem()));
                }
            }
            return Optional.empty();
        }
    }

    List<Unparsed> unparsed() {
        synchronized (lock) {
            return List.copyOf(unparsed);
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
