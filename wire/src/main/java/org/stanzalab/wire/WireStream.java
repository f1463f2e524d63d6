package org.stanzalab.wire;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramException;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * A raw client-to-server XMPP stream for compliance tests: sends arbitrary text or bytes and shows exactly
 * what the server answers, including stream errors and how the stream ends.
 *
 * <p>A daemon reader thread ("wire-reader-DOMAIN") parses incoming bytes as they arrive; every wait is
 * bounded (by default by {@link WireEndpoint#timeout()}). After {@code <proceed/>} (STARTTLS) or SASL
 * {@code <success/>} the reader pauses so the following bytes go to TLS or to a fresh parser; the
 * convenience methods handle that, and for hand-driven exchanges {@link #upgradeToTls()} and
 * {@link #openStream()} / {@link #readStreamHeader()} resume it.
 *
 * <p>The same class drives the accepting side of a connection (see {@link #accepted}), for the tool acting as
 * a server: there the reader pauses after {@code <starttls/>} (for {@link #acceptTls}) and after each SASL
 * {@code <auth/>} or {@code <response/>}. Reading the next element goes on with the same parser; reading a
 * stream header starts a new one, which is what the peer does after this side sent {@code <success/>}.
 *
 * <p>One thread drives a stream; {@link #close()} may be called from any thread.
 */
public final class WireStream implements AutoCloseable {
    private static final String STARTTLS = "<starttls xmlns='" + XmppNamespaces.TLS + "'/>";
    private static final int MAX_SKIPPED_IN_MESSAGE = 3;
    /** Unread events before the reader stops reading the socket, so a flooding server meets TCP backpressure. */
    private static final int MAX_QUEUED_EVENTS = 1024;
    private static final int MAX_REMEMBERED_ELEMENTS = 10_000;

    private final WireEndpoint endpoint;
    private final ParserLimits limits;
    /** True for a connection a listener accepted (the tool is the server), false for one it opened. */
    private final boolean accepting;
    private final SerializedTraffic traffic = new SerializedTraffic();
    private final BlockingQueue<Inbound> inbound = new LinkedBlockingQueue<>(MAX_QUEUED_EVENTS);
    private final Deque<XmlElement> received = new ArrayDeque<>();
    private final Object writeLock = new Object();
    private final java.util.concurrent.atomic.AtomicLong writes = new java.util.concurrent.atomic.AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile Socket socket;
    /** The TCP socket under any TLS layer, for {@link #abort()}; null where only the TLS socket is known. */
    private volatile Socket tcp;
    private volatile OutputStream out;
    private volatile NegotiatedTls negotiatedTls;
    private HardenedStreamParser parser;

    // Consumer-side state, touched only by the thread driving the stream.
    private StreamHeader unreadHeader;
    /** The {@code <proceed/>} or {@code <success/>} after which the reader paused, until restarted. */
    private XmlElement restartTrigger;
    private byte[] pausedUnconsumed;
    private boolean closingTagReceived;
    private boolean eofReceived;
    private String eofDetail;
    private WireException readFailure;
    private StreamError lastStreamError;
    private int nextStanzaId = 1;

    private WireStream(WireEndpoint endpoint, ParserLimits limits, Socket socket, boolean accepting)
            throws WireException {
        this.endpoint = endpoint;
        this.limits = limits;
        this.accepting = accepting;
        useSocket(socket);
        this.tcp = socket instanceof SSLSocket ? null : socket;
        traffic.note((accepting ? "accepted a connection from " : "connected to ") + endpoint.address());
        if (socket instanceof SSLSocket tls) {
            tlsEstablished(tls);
        }
        startReader(new byte[0]);
    }

    /**
     * Accepting side: drives a connection that a listener accepted, in plain TCP (STARTTLS later via
     * {@link #acceptTls}) or already upgraded to TLS (direct TLS).
     *
     * @param peer    how messages name the peer, e.g. "client 127.0.0.1:40122"; also names the reader thread
     * @param timeout the default wait for every expectation
     */
    public static WireStream accepted(Socket socket, String peer, Duration timeout, ParserLimits limits)
            throws WireException {
        InetSocketAddress remote = (InetSocketAddress) socket.getRemoteSocketAddress();
        WireEndpoint endpoint = new WireEndpoint(remote.getAddress().getHostAddress(), remote.getPort(), peer,
                null, false, timeout);
        return new WireStream(endpoint, limits, socket, true);
    }

    /** Accepting side of direct TLS (XEP-0368): the server's handshake first, then as {@link #accepted}. */
    public static WireStream acceptedDirectTls(Socket socket, SSLContext context, TlsOptions options, String peer,
                                               Duration timeout, ParserLimits limits) throws WireException {
        SSLSocket tls = TlsUpgrade.accept(socket, context, options, true, timeout, peer);
        return accepted(tls, peer, timeout, limits);
    }

    /** Plain TCP; STARTTLS later via {@link #startTls()}. */
    public static WireStream connect(WireEndpoint endpoint) throws WireException {
        return connect(endpoint, ParserLimits.DEFAULT);
    }

    public static WireStream connect(WireEndpoint endpoint, ParserLimits limits) throws WireException {
        return new WireStream(endpoint, limits, openSocket(endpoint), false);
    }

    /** TLS from the first byte (XEP-0368), with ALPN "xmpp-client". */
    public static WireStream connectDirectTls(WireEndpoint endpoint) throws WireException {
        return connectDirectTls(endpoint, ParserLimits.DEFAULT);
    }

    public static WireStream connectDirectTls(WireEndpoint endpoint, ParserLimits limits) throws WireException {
        Socket plain = openSocket(endpoint);
        try {
            WireStream stream = new WireStream(endpoint, limits, TlsUpgrade.handshake(plain, endpoint, true), false);
            stream.tcp = plain;
            return stream;
        } catch (WireException e) {
            closeQuietly(plain);
            throw e;
        }
    }

    /** The header {@link #openStream()} sends: {@code <?xml version='1.0'?><stream:stream to='DOMAIN' ...>}. */
    public static String defaultStreamHeader(String domain) {
        return "<?xml version='1.0'?><stream:stream to='" + XmlEscape.attribute(domain)
                + "' version='1.0' xml:lang='en' xmlns='" + XmppNamespaces.CLIENT
                + "' xmlns:stream='" + XmppNamespaces.STREAMS + "'>";
    }

    /** Replaces the transcript listener; events from before the first call are replayed to it. */
    public WireStream onTraffic(TrafficListener listener) {
        traffic.target(listener);
        return this;
    }

    public WireEndpoint endpoint() {
        return endpoint;
    }

    /** How many times something was written to the peer: a caller can tell whether anything was sent since it last looked. */
    public long writes() {
        return writes.get();
    }

    // ---------------------------------------------------------------- sending

    /** Sends text as UTF-8, unchanged. */
    public void send(String xml) throws WireException {
        write(xml.getBytes(StandardCharsets.UTF_8), xml);
    }

    public void send(XmlElement element) throws WireException {
        send(element.toXml());
    }

    /** Sends bytes unchanged, e.g. invalid UTF-8; the transcript shows invalid bytes as {@code \xNN}. */
    public void sendBytes(byte[] raw) throws WireException {
        write(raw.clone(), BytesAsText.render(raw));
    }

    /** Sends {@code xml} but reports {@code transcriptText} to the traffic listener, for credentials. */
    public void sendRedacted(String xml, String transcriptText) throws WireException {
        write(xml.getBytes(StandardCharsets.UTF_8), transcriptText);
    }

    /** Sends {@code </stream:stream>}; the connection stays open so the server's reaction can be observed. */
    public void closeStream() throws WireException {
        send("</stream:stream>");
    }

    // ---------------------------------------------------------------- stream setup

    /** Sends {@link #defaultStreamHeader} and returns the server's header (restarting the reader if paused). */
    public StreamHeader openStream() throws WireException {
        resumeIfPaused();
        send(defaultStreamHeader(endpoint.domain()));
        return readStreamHeader();
    }

    /** The server's next stream header, for tests that sent their own header with {@link #send}. */
    public StreamHeader readStreamHeader() throws WireException {
        return readStreamHeader(endpoint.timeout());
    }

    public StreamHeader readStreamHeader(Duration timeout) throws WireException {
        if (accepting && restartTrigger != null) {
            // Whitespace the peer sent after its last element (a newline after </auth>, say) belongs to the old
            // stream; the new parser must start at the new stream's XML declaration or header.
            startReader(withoutLeadingWhitespace(awaitReaderPause()));
        }
        resumeIfPaused();
        long deadline = deadlineAfter(timeout);
        while (unreadHeader == null) {
            throwIfEnded("the server's stream header");
            if (take(deadline) == null) {
                throw new WireTimeoutException("no stream header from " + endpoint.domain() + " within "
                        + Durations.describe(timeout));
            }
        }
        StreamHeader header = unreadHeader;
        unreadHeader = null;
        return header;
    }

    /** The next element, which must be {@code <stream:features/>}. */
    public XmlElement readFeatures() throws WireException {
        XmlElement element = expect(e -> true, "<stream:features/>");
        if (element.is("features", XmppNamespaces.STREAMS)) {
            return element;
        }
        if (StreamError.isStreamError(element)) {
            throw new WireProtocolException("expected <stream:features/> but server sent stream error "
                    + StreamError.from(element).describe());
        }
        throw new WireProtocolException("expected <stream:features/> but server sent <" + element.qualifiedName() + ">");
    }

    /** STARTTLS (RFC 6120 §5): negotiates TLS on this connection, restarts the stream, returns the new features. */
    public XmlElement startTls() throws WireException {
        send(STARTTLS);
        XmlElement answer = expect(e -> e.is("proceed", XmppNamespaces.TLS) || e.is("failure", XmppNamespaces.TLS),
                "<proceed/> or <failure/> after <starttls/>");
        if (answer.name().equals("failure")) {
            throw new WireTlsException("server answered <starttls/> with <failure/>");
        }
        upgradeToTls();
        openStream();
        return readFeatures();
    }

    /**
     * TLS handshake after a {@code <proceed/>} that was already received (e.g. via {@link #next()} in a test
     * that sent {@code <starttls/>} itself). Does not restart the stream.
     */
    public void upgradeToTls() throws WireException {
        if (restartTrigger == null || !restartTrigger.name().equals("proceed")) {
            throw new IllegalStateException("upgradeToTls() needs a <proceed/> from the server first");
        }
        switchToTls("server sent %d bytes after <proceed/> instead of waiting for the TLS handshake",
                () -> TlsUpgrade.handshake(socket, endpoint, false));
    }

    /**
     * Accepting side of STARTTLS: after the peer's {@code <starttls/>} was received and {@code <proceed/>} sent,
     * does the server's TLS handshake with the certificate in {@code context}. The peer's new stream header is
     * then read with {@link #readStreamHeader()}.
     */
    public void acceptTls(SSLContext context, TlsOptions options) throws WireException {
        if (!accepting) {
            throw new IllegalStateException("acceptTls() is for the accepting side; a client uses upgradeToTls()");
        }
        if (restartTrigger == null || !restartTrigger.is("starttls", XmppNamespaces.TLS)) {
            throw new IllegalStateException("acceptTls() needs a <starttls/> from the peer first");
        }
        switchToTls("peer sent %d bytes after <starttls/> instead of waiting for <proceed/>", true,
                () -> TlsUpgrade.accept(socket, context, options, false, endpoint.timeout(), endpoint.domain()));
    }

    private interface Handshake {
        SSLSocket run() throws WireTlsException;
    }

    /**
     * Both sides of STARTTLS once the reader has stopped at the trigger: nothing may follow it in the clear (bytes
     * after it would be read as plaintext while the other side speaks TLS), then the handshake, then reading on TLS.
     */
    private void switchToTls(String bytesAfterTrigger, Handshake handshake) throws WireException {
        switchToTls(bytesAfterTrigger, false, handshake);
    }

    /**
     * @param whitespaceTolerated whitespace after the trigger is noted and dropped instead of ending the stream: the
     *                            accepting side serves clients, and some send a newline after {@code <starttls/>}
     *                            (RFC 6120 §5.3.1 forbids it), which must not hide what they do next
     */
    private void switchToTls(String bytesAfterTrigger, boolean whitespaceTolerated, Handshake handshake)
            throws WireException {
        byte[] unconsumed = awaitReaderPause();
        if (whitespaceTolerated && unconsumed.length > 0
                && new String(unconsumed, StandardCharsets.ISO_8859_1).isBlank()) {
            traffic.note("peer sent " + unconsumed.length + " whitespace bytes after <starttls/> (RFC 6120 §5.3.1 "
                    + "forbids whitespace during STARTTLS negotiation); dropped");
            unconsumed = new byte[0];
        }
        if (unconsumed.length > 0) {
            throw new WireProtocolException(String.format(bytesAfterTrigger, unconsumed.length));
        }
        SSLSocket tls;
        try {
            tls = handshake.run();
        } catch (WireTlsException e) {
            close();
            throw e;
        }
        useSocket(tls);
        tlsEstablished(tls);
        startReader(new byte[0]);
    }

    /**
     * SASL PLAIN (RFC 4616) with an empty authorization id; on success restarts the stream and returns the
     * new features. The traffic listener sees the {@code <auth/>} payload as "[redacted]".
     */
    public XmlElement authenticatePlain(String username, String password) throws WireException {
        return authenticate("PLAIN", username, password);
    }

    /** The SASL mechanisms {@link #authenticate} can perform. */
    public static final List<String> LOGIN_MECHANISMS = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-1");

    /**
     * Logs in with one of {@link #LOGIN_MECHANISMS}; on success restarts the stream and returns the new features.
     * Credentials and proofs reach the traffic listener redacted; the mechanism's name stays visible.
     */
    public XmlElement authenticate(String mechanism, String username, String password) throws WireException {
        negotiateSasl(mechanism, username, password);
        openStream();
        return readFeatures();
    }

    /**
     * The SASL exchange alone, up to {@code <success/>}, without the stream restart that must follow it. A
     * {@code <failure/>} throws {@link SaslFailureException}; a SCRAM server that cannot prove it knows the
     * password throws {@link WireProtocolException}.
     */
    public void negotiateSasl(String mechanism, String username, String password) throws WireException {
        String auth = "<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='" + mechanism + "'>";
        if (mechanism.equals("PLAIN")) {
            byte[] message = ("\0" + username + "\0" + password).getBytes(StandardCharsets.UTF_8);
            String payload = Base64.getEncoder().encodeToString(message);
            Arrays.fill(message, (byte) 0);
            sendRedacted(auth + payload + "</auth>", auth + "[redacted]</auth>");
            saslOutcome(mechanism);
            return;
        }
        ScramMechanism variant = ScramMechanism.named(mechanism);
        if (variant == null) {
            throw new IllegalArgumentException("the wire driver cannot log in with SASL " + mechanism + " (it can: "
                    + String.join(", ", LOGIN_MECHANISMS) + ")");
        }
        ScramClient scram = new ScramClient(variant);
        send(auth + base64(scram.clientFirst(username)) + "</auth>");
        XmlElement challenge = saslStep(mechanism);
        if (!challenge.name().equals("challenge")) {
            throw new WireProtocolException("SASL " + mechanism + ": expected a <challenge/> with the server-first message, got "
                    + challenge.toXml());
        }
        String clientFinal;
        try {
            scram.readServerFirst(decoded(challenge));
            clientFinal = scram.clientFinal(password);
        } catch (ScramException e) {
            throw new WireProtocolException("SASL " + mechanism + ": " + e.getMessage());
        }
        String response = "<response xmlns='" + XmppNamespaces.SASL + "'>";
        sendRedacted(response + base64(clientFinal) + "</response>", response + "[client-final with proof, redacted]</response>");
        XmlElement success = saslOutcome(mechanism);
        try {
            String signature = scram.serverSignatureIn(decoded(success));
            if (!signature.equals(scram.expectedServerSignature())) {
                throw new WireProtocolException("SASL " + mechanism + ": the server signature does not prove that the server knows the password");
            }
        } catch (ScramException e) {
            throw new WireProtocolException("SASL " + mechanism + ": " + e.getMessage());
        }
    }

    private XmlElement saslStep(String mechanism) throws WireException {
        XmlElement step = expect(e -> e.namespace().equals(XmppNamespaces.SASL)
                && (e.name().equals("challenge") || e.name().equals("success") || e.name().equals("failure")),
                "SASL <challenge/>, <success/> or <failure/> after <auth/>");
        if (step.name().equals("failure")) {
            throw failure(mechanism, step);
        }
        return step;
    }

    private XmlElement saslOutcome(String mechanism) throws WireException {
        XmlElement answer = expect(e -> e.is("success", XmppNamespaces.SASL) || e.is("failure", XmppNamespaces.SASL),
                "SASL <success/> or <failure/> after <auth/>");
        if (answer.name().equals("failure")) {
            throw failure(mechanism, answer);
        }
        return answer;
    }

    private static SaslFailureException failure(String mechanism, XmlElement answer) {
        String condition = answer.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.SASL) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst().orElse(null);
        return new SaslFailureException(mechanism, condition, answer.childText("text", XmppNamespaces.SASL).orElse(null));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(XmlElement element) throws WireProtocolException {
        try {
            return new String(Base64.getDecoder().decode(element.text().strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WireProtocolException("the SASL <" + element.name() + "/> does not carry base64: " + element.toXml());
        }
    }

    /** Resource binding (RFC 6120 §7); null lets the server pick the resource. Returns the full JID. */
    public String bind(String resourceOrNull) throws WireException {
        String id = "bind-" + nextStanzaId++;
        send("<iq type='set' id='" + id + "'><bind xmlns='" + XmppNamespaces.BIND + "'>"
                + (resourceOrNull == null ? "" : "<resource>" + XmlEscape.text(resourceOrNull) + "</resource>")
                + "</bind></iq>");
        XmlElement answer = expect(e -> e.is("iq", XmppNamespaces.CLIENT) && e.attribute("id").orElse("").equals(id),
                "<iq id='" + id + "'/> answering resource binding");
        String type = answer.attribute("type").orElse("");
        if (type.equals("error")) {
            throw new StanzaErrorException("resource binding", answer);
        }
        if (!type.equals("result")) {
            throw new WireProtocolException("server answered resource binding with type='" + type
                    + "' instead of 'result' or 'error'");
        }
        return answer.child("bind", XmppNamespaces.BIND)
                .flatMap(bind -> bind.childText("jid", XmppNamespaces.BIND))
                .map(String::strip).filter(jid -> !jid.isEmpty())
                .orElseThrow(() -> new WireProtocolException("server's resource binding result has no <jid/>"));
    }

    // ---------------------------------------------------------------- receiving

    /** Next top-level element (stanza, nonza or {@code <stream:error/>}), waiting at most the endpoint timeout. */
    public XmlElement next() throws WireException {
        return next(endpoint.timeout());
    }

    public XmlElement next(Duration timeout) throws WireException {
        continueIfPaused();
        long deadline = deadlineAfter(timeout);
        while (true) {
            throwIfEnded("the next element");
            Inbound event = take(deadline);
            if (event == null) {
                throw new WireTimeoutException("no element from " + endpoint.domain() + " within "
                        + Durations.describe(timeout) + pausedHint());
            }
            if (event instanceof Inbound.Element element) {
                return element.element();
            }
        }
    }

    /** First element matching {@code wanted}, skipping others (they remain in {@link #received()}). */
    public XmlElement expect(Predicate<XmlElement> wanted, String description) throws WireException {
        return expect(wanted, description, endpoint.timeout());
    }

    /** @param description what is awaited, for messages: "no DESCRIPTION within 5 s" */
    public XmlElement expect(Predicate<XmlElement> wanted, String description, Duration timeout) throws WireException {
        continueIfPaused();
        long deadline = deadlineAfter(timeout);
        List<XmlElement> skipped = new ArrayList<>();
        while (true) {
            throwIfEnded(description);
            Inbound event = take(deadline);
            if (event == null) {
                throw new WireTimeoutException("no " + description + " within " + Durations.describe(timeout)
                        + describeSkipped(skipped) + pausedHint());
            }
            if (event instanceof Inbound.Element element) {
                if (wanted.test(element.element())) {
                    return element.element();
                }
                skipped.add(element.element());
            }
        }
    }

    /** Waits for {@code <stream:error/>}; returns one that was already skipped if the stream has ended. */
    public StreamError expectStreamError() throws WireException {
        return expectStreamError(endpoint.timeout());
    }

    public StreamError expectStreamError(Duration timeout) throws WireException {
        try {
            return StreamError.from(expect(StreamError::isStreamError, "<stream:error/>", timeout));
        } catch (StreamClosedException e) {
            if (lastStreamError != null) {
                return lastStreamError;
            }
            throw e;
        }
    }

    /** Waits for the server to end the stream and reports how it did; elements before that are skipped. */
    public Closure awaitClosure() throws WireException {
        return awaitClosure(endpoint.timeout());
    }

    public Closure awaitClosure(Duration timeout) throws WireException {
        continueIfPaused();
        resumeIfPaused(); // a paused reader could not notice the end of the connection
        long deadline = deadlineAfter(timeout);
        while (true) {
            if (readFailure != null) {
                throw readFailure;
            }
            if (eofReceived) {
                return closingTagReceived ? Closure.CLOSING_TAG_THEN_EOF : Closure.EOF;
            }
            throwIfClosedLocally("the server to close the stream");
            if (take(deadline) == null) {
                return closingTagReceived ? Closure.CLOSING_TAG : Closure.TIMEOUT;
            }
        }
    }

    /**
     * Top-level elements taken from the reader so far (the latest 10,000), in arrival order, including
     * ones {@link #expect} skipped.
     */
    public List<XmlElement> received() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    public Optional<StreamError> lastStreamError() {
        return Optional.ofNullable(lastStreamError);
    }

    public boolean isTls() {
        return socket instanceof SSLSocket;
    }

    public Optional<SSLSession> tlsSession() {
        return socket instanceof SSLSocket tls ? Optional.of(tls.getSession()) : Optional.empty();
    }

    /**
     * The TLS channel binding of this type ("tls-unique", "tls-exporter", "tls-server-end-point"), for SASL mechanisms
     * that bind to the channel; empty before TLS or when this connection cannot export that type (see
     * {@link ChannelBindings}: only connections made with {@link ChannelBindings#sslContext} export the first two).
     */
    public Optional<byte[]> channelBinding(String type) {
        return socket instanceof SSLSocket tls ? ChannelBindings.of(tls, type) : Optional.empty();
    }

    /** What the TLS handshake settled on (protocol, cipher suite, ALPN, the peer's certificates); empty before TLS. */
    public Optional<NegotiatedTls> negotiatedTls() {
        return Optional.ofNullable(negotiatedTls);
    }

    /** True for a connection a listener accepted ({@link #accepted}). */
    public boolean isAccepting() {
        return accepting;
    }

    /** Closes the connection without a closing tag; idempotent, never throws. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeQuietly(socket);
            traffic.note("connection closed locally");
            // If the queue is full nobody is blocked on it, and the caller checks the closed flag anyway.
            inbound.offer(new Inbound.LocalClose());
        }
    }

    /**
     * Drops the connection the way a network outage would: no closing tag, no TLS close_notify, and a TCP reset
     * instead of an orderly FIN, so the peer learns only that the connection is gone. Idempotent, never throws.
     */
    public void abort() {
        if (closed.compareAndSet(false, true)) {
            Socket under = tcp != null ? tcp : socket;
            try {
                under.setSoLinger(true, 0);
            } catch (IOException ignored) {
                // Without the linger option the close below still ends the connection, with a FIN.
            }
            closeQuietly(under);
            traffic.note("connection dropped locally (TCP reset, no closing tag)");
            inbound.offer(new Inbound.LocalClose());
        }
    }

    // ---------------------------------------------------------------- internals

    private static Socket openSocket(WireEndpoint endpoint) throws WireConnectException {
        InetSocketAddress address = new InetSocketAddress(endpoint.host(), endpoint.port());
        if (address.isUnresolved()) {
            throw new WireConnectException("cannot connect to " + endpoint.address() + ": unknown host", null);
        }
        Socket socket = new Socket();
        try {
            socket.connect(address, millis(endpoint.timeout()));
            socket.setTcpNoDelay(true); // tests send small pieces on purpose; don't let Nagle merge them
            return socket;
        } catch (SocketTimeoutException e) {
            closeQuietly(socket);
            throw new WireConnectException("cannot connect to " + endpoint.address() + ": no answer within "
                    + Durations.describe(endpoint.timeout()), e);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new WireConnectException("cannot connect to " + endpoint.address() + ": " + describe(e), e);
        }
    }

    private void useSocket(Socket newSocket) throws WireException {
        socket = newSocket;
        try {
            out = newSocket.getOutputStream();
        } catch (IOException e) {
            close();
            throw new WireException("cannot write to " + endpoint.address() + ": " + describe(e), e);
        }
    }

    private void startReader(byte[] firstBytes) throws WireException {
        InputStream in = socketInput();
        parser = new HardenedStreamParser(HardenedStreamParser.Mode.STREAM, limits, new ParserEvents(),
                accepting ? "peer sent" : "server sent");
        startThread(new InboundReader(in, firstBytes, parser, this::readerEvent, traffic::received, closed::get));
    }

    private InputStream socketInput() throws WireException {
        try {
            return socket.getInputStream();
        } catch (IOException e) {
            close();
            throw new WireException("cannot read from " + endpoint.address() + ": " + describe(e), e);
        }
    }

    private void startThread(InboundReader body) {
        Thread reader = new Thread(body, "wire-reader-" + endpoint.domain());
        reader.setDaemon(true);
        reader.start();
    }

    private void tlsEstablished(SSLSocket tls) {
        negotiatedTls = NegotiatedTls.of(tls);
        traffic.note(negotiatedTls.describe());
    }

    /**
     * Accepting side, before reading on: a SASL step paused the reader, and the peer did not restart the stream
     * (no {@code <success/>} was sent, or the peer is still speaking), so the same parser goes on.
     */
    private void continueIfPaused() throws WireException {
        if (!accepting || restartTrigger == null || restartTrigger.is("starttls", XmppNamespaces.TLS)) {
            return;
        }
        awaitReaderPause();
        startThread(InboundReader.resuming(socketInput(), parser, this::readerEvent, traffic::received, closed::get));
    }

    /** Called on the reader thread. */
    private void readerEvent(Inbound event) {
        if (event instanceof Inbound.Eof eof) {
            traffic.note("connection closed by server" + (eof.detail() == null ? "" : ": " + eof.detail()));
        }
        enqueue(event);
    }

    /** Reader thread: blocks while the caller is behind, but gives up once the stream is closed locally. */
    private void enqueue(Inbound event) {
        try {
            while (!inbound.offer(event, 100, TimeUnit.MILLISECONDS)) {
                if (closed.get()) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Parser callbacks, on the reader thread: transcript first, so it is timestamped on arrival. */
    private final class ParserEvents implements HardenedStreamParser.Handler {
        @Override
        public void streamHeader(StreamHeader header) {
            traffic.received(header.raw());
            enqueue(new Inbound.Header(header));
        }

        @Override
        public boolean topLevelElement(XmlElement element, String raw) {
            traffic.received(raw);
            enqueue(new Inbound.Element(element));
            return !endsParserSegment(element);
        }

        @Override
        public void closingTag(String raw) {
            traffic.received(raw);
            enqueue(new Inbound.ClosingTag());
        }
    }

    /**
     * After these the next bytes may be TLS or a new stream, so the current parser must not touch them. On the
     * accepting side that is not known yet when a SASL step arrives; {@link #continueIfPaused} goes on if not.
     */
    private boolean endsParserSegment(XmlElement element) {
        if (accepting) {
            return element.is("starttls", XmppNamespaces.TLS) || element.is("auth", XmppNamespaces.SASL)
                    || element.is("response", XmppNamespaces.SASL);
        }
        return element.is("proceed", XmppNamespaces.TLS) || element.is("success", XmppNamespaces.SASL);
    }

    /** Next reader event, with its effect on the stream state recorded; null if the deadline passed. */
    private Inbound take(long deadlineNanos) throws WireException {
        Inbound event;
        try {
            long remaining = deadlineNanos - System.nanoTime();
            event = remaining > 0 ? inbound.poll(remaining, TimeUnit.NANOSECONDS) : inbound.poll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted while waiting for " + endpoint.domain(), e);
        }
        if (event != null) {
            record(event);
        }
        return event;
    }

    private void record(Inbound event) {
        if (event instanceof Inbound.Header header) {
            unreadHeader = header.header();
        } else if (event instanceof Inbound.Element element) {
            XmlElement e = element.element();
            synchronized (received) {
                if (received.size() == MAX_REMEMBERED_ELEMENTS) {
                    received.removeFirst();
                }
                received.addLast(e);
            }
            if (endsParserSegment(e)) {
                restartTrigger = e;
            }
            if (StreamError.isStreamError(e)) {
                lastStreamError = StreamError.from(e);
            }
        } else if (event instanceof Inbound.ClosingTag) {
            closingTagReceived = true;
        } else if (event instanceof Inbound.Eof eof) {
            eofReceived = true;
            eofDetail = eof.detail();
        } else if (event instanceof Inbound.Failure failure) {
            readFailure = failure.error();
        } else if (event instanceof Inbound.Paused paused) {
            pausedUnconsumed = paused.unconsumed();
        }
    }

    /** After {@code <success/>} (or a {@code <proceed/>} the test chose not to act on), parse on with a new parser. */
    private void resumeIfPaused() throws WireException {
        if (restartTrigger != null) {
            startReader(awaitReaderPause());
        }
    }

    private static byte[] withoutLeadingWhitespace(byte[] bytes) {
        int start = 0;
        while (start < bytes.length && (bytes[start] == ' ' || bytes[start] == '\n' || bytes[start] == '\r'
                || bytes[start] == '\t')) {
            start++;
        }
        return start == 0 ? bytes : Arrays.copyOfRange(bytes, start, bytes.length);
    }

    /** The reader stops right after the restart trigger; collect the bytes it did not consume. */
    private byte[] awaitReaderPause() throws WireException {
        long deadline = deadlineAfter(endpoint.timeout());
        while (pausedUnconsumed == null) {
            throwIfClosedLocally("the reader to pause");
            if (take(deadline) == null) {
                throw new WireTimeoutException("reader did not pause after <" + restartTrigger.name() + "/> within "
                        + Durations.describe(endpoint.timeout()));
            }
        }
        byte[] unconsumed = pausedUnconsumed;
        pausedUnconsumed = null;
        restartTrigger = null;
        return unconsumed;
    }

    private void throwIfEnded(String awaited) throws WireException {
        if (readFailure != null) {
            throw readFailure;
        }
        if (closingTagReceived || eofReceived) {
            throw new StreamClosedException(describeEnd() + " while waiting for " + awaited, closingTagReceived);
        }
        throwIfClosedLocally(awaited);
    }

    private void throwIfClosedLocally(String awaited) throws WireException {
        if (closed.get()) {
            throw new WireException("the stream was closed locally while waiting for " + awaited);
        }
    }

    private String describeEnd() {
        String end;
        if (closingTagReceived) {
            end = "server closed the stream with </stream:stream>" + (eofReceived ? " and the connection" : "");
        } else {
            end = "server closed the connection" + (eofDetail == null ? "" : " (" + eofDetail + ")")
                    + " without </stream:stream>";
        }
        return lastStreamError == null ? end : end + " after stream error " + lastStreamError.describe();
    }

    private String pausedHint() {
        return restartTrigger == null ? ""
                : " (reading is paused after <" + restartTrigger.name() + "/> until the stream is restarted)";
    }

    private static String describeSkipped(List<XmlElement> skipped) {
        if (skipped.isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder(" (received instead: ");
        for (int i = 0; i < Math.min(skipped.size(), MAX_SKIPPED_IN_MESSAGE); i++) {
            text.append(i == 0 ? "" : ", ").append('<').append(skipped.get(i).qualifiedName()).append("/>");
        }
        if (skipped.size() > MAX_SKIPPED_IN_MESSAGE) {
            text.append(" and ").append(skipped.size() - MAX_SKIPPED_IN_MESSAGE).append(" more");
        }
        return text.append(')').toString();
    }

    private void write(byte[] bytes, String transcriptText) throws WireException {
        if (closed.get()) {
            throw new WireException("cannot send to " + endpoint.address() + ": the stream was closed locally");
        }
        synchronized (writeLock) {
            writes.incrementAndGet();
            traffic.sent(transcriptText); // before writing, so the transcript never shows the answer first
            try {
                out.write(bytes);
                out.flush();
            } catch (IOException e) {
                throw new WireException("cannot send to " + endpoint.address() + ": " + describe(e), e);
            }
        }
    }

    private static long deadlineAfter(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    private static int millis(Duration d) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, d.toMillis()));
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // Closing is best effort; nothing useful to report.
        }
    }
}
