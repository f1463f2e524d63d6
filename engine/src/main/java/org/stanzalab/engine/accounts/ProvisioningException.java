package org.stanzalab.engine.accounts;

/** An account could not be created or removed; the message is one line fit for the user. */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ProvisioningException(String message) {
        super(message, null, false, false);
    }
}
