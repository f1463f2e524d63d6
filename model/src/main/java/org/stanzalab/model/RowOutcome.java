package org.stanzalab.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** A profile row's (and a profile's) verdict: undecided when no test that ran can decide it. */
public enum RowOutcome {
    PASSED, FAILED, UNDECIDED;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static RowOutcome parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
