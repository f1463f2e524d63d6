package org.stanzalab.model;

import java.util.List;

/**
 * Counts per verdict, the run's wall time, and where the tests' time went.
 *
 * @param testSeconds      the tests' durations added up (tests run side by side, so it exceeds the wall time)
 * @param fixedWaitSeconds of that, the time spent in fixed quiet periods (absences no ordered route could prove);
 *                         0 in files of schema 2 and before, which did not record it
 */
public record Summary(int total, int passed, int failed, int impossible, int errors, double wallSeconds,
                      double testSeconds, double fixedWaitSeconds) {

    /** Counts and test time from the tests; no fixed waits recorded (see {@link #withFixedWaits}). */
    public static Summary of(List<TestResult> tests, double wallSeconds) {
        int passed = 0, failed = 0, impossible = 0, errors = 0;
        long testMillis = 0;
        for (TestResult t : tests) {
            switch (t.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case IMPOSSIBLE -> impossible++;
                case ERROR -> errors++;
            }
            testMillis += t.durationMs();
        }
        return new Summary(tests.size(), passed, failed, impossible, errors, hundredths(wallSeconds),
                hundredths(testMillis / 1000.0), 0);
    }

    public Summary withFixedWaits(double seconds) {
        return new Summary(total, passed, failed, impossible, errors, wallSeconds, testSeconds, hundredths(seconds));
    }

    /** Times are reported to the hundredth of a second. */
    private static double hundredths(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
