package org.stanzalab.report.compare;

import org.stanzalab.model.Outcome;
import org.stanzalab.model.SpecRef;
import org.stanzalab.report.Text;

/**
 * One test whose verdict differs between two runs.
 *
 * @param before the older verdict; null when the older run did not have the test
 * @param after  the newer verdict; null when the newer run does not have the test
 * @param spec   the requirement, from the newer run when it has the test
 * @param reason the newer run's reason; null when it passed or is absent
 * @param securityRelevant the newer run's failure opens the server to abuse (see {@code TestResult})
 */
public record Change(String id, ChangeKind kind, Outcome before, Outcome after, SpecRef spec, String reason,
                     boolean securityRelevant) {

    /** "passed → failed", with "absent" for a test a run did not have. */
    public String transition() {
        return word(before) + " → " + word(after);
    }

    /** Whether the newer run's failure opens the server to abuse (see {@code TestResult}). */
    public boolean isSecurityFailure() {
        return after == Outcome.FAILED && securityRelevant;
    }

    /** {@link #transition()}, with a mark when the newer failure is security-relevant. */
    public String markedTransition() {
        return transition() + (isSecurityFailure() ? " [security-relevant]" : "");
    }

    /** The first line of the newer reason, cut to at most {@code max} characters; empty when there is none. */
    public String reasonFirstLine(int max) {
        return Text.firstLine(reason, max);
    }

    private static String word(Outcome outcome) {
        return outcome == null ? "absent" : outcome.word();
    }
}
