package org.stanzalab.report.catalog;

import java.util.Arrays;
import java.util.Optional;

/** What Stanzalab does with a catalog case. */
public enum Status {
    /** Checked by the tests the detail names. */
    MAPPED("mapped"),
    /** Waits for the suite the detail names. */
    PENDING("pending"),
    /** Out of a server test lab's reach, for the reason the detail gives. */
    NOT_APPLICABLE("not-applicable");

    private final String word;

    Status(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    static Optional<Status> of(String word) {
        return Arrays.stream(values()).filter(s -> s.word.equals(word)).findFirst();
    }
}
