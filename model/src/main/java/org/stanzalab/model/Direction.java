package org.stanzalab.model;

/** Which way a transcript entry went, seen from the test's side. */
public enum Direction {
    SENT, RECEIVED, NOTE
}
