package org.stanzalab.engine.run;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How many tests may be past their set-up gate at once. It starts at the run's parallelism, is halved in bouts of
 * distress and doubled again (never past the start) once the server has kept up for a while (see
 * {@link ServerDistress}); JUnit keeps its threads, and those over the limit wait at the gate.
 */
public final class Throttle {
    private final int initial;
    private int limit;
    private int lowest;
    private int inUse;

    public Throttle(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1");
        }
        this.initial = parallel;
        this.limit = parallel;
        this.lowest = parallel;
    }

    public int initial() {
        return initial;
    }

    public synchronized int limit() {
        return limit;
    }

    /** The lowest the limit has been in this run. */
    public synchronized int lowest() {
        return lowest;
    }

    /** Halves the limit (never below one) and returns the new one. */
    public synchronized int halve() {
        limit = Math.max(1, limit / 2);
        lowest = Math.min(lowest, limit);
        return limit;
    }

    /** Doubles the limit (never past the run's parallelism) and returns the new one. */
    public synchronized int doubleUp() {
        limit = Math.min(initial, limit * 2);
        notifyAll();
        return limit;
    }

    /**
     * Waits for a place, checking every tenth of a second whether to give up; returns false when it gave up.
     * The wait has no bound of its own: a place frees up whenever a test ends, and every test is bounded.
     */
    public synchronized boolean enter(BooleanSupplier giveUp) throws InterruptedException {
        while (inUse >= limit) {
            if (giveUp.getAsBoolean()) {
                return false;
            }
            wait(Duration.ofMillis(100).toMillis());
        }
        inUse++;
        return true;
    }

    public synchronized void leave() {
        inUse = Math.max(0, inUse - 1);
        notifyAll();
    }
}
