package org.stanzalab.model;

import java.util.List;

/**
 * How a run measured up to one profile (XEP-0479 suite, NTA 7532, a user's own): the overall verdict and one
 * verdict per row, each naming the tests that decided it.
 *
 * @param id      the profile's name, as given to --profile ("xep0479-im-core")
 * @param verdict passed when every decidable row passed, failed when any row failed, undecided otherwise
 */
public record ProfileVerdict(String id, String title, String source, RowOutcome verdict, List<RowVerdict> rows) {

    /**
     * @param decidedBy ids of the tests whose verdicts decided the row (the failing ones when it failed)
     * @param note      why a row is undecided ("no suite for XEP-0045 yet", "not observable over the wire"), or
     *                  what failed, in words
     */
    public record RowVerdict(String id, String title, List<String> standards, RowOutcome verdict, List<String> decidedBy,
                             String note) {
    }
}
