package org.stanzalab.wire;

import java.io.IOException;

/** Base of every failure the wire driver reports; messages are single, self-explanatory lines. */
public class WireException extends IOException {
    public WireException(String message) {
        super(message);
    }

    public WireException(String message, Throwable cause) {
        super(message, cause);
    }
}
