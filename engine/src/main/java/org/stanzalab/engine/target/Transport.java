package org.stanzalab.engine.target;

import java.util.Locale;

/** How the run's client sessions reach the server: the XMPP TCP binding, RFC 7395 WebSocket or XEP-0206 BOSH. */
public enum Transport {
    TCP, WEBSOCKET, BOSH;

    public static Transport parse(String text) {
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "websocket", "ws" -> WEBSOCKET;
            case "bosh" -> BOSH;
            default -> throw new IllegalArgumentException("transport must be tcp, websocket or bosh, not '" + text + "'");
        };
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
