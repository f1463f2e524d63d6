package org.stanzalab.suites.rfc6121;

import java.util.ArrayList;
import java.util.List;

import org.stanzalab.engine.ServerFailure;

/**
 * Several independent checks of one outcome (delivered or not, stored state, roster push), all run even when
 * one fails, so a failure shows the whole outcome and not just its first symptom.
 */
final class Checks {
    private final List<String> failures = new ArrayList<>();

    void check(Runnable check) {
        try {
            check.run();
        } catch (AssertionError e) {
            failures.add(e.getMessage());
        }
    }

    /** Fails with every failed check's message, if any failed. */
    void verify() {
        if (failures.size() == 1) {
            throw new ServerFailure(failures.get(0));
        }
        if (!failures.isEmpty()) {
            throw new ServerFailure(failures.size() + " problems:\n- " + String.join("\n- ", failures));
        }
    }
}
