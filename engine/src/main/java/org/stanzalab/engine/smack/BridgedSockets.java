package org.stanzalab.engine.smack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Optional;

import javax.net.SocketFactory;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.WireTranscript;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.transcript.Transcript;
import org.stanzalab.engine.transport.LoopbackBridge;
import org.stanzalab.engine.transport.Transports;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;

/**
 * {@code --transport websocket|bosh} for Smack sessions: the connection's socket goes to a {@link LoopbackBridge}
 * that carries the stream over the chosen transport. TLS is the transport's (wss, https), so Smack's own security
 * mode is off for this loopback leg; the transcript gets Smack's stanzas as before and the transport's events.
 */
final class BridgedSockets {
    private BridgedSockets() {
    }

    static void configure(XMPPTCPConnectionConfiguration.Builder builder, Target target, Transcript transcript,
            String label) {
        Transport kind = target.services().transport();
        URI endpoint = endpoint(target, kind);
        // Smack's debugger records the stanzas as Smack sees them; this records what crossed the wire in the
        // transport's own framing (WebSocket messages, BOSH bodies), under a label of its own.
        TrafficListener events = new WireTranscript(transcript, label + " " + kind.label());
        builder.setSecurityMode(SecurityMode.disabled)
                .setHostAddress(InetAddress.getLoopbackAddress())
                .setSocketFactory(new SocketFactory() {
                    @Override
                    public Socket createSocket() {
                        return new BridgedSocket(target, kind, endpoint, events);
                    }

                    @Override
                    public Socket createSocket(String host, int port) {
                        throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
                    }

                    @Override
                    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) {
                        throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
                    }

                    @Override
                    public Socket createSocket(InetAddress host, int port) {
                        throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
                    }

                    @Override
                    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) {
                        throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
                    }
                });
    }

    private static URI endpoint(Target target, Transport kind) {
        if (target.services().httpsBase().isEmpty()) {
            throw new Impossible("--transport " + kind.label() + " needs the server's HTTPS origin (--https-base) to discover"
                    + " its endpoint (XEP-0156)");
        }
        try {
            Optional<URI> found = Transports.endpoint(target, kind);
            return found.orElseThrow(() -> new Impossible("--transport " + kind.label() + ": the host-meta documents at "
                    + target.services().httpsBase().get() + " name no " + kind.label() + " endpoint (XEP-0156)"));
        } catch (WireException e) {
            throw new Impossible("--transport " + kind.label() + ": XEP-0156 discovery at "
                    + target.services().httpsBase().get() + " failed: " + e.getMessage());
        }
    }

    /** A socket that, asked to connect anywhere, starts a bridge and connects to it instead. */
    private static final class BridgedSocket extends Socket {
        private final Target target;
        private final Transport kind;
        private final URI endpoint;
        private final TrafficListener events;

        BridgedSocket(Target target, Transport kind, URI endpoint, TrafficListener events) {
            this.target = target;
            this.kind = kind;
            this.endpoint = endpoint;
            this.events = events;
        }

        @Override
        public void connect(SocketAddress ignored, int timeout) throws IOException {
            LoopbackBridge bridge = LoopbackBridge.start(() -> Transports.open(target, kind, endpoint, events),
                    target.domain(), target.timeouts().connect(), events);
            events.note("client stream carried over " + kind.label() + " to " + endpoint);
            super.connect(bridge.address(), timeout);
        }
    }
}
