package org.stanzalab.engine;

/** Requirement levels in the sense of RFC 2119, as a specification states them. */
public enum Level {
    MUST, SHOULD, MAY;
}
