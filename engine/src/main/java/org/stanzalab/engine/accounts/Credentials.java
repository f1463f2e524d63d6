package org.stanzalab.engine.accounts;

import org.stanzalab.engine.transcript.Secrets;

/** A username (the localpart) and its password. The password never appears in toString(). */
public record Credentials(String username, String password) {

    public Credentials {
        Secrets.register(password);
    }

    /** Parses "user:password" or "user@domain:password"; the domain, if given, is dropped. */
    public static Credentials parse(String text) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("credentials must be USER:PASSWORD");
        }
        String user = text.substring(0, colon);
        int at = user.indexOf('@');
        if (at >= 0) {
            user = user.substring(0, at);
        }
        return new Credentials(user, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return username + ":" + Secrets.mask();
    }
}
