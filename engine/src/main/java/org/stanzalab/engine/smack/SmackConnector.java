package org.stanzalab.engine.smack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.util.List;

import javax.net.SocketFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.transcript.Transcript;

/** Builds Smack connections to the target, each wired to a transcript. */
public final class SmackConnector {
    static {
        // A test lab must see what the server sends: Smack must not answer unknown IQs on our behalf quietly.
        SmackConfiguration.setUnknownIqRequestReplyMode(SmackConfiguration.UnknownIqRequestReplyMode.replyServiceUnavailable);
        // Tests decide when a roster is requested and how subscription requests are answered: a roster fetched
        // at login or an automatic "unsubscribed" would change what the server is asked and what it must do.
        Roster.setRosterLoadedAtLoginDefault(false);
        Roster.setDefaultSubscriptionMode(Roster.SubscriptionMode.manual);
        ScramSha1.replaceSmacks();
        // Smack 4.4's default (ExceptionThrowingCallbackWithHint) drops the connection on a stanza it cannot parse,
        // so one malformed reply would end every session of the test. The transcript already has the raw XML, and
        // test sessions hand it to their mailbox (see newConnection); other connections just go on.
        SmackConfiguration.setDefaultParsingExceptionCallback(unparsable -> { });
    }

    private final Target target;
    private InetAddress address;

    public SmackConnector(Target target) {
        this.target = target;
    }

    /**
     * Resolved on first use, not when the run is configured: the run's preflight probe is what reports an
     * unknown or unreachable host, as a target problem rather than a configuration error.
     */
    private synchronized InetAddress address() {
        if (address == null) {
            try {
                address = InetAddress.getByName(target.host());
            } catch (UnknownHostException e) {
                throw new IllegalStateException("unknown host " + target.host(), e);
            }
        }
        return address;
    }

    public Target target() {
        return target;
    }

    /** How long the closing handshake of a Smack connection may take before the connection is simply dropped. */
    public static final java.time.Duration CLOSE_WAIT = java.time.Duration.ofMillis(1500);

    /**
     * Ends a connection, waiting at most {@link #CLOSE_WAIT} for the server's closing tag. Smack would wait the whole
     * reply timeout for it, which against a server that never answers our close costs every test that much; the
     * tests about closing a stream drive the wire themselves and are not affected.
     */
    public static void disconnect(XMPPTCPConnection connection) {
        connection.setReplyTimeout(Math.min(connection.getReplyTimeout(), CLOSE_WAIT.toMillis()));
        connection.disconnect();
    }

    /**
     * A connection that is configured but not yet connected. A null username means no login is planned;
     * a null transcript means the traffic is the engine's own (provisioning) and is not recorded.
     */
    public XMPPTCPConnection newConnection(String username, String password, String resource,
                                          Transcript transcript, String label) {
        return newConnection(username, password, resource, transcript, label, null);
    }

    /**
     * Like {@link #newConnection(String, String, String, Transcript, String)}, and every stanza the connection
     * receives, IQ requests included, is handed to {@code received} in stream order before Smack dispatches it, and
     * so is every stanza Smack could not parse, as raw text (the connection goes on). It needs a transcript: both
     * are fed by the same debugger hook.
     */
    public XMPPTCPConnection newConnection(String username, String password, String resource,
                                          Transcript transcript, String label, Incoming received) {
        if (received != null && transcript == null) {
            throw new IllegalArgumentException("a connection with a mailbox needs a transcript");
        }
        try {
            XMPPTCPConnectionConfiguration.Builder builder = XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain(target.domain())
                    .setHostAddress(address())
                    .setPort(target.port())
                    .setConnectTimeout((int) target.timeouts().connect().toMillis())
                    .setSendPresence(false)
                    .setCompressionEnabled(false);
            TranscriptDebugger[] debugger = new TranscriptDebugger[1];
            if (transcript != null) {
                builder.setDebuggerFactory(c -> debugger[0] = new TranscriptDebugger(c, transcript, label, received));
            }
            if (username != null) {
                builder.setUsernameAndPassword(username, password);
            }
            if (resource != null) {
                builder.setResource(resource);
            }
            if (target.sasl().restricted()) {
                // Per connection: Smack's own blacklist is global, and several servers can be in one run.
                builder.addEnabledSaslMechanism(target.sasl().forSmack());
            }
            configureTls(builder);
            if (transcript != null && target.services().transport() != Transport.TCP) {
                // --transport websocket|bosh: test sessions go through a loopback bridge; the engine's own
                // provisioning connections (no transcript) keep the TCP binding.
                BridgedSockets.configure(builder, target, transcript, label);
            }
            XMPPTCPConnection connection = new XMPPTCPConnection(builder.build());
            connection.setReplyTimeout(target.timeouts().reply().toMillis());
            connection.setUseStreamManagement(false);
            if (received != null) {
                connection.setParsingExceptionCallback(unparsable ->
                        received.unparsable(debugger[0].recentIncoming(), unparsable.getParsingException()));
            }
            return connection;
        } catch (XmppStringprepException e) {
            throw new IllegalArgumentException("invalid XMPP address part: " + e.getMessage());
        }
    }

    private void configureTls(XMPPTCPConnectionConfiguration.Builder builder) {
        if (target.tls() == TlsMode.NONE) {
            builder.setSecurityMode(SecurityMode.disabled);
            return;
        }
        if (target.tls() == TlsMode.DIRECT) {
            builder.setSecurityMode(SecurityMode.disabled).setSocketFactory(new DirectTlsSocketFactory());
            return;
        }
        // Smack re-initialises any SSLContext it is given, so the trust manager is what must be handed over.
        builder.setSecurityMode(SecurityMode.required).setCustomX509TrustManager(target.trust().trustManager());
        if (!target.trust().verifyHostname()) {
            builder.setHostnameVerifier((name, session) -> true);
        }
    }

    /**
     * Sockets that speak TLS from the first byte (XEP-0368). SNI carries the XMPP domain, and the JDK checks
     * the certificate against that name, so connecting to an IP address still verifies the right identity.
     */
    private final class DirectTlsSocketFactory extends SocketFactory {
        @Override
        public Socket createSocket() throws IOException {
            SSLSocket socket = (SSLSocket) target.trust().sslContext().getSocketFactory().createSocket();
            SSLParameters params = socket.getSSLParameters();
            params.setServerNames(List.of(new SNIHostName(target.domain())));
            if (target.trust().verifyHostname()) {
                params.setEndpointIdentificationAlgorithm("HTTPS");
            }
            socket.setSSLParameters(params);
            return socket;
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort) throws IOException {
            throw new UnsupportedOperationException("Smack connects unconnected sockets itself");
        }
    }
}
