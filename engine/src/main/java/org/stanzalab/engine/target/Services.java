package org.stanzalab.engine.target;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What the run knows about a server besides its client port: the HTTPS origin where it serves BOSH, WebSocket and
 * XEP-0156 host-meta ({@code https-base}), an external component it accepts ({@code component}), and the transport the
 * run's client sessions use, and how the tool plays a remote server towards it ({@link Federation}). Each is optional; tests that need one end impossible without it.
 */
public record Services(Optional<URI> httpsBase, Optional<ComponentLogin> component, Transport transport,
                       Federation federation) {

    public Services {
        Objects.requireNonNull(httpsBase, "httpsBase");
        Objects.requireNonNull(component, "component");
        Objects.requireNonNull(transport, "transport");
        Objects.requireNonNull(federation, "federation");
    }

    /** With the default federation settings (no peer CA: the tests that play a remote server are impossible). */
    public Services(Optional<URI> httpsBase, Optional<ComponentLogin> component, Transport transport) {
        this(httpsBase, component, transport, Federation.defaults());
    }

    public static Services none() {
        return new Services(Optional.empty(), Optional.empty(), Transport.TCP);
    }

    public Services withTransport(Transport chosen) {
        return new Services(httpsBase, component, chosen, federation);
    }

    public Services withFederation(Federation changed) {
        return new Services(httpsBase, component, transport, changed);
    }
}
