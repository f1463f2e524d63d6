package org.stanzalab.wire;

/**
 * The peer sent bytes that are not acceptable on an XMPP stream: malformed XML, invalid UTF-8,
 * constructs XMPP forbids (DTD, comments, processing instructions, entity references), elements over
 * the size or depth limit, or an answer that does not fit the exchange in progress.
 */
public class WireProtocolException extends WireException {
    public WireProtocolException(String message) {
        super(message);
    }

    public WireProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
