package org.stanzalab.engine.run;

import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * The run's tally of fixed quiet periods: time a test spent watching for something that must not arrive when no
 * ordered route could prove its absence sooner. The benchmark reports it as a share of the time tests ran, so a
 * quiet period that creeps back into a suite shows up as a number, not as a slower run nobody can explain.
 */
public final class FixedWaits {
    private final LongAdder nanos = new LongAdder();

    /** Records a quiet period as it was actually waited (it may end early when the unwanted stanza arrives). */
    public void record(Duration waited) {
        nanos.add(Math.max(0, waited.toNanos()));
    }

    public double seconds() {
        return nanos.sum() / 1e9;
    }
}
