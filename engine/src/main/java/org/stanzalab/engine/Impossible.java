package org.stanzalab.engine;

import org.opentest4j.TestAbortedException;

/**
 * The server lacks a feature the test needs, so the requirement cannot be checked.
 * Reported as "impossible" (a skipped test in JUnit XML) unless the run asks to fail on those.
 */
public final class Impossible extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    public Impossible(String reason) {
        super(reason);
    }
}
