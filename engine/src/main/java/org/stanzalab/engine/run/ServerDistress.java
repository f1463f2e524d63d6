package org.stanzalab.engine.run;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.stanzalab.engine.TestError;
import org.stanzalab.model.Distress;

/**
 * A server under load says so: it answers set-up steps (logins, account creation, roster set-up) with
 * {@code internal-server-error} or {@code resource-constraint}, closes the stream with such a condition, or does not
 * answer in time. Such a step is tried again a few times with growing pauses. When distress is frequent (more than
 * one in ten of the recent set-up attempts), each bout of it halves how many tests run at once (down to one), so the
 * run reaches verdicts instead of piling up errors; a server that stalls now and then whatever the load (seen: one
 * STARTTLS in fifty) is only retried, since running fewer tests at once would not help it.
 *
 * <p>Only set-up goes through {@link #retry}: the act under test is never repeated, which would hide a failure.
 */
public final class ServerDistress {
    /** Attempts of one set-up step, the first included. */
    public static final int ATTEMPTS = 3;
    private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
    /** Distress seen within this long of the last halving is the same bout, and does not halve again. */
    private static final Duration BOUT = Duration.ofSeconds(2);
    /** How many recent set-up attempts the share of distress is taken over. */
    private static final int WINDOW = 40;
    /** The share is taken over at least this many attempts, so that one early stall is not a tenth of the run's few. */
    private static final int MIN_SAMPLE = 10;
    private static final List<String> DISTRESS_CONDITIONS = List.of("internal-server-error", "resource-constraint", "system-shutdown");

    /** Pauses between attempts; a test of the policy passes one that does not sleep. */
    public interface Pause {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Throttle throttle;
    private final Consumer<String> announcer;
    private final Pause pause;
    private final LongSupplier nanoClock;
    private final AtomicInteger retries = new AtomicInteger();
    private long lastLowered = Long.MIN_VALUE;
    /** The last {@value #WINDOW} set-up attempts, true for those that met distress; a ring. */
    private final boolean[] recent = new boolean[WINDOW];
    private int attempts;
    private int cleanInARow;

    public ServerDistress(Throttle throttle, Consumer<String> announcer) {
        this(throttle, announcer, duration -> Thread.sleep(duration.toMillis()), System::nanoTime);
    }

    public ServerDistress(Throttle throttle, Consumer<String> announcer, Pause pause, LongSupplier nanoClock) {
        this.throttle = throttle;
        this.announcer = announcer;
        this.pause = pause;
        this.nanoClock = nanoClock;
    }

    public interface Step<T> {
        T attempt() throws Exception;
    }

    /**
     * Runs a set-up step, trying it again (up to {@value #ATTEMPTS} attempts, pausing 250 ms, then 500 ms) while
     * it fails with a sign of distress. Any other failure, or the last attempt's, is thrown as it came.
     */
    public <T> T retry(String step, Step<T> attempt) throws Exception {
        Duration wait = FIRST_PAUSE;
        for (int n = 1; ; n++) {
            try {
                T result = attempt.attempt();
                succeeded();
                return result;
            } catch (Exception e) {
                if (n >= ATTEMPTS || !isDistress(e)) {
                    throw e;
                }
                retried(step, e);
                pause.sleep(wait);
                wait = wait.multipliedBy(2);
            }
        }
    }

    /**
     * A set-up step that its owner tries again itself (the wire driver's negotiation, on a new connection): counted
     * and treated as distress like those {@link #retry} repeats.
     */
    public void retried(String step, Exception cause) {
        retries.incrementAndGet();
        if (record(true)) {
            lowerParallelism(step, cause);
        }
    }

    /**
     * A set-up step that went through: it dilutes the share of distress, and a long enough run of them (a whole
     * window without distress) doubles the tests at once again, up to the run's parallelism.
     */
    public void succeeded() {
        record(false);
        int raised = 0;
        int before = 0;
        synchronized (this) {
            if (++cleanInARow >= WINDOW && throttle.limit() < throttle.initial()) {
                cleanInARow = 0;
                before = throttle.limit();
                raised = throttle.doubleUp();
            }
        }
        if (raised > before) {
            announcer.accept("server keeping up again: tests at once raised " + before + " -> " + raised);
        }
    }

    /** Records one attempt; returns whether distress is now frequent enough to lower the parallelism. */
    private synchronized boolean record(boolean distressed) {
        if (distressed) {
            cleanInARow = 0;
        }
        recent[attempts++ % WINDOW] = distressed;
        int seen = Math.min(attempts, WINDOW);
        int distressing = 0;
        for (int i = 0; i < seen; i++) {
            distressing += recent[i] ? 1 : 0;
        }
        return distressing * 10 > Math.max(seen, MIN_SAMPLE);
    }

    /** {@link #retry} for steps that throw only unchecked exceptions. */
    public <T> T retrySetUp(String step, Callable<T> attempt) {
        try {
            return retry(step, attempt::call);
        } catch (RuntimeException e) {
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted during set-up (" + step + ")", e);
        } catch (Exception e) {
            throw new TestError("set-up (" + step + ") failed: " + e.getMessage(), e);
        }
    }

    private synchronized void lowerParallelism(String step, Exception cause) {
        long now = nanoClock.getAsLong();
        if (lastLowered != Long.MIN_VALUE && now - lastLowered < BOUT.toNanos()) {
            return;
        }
        lastLowered = now;
        int before = throttle.limit();
        int after = throttle.halve();
        if (after < before) {
            announcer.accept("server in distress (" + step + ": " + describe(cause) + "): retrying set-up steps, "
                    + "tests at once lowered " + before + " -> " + after);
        }
    }

    /** A sign that the server is overloaded or going down, rather than refusing on principle. */
    public static boolean isDistress(Throwable thrown) {
        for (Throwable t = thrown; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof XMPPException.XMPPErrorException e) {
                StanzaError.Condition c = e.getStanzaError().getCondition();
                return c == StanzaError.Condition.internal_server_error || c == StanzaError.Condition.resource_constraint;
            }
            if (t instanceof XMPPException.StreamErrorException e) {
                StreamError.Condition c = e.getStreamError().getCondition();
                return c == StreamError.Condition.internal_server_error || c == StreamError.Condition.resource_constraint
                        || c == StreamError.Condition.system_shutdown;
            }
            if (t instanceof SmackException.NoResponseException || t instanceof SocketTimeoutException) {
                return true;
            }
            // Account provisioning reports what the server said in words (see SmackErrors.describe).
            String message = t.getMessage();
            if (message != null && (message.contains("no reply from the server in time")
                    || DISTRESS_CONDITIONS.stream().anyMatch(c -> message.contains("<" + c + "/>")))) {
                return true;
            }
        }
        return false;
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }

    public int retries() {
        return retries.get();
    }

    public Throttle throttle() {
        return throttle;
    }

    /** What the run's report says about distress, or null when there was none. */
    public Distress summary() {
        int n = retries.get();
        return n == 0 && throttle.lowest() == throttle.initial() ? null : new Distress(n, throttle.initial(), throttle.lowest());
    }
}
