package org.stanzalab.wire;

/** The peer ended the stream while something else was expected. */
public class StreamClosedException extends WireException {
    private final boolean closingTagReceived;

    public StreamClosedException(String message, boolean closingTagReceived) {
        super(message);
        this.closingTagReceived = closingTagReceived;
    }

    /** True if the peer sent {@code </stream:stream>}; false if the connection just ended (EOF or reset). */
    public boolean closingTagReceived() {
        return closingTagReceived;
    }
}
