package org.stanzalab.model;

/**
 * Requirement levels in the sense of RFC 2119, as results record them. The suites write the engine's own
 * {@code org.stanzalab.engine.Level} in their annotations; the engine maps it onto this one by name.
 */
public enum Level {
    MUST, SHOULD, MAY;
}
