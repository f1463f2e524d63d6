package org.stanzalab.engine.clienttest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.stanzalab.model.Direction;
import org.stanzalab.model.TranscriptEntry;
import org.stanzalab.wire.ParserLimits;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.StreamFeatures;

/**
 * Known-bad XMPP endpoints for clients, all at once on one loopback address: STARTTLS on one port (the scenario
 * picked by the stream header's {@code to}), direct TLS on another (picked by the TLS server name). Each connection
 * runs its scenario's script in a thread of its own and ends as a {@link ConnectionRecord} saying what the client
 * did. Every wait is bounded: each step by {@link Options#stepTimeout()}, the stall by {@link Options#stallBound()}.
 */
public final class BadServer implements AutoCloseable {
    private static final Pattern AUTH_MECHANISM = Pattern.compile("<auth\\b[^>]*mechanism=['\"]([^'\"]+)['\"]");
    /** Legacy (XEP-0078) passwords and digests, which the wire layer's own redaction does not know. */
    private static final Pattern LEGACY_SECRET = Pattern.compile("(<(password|digest)\\b[^>]*>)[^<]*(</\\2>)");
    private static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";

    /**
     * How the endpoints are served.
     *
     * @param address       loopback address to listen on, e.g. "127.0.0.4"
     * @param starttlsPort  port of the STARTTLS endpoints (0: any free one)
     * @param directTlsPort port of the direct-TLS endpoints (0: any free one; -1: none)
     * @param ca            the CA the clients trust; it issues the good certificates and the bad ones it signs
     * @param stepTimeout   how long the tool waits for each step of the client
     * @param stallBound    how long the stall scenario waits for the client to give up
     * @param selected      which scenarios are served; a connection to another is told the host is unknown
     * @param username      the account the good endpoint accepts (any password check is the SASL one)
     * @param password      its password; never logged
     */
    public record Options(String address, int starttlsPort, int directTlsPort, CertKit ca, Duration stepTimeout,
                          Duration stallBound, Predicate<BadScenario> selected, String username, String password) {
        public Options {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(ca, "ca");
            Objects.requireNonNull(stepTimeout, "stepTimeout");
            Objects.requireNonNull(stallBound, "stallBound");
            selected = selected == null ? s -> true : selected;
        }
    }

    private final Options options;
    private final Map<String, ServerIdentity> identities;
    private final ServerAccounts accounts;
    private final ServerSocket starttls;
    private final ServerSocket directTls;
    private final SSLContext directTlsContext;
    private final Map<Integer, String> serverNameByPeerPort = new ConcurrentHashMap<>();
    private final List<ConnectionRecord> records = new CopyOnWriteArrayList<>();
    private final List<Consumer<ConnectionRecord>> watchers = new CopyOnWriteArrayList<>();
    private final AtomicInteger numbers = new AtomicInteger();
    private final AtomicInteger open = new AtomicInteger();
    private final Object changes = new Object();
    private volatile long lastActivityNanos = System.nanoTime();
    private volatile boolean closed;

    private BadServer(Options options, Map<String, ServerIdentity> identities, ServerSocket starttls,
                      ServerSocket directTls) {
        this.options = options;
        this.identities = identities;
        this.accounts = new ServerAccounts().add(options.username(), options.password());
        this.starttls = starttls;
        this.directTls = directTls;
        this.directTlsContext = directTls == null ? null : sniContext();
    }

    /** Makes the certificates and binds both ports; only loopback addresses are accepted. */
    public static BadServer start(Options options) throws IOException {
        InetAddress address = InetAddress.getByName(options.address());
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the tool serves loopback addresses only, not " + options.address());
        }
        Map<String, ServerIdentity> identities = new HashMap<>();
        options.ca().revocation(); // before issuing, so every certificate points at the CRL and OCSP responder
        for (BadScenario scenario : BadScenario.all()) {
            if (options.selected().test(scenario) || scenario.kind() == BadScenario.Kind.GOOD) {
                identities.computeIfAbsent(key(scenario.label(), scenario.directTls()), k -> identityFor(options.ca(), scenario));
            }
        }
        ServerSocket plain = bind(address, options.starttlsPort());
        ServerSocket direct = null;
        try {
            direct = options.directTlsPort() < 0 ? null : bind(address, options.directTlsPort());
        } catch (IOException e) {
            plain.close();
            throw e;
        }
        BadServer server = new BadServer(options, identities, plain, direct);
        server.acceptLoop(plain, false);
        if (direct != null) {
            server.acceptLoop(direct, true);
        }
        return server;
    }

    public int starttlsPort() {
        return starttls.getLocalPort();
    }

    /** The direct-TLS port, or -1 when none is served. */
    public int directTlsPort() {
        return directTls == null ? -1 : directTls.getLocalPort();
    }

    /** Called with each connection once the client's part in it is decided. */
    public BadServer onConnection(Consumer<ConnectionRecord> watcher) {
        watchers.add(watcher);
        return this;
    }

    public List<ConnectionRecord> records() {
        return List.copyOf(records);
    }

    /**
     * Waits until no connection is open and none came for {@code idle} (after at least one came), or until
     * {@code max} passed in all, or until {@link #close()}; returns whether it went idle.
     */
    public boolean awaitIdle(Duration idle, Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        synchronized (changes) {
            while (true) {
                long now = System.nanoTime();
                if (closed) {
                    return false;
                }
                if (numbers.get() > 0 && open.get() == 0 && now - lastActivityNanos >= idle.toNanos()) {
                    return true;
                }
                if (now >= deadline) {
                    return false;
                }
                long wait = Math.min(deadline - now, Math.max(1, idle.toNanos() - (now - lastActivityNanos)));
                changes.wait(Math.max(1, wait / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(starttls);
        closeQuietly(directTls);
        synchronized (changes) {
            changes.notifyAll();
        }
    }

    // ---------------------------------------------------------------- accepting

    private void acceptLoop(ServerSocket socket, boolean direct) {
        Thread acceptor = new Thread(() -> {
            while (!closed) {
                Socket accepted;
                try {
                    accepted = socket.accept();
                    accepted.setTcpNoDelay(true);
                } catch (IOException e) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                begin();
                Thread handler = new Thread(() -> handle(accepted, direct),
                        "bad-server-" + (direct ? "direct-" : "starttls-") + accepted.getPort());
                handler.setDaemon(true);
                handler.start();
            }
        }, "bad-server-accept-" + (direct ? "direct-tls" : "starttls"));
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private void begin() {
        synchronized (changes) {
            open.incrementAndGet();
            lastActivityNanos = System.nanoTime();
            changes.notifyAll();
        }
    }

    private void finish(ConnectionRecord record) {
        records.add(record);
        for (Consumer<ConnectionRecord> watcher : watchers) {
            watcher.accept(record);
        }
        synchronized (changes) {
            open.decrementAndGet();
            lastActivityNanos = System.nanoTime();
            changes.notifyAll();
        }
    }

    private void handle(Socket socket, boolean direct) {
        Connection c = new Connection(numbers.incrementAndGet(), socket.getInetAddress().getHostAddress() + ":"
                + socket.getPort(), direct);
        try {
            finish(run(c, socket, direct));
        } catch (RuntimeException e) {
            finish(c.record(null, ClientAction.CLOSED_BEFORE_AUTH, null, "the tool failed on this connection: " + e));
        } finally {
            closeQuietly(socket);
        }
    }

    private ConnectionRecord run(Connection c, Socket socket, boolean direct) {
        WireStream wire;
        BadScenario scenario = null;
        try {
            if (direct) {
                try {
                    wire = WireStream.acceptedDirectTls(socket, directTlsContext, TlsOptions.DEFAULT, "client " + c.peer,
                            options.stepTimeout(), ParserLimits.DEFAULT);
                } finally {
                    c.asked = serverNameByPeerPort.remove(socket.getPort());
                }
                scenario = BadScenario.forDomain(c.asked, true).filter(options.selected()).orElse(null);
                if (scenario == null) {
                    return c.record(null, ClientAction.UNKNOWN_DOMAIN, null, c.asked == null ? "no TLS server name (SNI)"
                            : "TLS server name " + c.asked);
                }
            } else {
                wire = WireStream.accepted(socket, "client " + c.peer, options.stepTimeout(), ParserLimits.DEFAULT);
            }
        } catch (WireTlsException e) {
            BadScenario asked = BadScenario.forDomain(c.asked, true).filter(options.selected()).orElse(null);
            if (asked == null) {
                return c.record(null, ClientAction.UNKNOWN_DOMAIN, null, (c.asked == null ? "no TLS server name (SNI)"
                        : "TLS server name " + c.asked) + ", so no certificate to present");
            }
            return c.record(asked, ClientAction.REFUSED_TLS, null, shortTls(e));
        } catch (WireException e) {
            return c.record(null, ClientAction.CLOSED_BEFORE_AUTH, null, e.getMessage());
        }
        // A stand-in until the header names the scenario: it only records (with the wire layer's redaction).
        ServerStream first = ServerStream.adopt(wire, ListenerOptions.client(BadScenario.PARENT)).onTraffic(c);
        try {
            if (scenario == null) {
                String to = first.awaitStreamHeader().to();
                c.asked = to;
                scenario = BadScenario.forDomain(to, false).filter(options.selected()).orElse(null);
                if (scenario == null) {
                    first.sendStreamHeader();
                    first.send("<stream:error><host-unknown xmlns='" + XmppNamespaces.STREAM_ERRORS
                            + "'/></stream:error></stream:stream>");
                    return c.record(null, ClientAction.UNKNOWN_DOMAIN, null, "stream header to='" + to + "'");
                }
            }
            c.scenario = scenario;
            ServerStream stream = ServerStream.adopt(wire, optionsFor(scenario));
            if (direct) {
                stream.awaitStreamHeader();
            }
            return script(c, stream, scenario);
        } catch (WireTlsException e) {
            return c.record(scenario, ClientAction.REFUSED_TLS, null, shortTls(e));
        } catch (StreamClosedException e) {
            return c.closed(scenario, e);
        } catch (WireTimeoutException e) {
            return c.record(scenario, c.credentialsSent() ? ClientAction.SENT_CREDENTIALS : ClientAction.STILL_WAITING,
                    c.mechanism, "nothing from the client within " + seconds(options.stepTimeout()));
        } catch (WireException e) {
            return c.record(scenario, c.credentialsSent() ? ClientAction.SENT_CREDENTIALS : ClientAction.CLOSED_BEFORE_AUTH,
                    c.mechanism, e.getMessage());
        } finally {
            wire.close();
        }
    }

    // ---------------------------------------------------------------- the scripts, one per kind

    private ConnectionRecord script(Connection c, ServerStream stream, BadScenario scenario) throws WireException {
        return switch (scenario.kind()) {
            case GOOD, BAD_CERTIFICATE -> tlsThenLogin(c, stream, scenario,
                    StreamFeatures.none().mechanisms("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"));
            case PLAIN_DOWNGRADE -> tlsThenLogin(c, stream, scenario, StreamFeatures.none().mechanisms("PLAIN"));
            case NO_TLS -> noTls(c, stream, scenario, StreamFeatures.none().mechanisms("SCRAM-SHA-1"));
            case STARTTLS_STRIPPED -> noTls(c, stream, scenario,
                    StreamFeatures.none().mechanisms("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN"));
            case PLAIN_WITHOUT_TLS -> noTls(c, stream, scenario, StreamFeatures.none().mechanisms("PLAIN"));
            case STALL -> stall(c, stream, scenario);
        };
    }

    /**
     * STARTTLS required (or TLS already done on the direct port) with the scenario's certificate, then the
     * mechanisms; the good endpoints and the downgrade let the client log in, the bad certificates refuse
     * whatever credentials come.
     */
    private ConnectionRecord tlsThenLogin(Connection c, ServerStream stream, BadScenario scenario,
                                          StreamFeatures mechanisms) throws WireException {
        if (!scenario.directTls()) {
            stream.sendStreamHeader();
            stream.sendFeatures(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            c.note("TLS established with " + describe(stream));
            stream.awaitStreamHeader();
        }
        stream.sendStreamHeader();
        stream.sendFeatures(mechanisms);
        boolean logins = scenario.kind() != BadScenario.Kind.BAD_CERTIFICATE;
        if (!logins) {
            return refuseWhateverComes(c, stream, scenario);
        }
        String username = stream.acceptSasl(accounts);
        c.authenticated = true;
        stream.awaitStreamHeader();
        stream.sendStreamHeader();
        stream.sendFeatures(StreamFeatures.none().bind()
                .with("<session xmlns='" + SESSION + "'><optional/></session>"));
        serveUntilClosed(stream, username);
        return c.record(scenario, ClientAction.AUTHENTICATED, c.mechanism, null);
    }

    /** Features without {@code <starttls/>}: a client that asks for TLS anyway is told it failed. */
    private ConnectionRecord noTls(Connection c, ServerStream stream, BadScenario scenario, StreamFeatures features)
            throws WireException {
        stream.sendStreamHeader();
        stream.sendFeatures(features);
        return refuseWhateverComes(c, stream, scenario);
    }

    /** The client's next act decides: credentials are refused, STARTTLS fails, anything else is waited past. */
    private ConnectionRecord refuseWhateverComes(Connection c, ServerStream stream, BadScenario scenario)
            throws WireException {
        while (true) {
            XmlElement next = stream.wire().next();
            if (next.is("starttls", XmppNamespaces.TLS)) {
                stream.send("<failure xmlns='" + XmppNamespaces.TLS + "'/></stream:stream>");
                return c.record(scenario, ClientAction.TRIED_TLS_ANYWAY, null, null);
            }
            if (next.is("auth", XmppNamespaces.SASL) || isLegacyAuth(next)) {
                stream.send("<failure xmlns='" + XmppNamespaces.SASL + "'><not-authorized/></failure></stream:stream>");
                return c.record(scenario, ClientAction.SENT_CREDENTIALS, c.mechanism, null);
            }
            if (next.is("iq", XmppNamespaces.CLIENT)) {
                answerIq(stream, next, null);
            }
        }
    }

    /** The header is answered; then nothing. How long the client waits is what is measured. */
    private ConnectionRecord stall(Connection c, ServerStream stream, BadScenario scenario) throws WireException {
        stream.sendStreamHeader();
        long deadline = System.nanoTime() + options.stallBound().toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return c.record(scenario, ClientAction.STILL_WAITING, null, "no features for "
                        + seconds(options.stallBound()) + " and the client still waited; the tool closed it");
            }
            try {
                stream.wire().next(Duration.ofNanos(left));
            } catch (WireTimeoutException bound) {
                // Checked at the top of the loop.
            }
        }
    }

    /** After login: binding, the session, and an empty result to every other request, until the client leaves. */
    private void serveUntilClosed(ServerStream stream, String username) throws WireException {
        try {
            while (true) {
                XmlElement next = stream.wire().next();
                if (next.is("iq", XmppNamespaces.CLIENT)) {
                    answerIq(stream, next, username);
                }
            }
        } catch (StreamClosedException | WireTimeoutException leftOrIdle) {
            stream.closeStream(Duration.ofSeconds(1));
        }
    }

    private void answerIq(ServerStream stream, XmlElement iq, String username) throws WireException {
        String type = iq.attribute("type").orElse("");
        if (!type.equals("get") && !type.equals("set")) {
            return;
        }
        String id = XmlEscape.attribute(iq.attribute("id").orElse(""));
        if (username != null && iq.hasChild("bind", XmppNamespaces.BIND)) {
            String resource = iq.child("bind", XmppNamespaces.BIND).flatMap(b -> b.childText("resource", XmppNamespaces.BIND))
                    .map(String::strip).filter(r -> !r.isEmpty()).orElse("bad-server");
            stream.send("<iq type='result' id='" + id + "'><bind xmlns='" + XmppNamespaces.BIND + "'><jid>"
                    + XmlEscape.text(username + "@" + stream.domain() + "/" + resource) + "</jid></bind></iq>");
        } else if (username != null && type.equals("get") && iq.hasChild("query", "jabber:iq:roster")) {
            stream.send("<iq type='result' id='" + id + "'><query xmlns='jabber:iq:roster'/></iq>");
        } else if (username != null) {
            stream.send("<iq type='result' id='" + id + "'/>");
        } else {
            stream.send("<iq type='error' id='" + id + "'><error type='auth'><not-authorized xmlns='"
                    + XmppNamespaces.STANZA_ERRORS + "'/></error></iq>");
        }
    }

    private static boolean isLegacyAuth(XmlElement element) {
        return element.is("iq", XmppNamespaces.CLIENT) && "set".equals(element.attribute("type").orElse(""))
                && element.hasChild("query", "jabber:iq:auth");
    }

    // ---------------------------------------------------------------- certificates

    private ListenerOptions optionsFor(BadScenario scenario) {
        ListenerOptions base = ListenerOptions.client(scenario.domain()).withTimeout(options.stepTimeout());
        ServerIdentity identity = identities.get(key(scenario.label(), scenario.directTls()));
        return identity == null ? base : base.withIdentity(identity);
    }

    private static ServerIdentity identityFor(CertKit ca, BadScenario scenario) {
        return scenario.kind() == BadScenario.Kind.BAD_CERTIFICATE
                ? scenario.certificate().make(ca, scenario.domain()) : ca.issue(scenario.domain());
    }

    private static String key(String label, boolean direct) {
        return (direct ? "direct:" : "starttls:") + label;
    }

    /** Direct TLS: the certificate of the scenario the client named in SNI; none for a name it does not serve. */
    private SSLContext sniContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new X509ExtendedKeyManager[] {new ByServerName()}, null, null);
            return context;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the direct-TLS context: " + e.getMessage(), e);
        }
    }

    private final class ByServerName extends X509ExtendedKeyManager {
        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            if (!(socket instanceof SSLSocket tls) || !(tls.getHandshakeSession() instanceof ExtendedSSLSession session)) {
                return null;
            }
            String name = serverName(session);
            if (name == null) {
                return null;
            }
            serverNameByPeerPort.put(socket.getPort(), name);
            String alias = BadScenario.forDomain(name, true).map(s -> key(s.label(), true)).orElse(null);
            ServerIdentity identity = alias == null ? null : identities.get(alias);
            if (identity == null) {
                return null;
            }
            String algorithm = identity.key().getAlgorithm();
            boolean fits = algorithm.equals(keyType) || algorithm.equals("RSA") && keyType.equals("RSASSA-PSS");
            return fits ? alias : null;
        }

        @Override
        public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
            return null; // the listener uses sockets only
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            ServerIdentity identity = identities.get(alias);
            return identity == null ? null : identity.chain().toArray(X509Certificate[]::new);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            ServerIdentity identity = identities.get(alias);
            return identity == null ? null : identity.key();
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return identities.keySet().toArray(String[]::new);
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return null;
        }
    }

    private static String serverName(ExtendedSSLSession session) {
        for (SNIServerName name : session.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return host.getAsciiName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String describe(ServerStream stream) {
        Optional<SSLSession> session = stream.wire().tlsSession();
        return session.map(s -> s.getProtocol() + " " + s.getCipherSuite()).orElse("TLS");
    }

    private static String shortTls(WireTlsException e) {
        String message = String.valueOf(e.getMessage());
        int colon = message.indexOf(" failed: ");
        return colon < 0 ? message : "TLS handshake " + message.substring(colon + 1);
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static ServerSocket bind(InetAddress address, int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        try {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(address, port), 64);
            return socket;
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot listen on " + address.getHostAddress() + ":" + port + ": "
                    + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT), e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Nothing useful to report while closing.
        }
    }

    /** One connection's transcript and what the recorder saw of its credentials. */
    private static final class Connection implements TrafficListener {
        final int number;
        final String peer;
        final boolean direct;
        final Instant startedAt = Instant.now();
        final long startNanos = System.nanoTime();
        final List<TranscriptEntry> transcript = new ArrayList<>();
        volatile String asked;
        volatile BadScenario scenario;
        volatile String mechanism;
        volatile boolean authenticated;

        Connection(int number, String peer, boolean direct) {
            this.number = number;
            this.peer = peer;
            this.direct = direct;
        }

        boolean credentialsSent() {
            return mechanism != null;
        }

        @Override
        public void sent(String data) {
            add(Direction.SENT, data);
        }

        @Override
        public void received(String data) {
            Matcher auth = AUTH_MECHANISM.matcher(data);
            if (auth.find() && mechanism == null) {
                mechanism = auth.group(1);
            } else if (data.contains("jabber:iq:auth") && data.contains("<password") && mechanism == null) {
                mechanism = "iq:auth";
            }
            add(Direction.RECEIVED, LEGACY_SECRET.matcher(data).replaceAll("$1[redacted]$3"));
        }

        @Override
        public void note(String event) {
            add(Direction.NOTE, event);
        }

        private synchronized void add(Direction direction, String xml) {
            transcript.add(new TranscriptEntry((System.nanoTime() - startNanos) / 1_000_000, "client#" + number,
                    direction, xml));
        }

        ConnectionRecord closed(BadScenario scenario, StreamClosedException e) {
            ClientAction action = authenticated ? ClientAction.AUTHENTICATED
                    : credentialsSent() ? ClientAction.SENT_CREDENTIALS : ClientAction.CLOSED_BEFORE_AUTH;
            return record(scenario, action, mechanism, e.closingTagReceived() ? "ended its stream"
                    : "closed the connection");
        }

        synchronized ConnectionRecord record(BadScenario scenario, ClientAction action, String mechanism, String detail) {
            if (mechanism == null && this.mechanism != null) {
                mechanism = this.mechanism;
            }
            if (action == ClientAction.CLOSED_BEFORE_AUTH && credentialsSent()) {
                action = ClientAction.SENT_CREDENTIALS;
            }
            if (authenticated && action != ClientAction.AUTHENTICATED) {
                detail = action.words() + (detail == null ? "" : ": " + detail);
                action = ClientAction.AUTHENTICATED;
            }
            return new ConnectionRecord(number, scenario, asked, peer, direct, action, mechanism, detail, startedAt,
                    (System.nanoTime() - startNanos) / 1_000_000, transcript);
        }
    }
}
