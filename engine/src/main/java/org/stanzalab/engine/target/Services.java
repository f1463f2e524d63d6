package org.stanzalab.engine.target;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run knows about a server besides its client port: the HTTPS origin where it serves BOSH, WebSocket and
 * XEP-0156 host-meta ({@code https-base}), an external component it accepts ({@code component}), the transport the
 * run's client sessions use, and the port it accepts server-to-server streams on ({@code s2s-port}, for the TLS scans;
 * 5269 unless said). Each is optional; tests that need one end impossible without it.
 */
public record Services(Optional<URI> httpsBase, Optional<ComponentLogin> component, Transport transport, int s2sPort) {
    /** Where servers conventionally accept server-to-server streams (RFC 6120 §14.7, the xmpp-server port). */
    public static final int CONVENTIONAL_S2S_PORT = 5269;

    /** Services with the server-to-server port where convention has it. */
    public Services(Optional<URI> httpsBase, Optional<ComponentLogin> component, Transport transport) {
        this(httpsBase, component, transport, CONVENTIONAL_S2S_PORT);
    }

    public Services {
        if (s2sPort <= 0 || s2sPort > 65535) {
            throw new IllegalArgumentException("s2s-port " + s2sPort + " is out of range");
        }
        Objects.requireNonNull(httpsBase, "httpsBase");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(transport, "transport");
    }

    public static Services none() {
        return new Services(Optional.empty(), Optional.empty(), Transport.TCP, CONVENTIONAL_S2S_PORT);
    }

    public Services withTransport(Transport chosen) {
        return new Services(httpsBase, component, chosen, s2sPort);
    }
}
