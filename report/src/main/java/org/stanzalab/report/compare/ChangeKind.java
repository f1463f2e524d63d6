package org.stanzalab.report.compare;

import org.stanzalab.model.Outcome;

/**
 * How one test's verdict moved between two runs. The regressions are the kinds that mean the newer server does
 * less than the older one: a new failure, a new error, or a feature that disappeared (passed, now impossible).
 */
public enum ChangeKind {
    NEW_FAILURE("new failures", "new-failure", true),
    NEW_ERROR("new errors", "new-error", true),
    NEWLY_IMPOSSIBLE("newly impossible", "newly-impossible", true),
    NEW_PASS("new passes", "new-pass", false),
    OTHER("other changes", "other", false),
    ADDED("added", "added", false),
    REMOVED("removed", "removed", false);

    private final String heading;
    private final String word;
    private final boolean regression;

    ChangeKind(String heading, String word, boolean regression) {
        this.heading = heading;
        this.word = word;
        this.regression = regression;
    }

    public String heading() {
        return heading;
    }

    /** The kind in results that scripts read (--json). */
    public String word() {
        return word;
    }

    public boolean isRegression() {
        return regression;
    }

    /**
     * The kind of change from one verdict to another, null when the verdict is the same. A null verdict means
     * the test was not in that run. A test that is new and fails or errors counts as a new failure or error,
     * not as "added": a CI job must not go green because the failing test did not exist before.
     */
    public static ChangeKind classify(Outcome before, Outcome after) {
        if (before == after) {
            return null;
        }
        if (after == null) {
            return REMOVED;
        }
        return switch (after) {
            case FAILED -> before == Outcome.ERROR ? OTHER : NEW_FAILURE;
            case ERROR -> NEW_ERROR;
            case PASSED -> before == null ? ADDED : NEW_PASS;
            case IMPOSSIBLE -> before == null ? ADDED : before == Outcome.PASSED ? NEWLY_IMPOSSIBLE : OTHER;
        };
    }
}
