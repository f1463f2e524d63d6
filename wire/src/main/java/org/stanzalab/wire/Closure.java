package org.stanzalab.wire;

/** How the peer ended (or did not end) the stream, as observed by {@link WireStream#awaitClosure()}. */
public enum Closure {
    /** {@code </stream:stream>} followed by the connection closing: the proper way (RFC 6120 §4.4). */
    CLOSING_TAG_THEN_EOF,
    /** {@code </stream:stream>} arrived but the connection was still open when the wait ended. */
    CLOSING_TAG,
    /** The connection closed (or was reset) without {@code </stream:stream>}. */
    EOF,
    /** Neither arrived in time. */
    TIMEOUT;

    public boolean closingTagReceived() {
        return this == CLOSING_TAG_THEN_EOF || this == CLOSING_TAG;
    }
}
