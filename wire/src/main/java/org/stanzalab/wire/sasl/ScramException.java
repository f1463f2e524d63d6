package org.stanzalab.wire.sasl;

import org.stanzalab.wire.WireProtocolException;

/** A SCRAM message that does not follow RFC 5802: malformed, with the wrong nonce, or with a wrong proof. */
public class ScramException extends WireProtocolException {
    private final String serverError;

    /** @param serverError the RFC 5802 §7 server-error-value a server sends for it ("invalid-proof", ...) */
    public ScramException(String message, String serverError) {
        super(message);
        this.serverError = serverError;
    }

    /** e.g. "invalid-proof", "other-error". */
    public String serverError() {
        return serverError;
    }
}
