package org.stanzalab.wire.proxy;

/**
 * A rule of a {@link FaultProxy} that changed what the server sent.
 *
 * @param rule   the rule's name
 * @param before the element as the server sent it
 * @param after  what the client got instead; null if the element was dropped
 */
public record FiredRule(String rule, String before, String after) {

    public boolean dropped() {
        return after == null;
    }
}
