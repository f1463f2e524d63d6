package org.stanzalab.wire;

/** TLS could not be negotiated: {@code <failure/>} after {@code <starttls/>}, handshake or certificate failure. */
public class WireTlsException extends WireException {
    public WireTlsException(String message) {
        super(message);
    }

    public WireTlsException(String message, Throwable cause) {
        super(message, cause);
    }
}
