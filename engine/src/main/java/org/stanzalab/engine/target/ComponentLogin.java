package org.stanzalab.engine.target;

import java.util.Objects;

import org.stanzalab.engine.transcript.Secrets;

/** An external component the server accepts (XEP-0114): its domain, the server's component port, the shared secret. */
public record ComponentLogin(String domain, int port, String secret) {

    public ComponentLogin {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(secret, "secret");
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("component port " + port + " is out of range");
        }
        Secrets.register(secret);
    }

    /** Parses "component.example.org:SECRET". */
    public static ComponentLogin parse(String text, int port) {
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("component must be DOMAIN:SECRET");
        }
        return new ComponentLogin(text.substring(0, colon), port, text.substring(colon + 1));
    }

    @Override
    public String toString() {
        return domain + ":" + Secrets.mask() + " on port " + port;
    }
}
