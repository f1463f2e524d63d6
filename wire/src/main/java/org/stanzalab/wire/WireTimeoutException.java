package org.stanzalab.wire;

/** Nothing acceptable arrived within the allowed time; the message says what was awaited and for how long. */
public class WireTimeoutException extends WireException {
    public WireTimeoutException(String message) {
        super(message);
    }
}
