package org.stanzalab.wire;

/** The TCP connection could not be established (refused, unreachable, unknown host, connect timeout). */
public class WireConnectException extends WireException {
    public WireConnectException(String message, Throwable cause) {
        super(message, cause);
    }
}
