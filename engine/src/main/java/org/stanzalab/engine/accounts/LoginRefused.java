package org.stanzalab.engine.accounts;

/** The server refused the credentials the user gave (admin or explicit account). */
public final class LoginRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoginRefused(String message) {
        super(message, null, false, false);
    }
}
