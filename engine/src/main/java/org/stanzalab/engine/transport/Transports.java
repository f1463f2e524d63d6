package org.stanzalab.engine.transport;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.transport.BoshTransport;
import org.stanzalab.wire.transport.FramedTransport;
import org.stanzalab.wire.transport.HostMeta;
import org.stanzalab.wire.transport.WebSocketTransport;

/**
 * Where a target's WebSocket and BOSH endpoints are, found by XEP-0156 discovery at the run's {@code https-base}, and
 * the factory that opens a {@link FramedTransport} of the run's kind. XEP-0156 looks at the XMPP domain's own HTTPS
 * origin; the run uses the configured https-base instead, which may name another host or port.
 */
public final class Transports {
    /** Endpoints found so far, by https-base and kind: discovery is asked once per run, not once per session. */
    private static final java.util.Map<String, URI> FOUND = new java.util.concurrent.ConcurrentHashMap<>();

    private Transports() {
    }

    /** Like {@link #discover}, remembered for the rest of the run once found. */
    public static Optional<URI> endpoint(Target target, Transport kind) throws WireException {
        String key = target.services().httpsBase().map(URI::toString).orElse("") + " " + kind;
        URI known = FOUND.get(key);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<URI> found = discover(target, kind);
        found.ifPresent(uri -> FOUND.put(key, uri));
        return found;
    }

    /** The endpoint for {@code kind} named by the host-meta documents at the target's https-base; empty if none. */
    public static Optional<URI> discover(Target target, Transport kind) throws WireException {
        Optional<URI> base = target.services().httpsBase();
        if (base.isEmpty() || kind == Transport.TCP) {
            return Optional.empty();
        }
        HostMeta hostMeta = new HostMeta(base.get(), target.trust().sslContext(), target.timeouts().reply());
        return hostMeta.discover(kind == Transport.WEBSOCKET ? HostMeta.WEBSOCKET_REL : HostMeta.BOSH_REL);
    }

    /** Opens a transport of {@code kind} to {@code endpoint}, its traffic reported to {@code listener}. */
    public static FramedTransport open(Target target, Transport kind, URI endpoint, TrafficListener listener)
            throws WireException {
        Duration timeout = target.timeouts().connect();
        return switch (kind) {
            case WEBSOCKET -> WebSocketTransport.connect(endpoint, target.trust().sslContext(), timeout, listener);
            case BOSH -> new BoshTransport(endpoint, target.trust().sslContext(), target.timeouts().reply()).onTraffic(listener);
            case TCP -> throw new IllegalArgumentException("TCP is not a framed transport");
        };
    }
}
