package org.stanzalab.model;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The verdict words. Only FAILED is the server's fault. */
public enum Outcome {
    PASSED, FAILED, IMPOSSIBLE, ERROR;

    @JsonValue
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Outcome parse(String word) {
        try {
            return valueOf(word.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown verdict '" + word + "' (expected passed, failed, impossible or error)");
        }
    }
}
