package org.stanzalab.engine.target;

import java.util.Objects;

/**
 * The server under test: which XMPP domain, where to connect, how to secure the connection, how long to wait,
 * which SASL mechanisms ordinary logins may use.
 * Only the c2s kind exists so far; federation and client testing will bring their own target kinds.
 */
public record Target(String domain, String host, int port, TlsMode tls, Trust trust, Timeouts timeouts, SaslChoice sasl,
        Services services) {

    /** A target whose logins may use any mechanism the server offers. */
    public Target(String domain, String host, int port, TlsMode tls, Trust trust, Timeouts timeouts) {
        this(domain, host, port, tls, trust, timeouts, SaslChoice.any());
    }

    /** A target known only by its client port. */
    public Target(String domain, String host, int port, TlsMode tls, Trust trust, Timeouts timeouts, SaslChoice sasl) {
        this(domain, host, port, tls, trust, timeouts, sasl, Services.none());
    }

    public Target {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(trust, "trust");
        Objects.requireNonNull(timeouts, "timeouts");
        Objects.requireNonNull(sasl, "sasl");
        Objects.requireNonNull(services, "services");
        if (host == null || host.isBlank()) {
            host = domain;
        }
        if (port <= 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is out of range");
        }
    }

    public Target withServices(Services changed) {
        return new Target(domain, host, port, tls, trust, timeouts, sasl, changed);
    }

    public String address() {
        return host + ":" + port;
    }
}
