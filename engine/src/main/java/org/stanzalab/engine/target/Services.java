package org.stanzalab.engine.target;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run knows about a server besides its client port: the HTTPS origin where it serves BOSH, WebSocket and
 * XEP-0156 host-meta ({@code https-base}), an external component it accepts ({@code component}), and the transport the
 * run's client sessions use. Each is optional; tests that need one end impossible without it.
 */
public record Services(Optional<URI> httpsBase, Optional<ComponentLogin> component, Transport transport) {

    public Services {
        Objects.requireNonNull(httpsBase, "httpsBase");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(transport, "transport");
    }

    public static Services none() {
        return new Services(Optional.empty(), Optional.empty(), Transport.TCP);
    }

    public Services withTransport(Transport chosen) {
        return new Services(httpsBase, component, chosen);
    }
}
