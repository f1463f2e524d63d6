package org.stanzalab.wire;

/**
 * Bounds that keep a hostile or broken peer from exhausting memory.
 *
 * @param maxElementBytes largest top-level element (stanza, nonza, stream header) in bytes as received
 * @param maxDepth        deepest nesting inside one top-level element; the element itself is level 1
 */
public record ParserLimits(int maxElementBytes, int maxDepth) {

    public static final ParserLimits DEFAULT = new ParserLimits(1 << 20, 64);

    public ParserLimits {
        if (maxElementBytes < 1 || maxDepth < 1) {
            throw new IllegalArgumentException("limits must be positive: " + maxElementBytes + ", " + maxDepth);
        }
    }
}
