package org.stanzalab.engine.target;

import java.util.Locale;

/** How the client connection gets its TLS layer. */
public enum TlsMode {
    /** Plain TCP upgraded with STARTTLS (RFC 6120 §5). */
    STARTTLS,
    /** TLS from the first byte (XEP-0368). */
    DIRECT,
    /** No TLS at all; most servers will then refuse authentication. */
    NONE;

    public static TlsMode parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
        return switch (t) {
            case "starttls" -> STARTTLS;
            case "direct", "directtls", "tls" -> DIRECT;
            case "none", "plain", "off" -> NONE;
            default -> throw new IllegalArgumentException(
                    "unknown TLS mode '" + text + "' (expected starttls, direct or none)");
        };
    }

    public String flagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
