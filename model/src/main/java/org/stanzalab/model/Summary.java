package org.stanzalab.model;

import java.util.List;

/** Counts per verdict and the run's wall time. */
public record Summary(int total, int passed, int failed, int impossible, int errors, double wallSeconds) {

    public static Summary of(List<TestResult> tests, double wallSeconds) {
        int passed = 0, failed = 0, impossible = 0, errors = 0;
        for (TestResult t : tests) {
            switch (t.outcome()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case IMPOSSIBLE -> impossible++;
                case ERROR -> errors++;
            }
        }
        return new Summary(tests.size(), passed, failed, impossible, errors, wallSeconds);
    }
}
