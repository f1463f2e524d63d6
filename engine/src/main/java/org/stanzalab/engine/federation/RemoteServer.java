package org.stanzalab.engine.federation;

import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.stanzalab.engine.WireTranscript;
import org.stanzalab.engine.target.Federation;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.transcript.Transcript;
import org.stanzalab.wire.NegotiatedTls;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.Dialback;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * The tool as a remote XMPP server for one domain (say {@code expired.tool.test}), presenting the certificate the
 * test chose. Made by {@code lab.remoteServer(domain, identity)}, it listens from the start (on the run's tool
 * address, shared with the other domains of the run) and is closed with the test.
 *
 * <p>Two directions:
 * <ul>
 * <li>{@link #connectOut}: the tool connects to the server under test as this domain (STARTTLS or direct TLS,
 * presenting its certificate as a client certificate) and authenticates with SASL EXTERNAL or dialback; the result
 * says whether the server accepted it and, if not, how it refused.</li>
 * <li>Incoming: the server under test connects to this domain (because a user wrote to someone here, or to check a
 * dialback key). The tool answers as a receiving server that accepts whatever the peer proves, so that the only
 * thing that can keep a stanza from arriving is the server under test's own judgement of this domain's
 * certificate; {@link #awaitStanza} waits for what arrives, {@link #incomingConnections()} tells whether it
 * connected at all.</li>
 * </ul>
 * Dialback keys asked about ({@code <db:verify/>}) are answered valid for keys this domain made (its
 * {@link #secret()}), unless {@link #answerVerifyInvalid()} says to call every key invalid.
 */
public final class RemoteServer implements AutoCloseable {
    /** How the tool secures its stream to the server under test. */
    public enum Tls {
        STARTTLS("starttls"), DIRECT("direct-tls");

        private final String label;

        Tls(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /** How the tool authenticates the stream as its domain. */
    public enum Auth { EXTERNAL, DIALBACK }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String domain;
    private final ServerIdentity identity;
    private final CertKit peerCa;
    private final Target target;
    private final Transcript transcript;
    private final AtomicInteger streams;
    private final String secret = randomId(18);
    private final List<XmlElement> stanzas = new CopyOnWriteArrayList<>();
    private final List<WireStream> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger incoming = new AtomicInteger();
    private final Object arrivals = new Object();
    private final List<DialbackKey> dialbackKeys = new CopyOnWriteArrayList<>();
    private final List<Incoming> incomingStreams = new CopyOnWriteArrayList<>();
    private volatile boolean verifyValid = true;
    private volatile boolean offerExternal = true;
    private volatile boolean closed;

    /**
     * For {@code Lab}; registers the domain with the run's tool listener at once.
     *
     * @param streams numbers the test's streams, so each has its own label in the transcript
     */
    public RemoteServer(String domain, ServerIdentity identity, CertKit peerCa, Target target, Transcript transcript,
                        AtomicInteger streams) {
        this.domain = domain;
        this.identity = identity;
        this.peerCa = peerCa;
        this.target = target;
        this.transcript = transcript;
        this.streams = streams;
        Federation federation = target.services().federation();
        ToolListener.register(federation.toolAddress(), federation.toolPort(), this, target.timeouts().testCeiling().dividedBy(2));
        transcript.note(label(), "the tool serves " + domain + " on " + federation.toolAddress() + ":" + federation.toolPort()
                + " with the certificate " + describe(identity.certificate()));
    }

    public String domain() {
        return domain;
    }

    public ServerIdentity identity() {
        return identity;
    }

    /** The secret this domain's dialback keys are made with (XEP-0185). */
    public String secret() {
        return secret;
    }

    /**
     * From now on every {@code <db:verify/>} is answered invalid: the authoritative server for this domain denies
     * the key, so a server that still accepts the stream did not rely on dialback.
     */
    public RemoteServer answerVerifyInvalid() {
        verifyValid = false;
        return this;
    }

    /**
     * From now on the streams the server under test opens to this domain are offered dialback only, not SASL
     * EXTERNAL, so a server that can originate dialback has to send its key ({@link #awaitDialbackKey}).
     */
    public RemoteServer offerDialbackOnly() {
        offerExternal = false;
        return this;
    }

    // ---------------------------------------------------------------- the tool connects out

    /**
     * What came of {@link #connectOut}: an authenticated stream, or how the server refused.
     *
     * @param securedFeatures       the features the server offered on the secured stream; null when it refused
     *                              before offering any (TLS alert, stream error, closed connection)
     * @param authenticatedFeatures the features offered on the stream restarted after SASL; null after dialback
     *                              (no restart) or a refusal
     */
    public record Outgoing(WireStream stream, String refusal, XmlElement securedFeatures, XmlElement authenticatedFeatures) {
        Outgoing(WireStream stream, String refusal, XmlElement securedFeatures) {
            this(stream, refusal, securedFeatures, null);
        }

        public boolean authenticated() {
            return stream != null;
        }

        /** The SASL mechanisms offered on the secured stream (none if it never got that far). */
        public List<String> mechanismsOffered() {
            return securedFeatures == null ? List.of() : securedFeatures.child("mechanisms", XmppNamespaces.SASL)
                    .map(m -> m.children().stream().filter(c -> c.name().equals("mechanism")).map(c -> c.text().strip())
                            .toList()).orElse(List.of());
        }

        /**
         * Whether the server, having got as far as offering features on the secured stream, left dialback out of
         * them (XEP-0220 §2.5: the stream feature, or at least the dialback namespace on its header): it cannot be
         * asked to accept a peer by dialback. False when it refused before offering features.
         */
        public boolean dialbackNotOffered() {
            return securedFeatures != null && !securedFeatures.hasChild("dialback", "urn:xmpp:features:dialback");
        }

        /** Sends a stanza on the authenticated stream. */
        public void send(String xml) throws WireException {
            if (stream == null) {
                throw new IllegalStateException("the stream was not authenticated: " + refusal);
            }
            stream.send(xml);
        }
    }

    /**
     * Connects to the server under test as this domain, secures the stream with {@code tls} (presenting this
     * domain's certificate) and authenticates with {@code auth}. SASL EXTERNAL is tried even when not offered (a
     * server must refuse it then too); dialback is sent whether or not the feature is advertised.
     *
     * @return the authenticated stream, or the server's refusal in words (TLS alert, stream error, SASL failure,
     * dialback type='invalid', the connection closed)
     * @throws org.stanzalab.engine.Impossible when the server has no port for {@code tls}
     * @throws org.stanzalab.engine.TestError  when the tool itself could not connect or did not trust the server
     */
    public Outgoing connectOut(Tls tls, Auth auth) {
        return connectOut(tls, auth, false);
    }

    /**
     * As {@link #connectOut(Tls, Auth)}; with {@code requestBidi} the tool asks for a bidirectional stream
     * (XEP-0288 {@code <bidi/>}) on the secured stream before authenticating, whether or not it is offered.
     */
    public Outgoing connectOut(Tls tls, Auth auth, boolean requestBidi) {
        String label = "s2s-out#" + streams.incrementAndGet() + " (" + domain + ")";
        WireStream stream;
        try {
            stream = dial(tls, label, "to authenticate with " + auth + (requestBidi ? ", bidirectional" : ""));
        } catch (WireTlsException e) {
            return refusedOrError(label, "the TLS handshake failed: " + e.getMessage(), e);
        }
        XmlElement secured = null;
        try {
            StreamHeader header = openServerStream(stream);
            XmlElement features = stream.readFeatures();
            if (tls == Tls.STARTTLS) {
                if (!features.hasChild("starttls", XmppNamespaces.TLS)) {
                    throw new org.stanzalab.engine.TestError(label + ": the server offers no STARTTLS on its s2s port: "
                            + features.toXml());
                }
                stream.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
                XmlElement answer = stream.expect(e -> e.namespace().equals(XmppNamespaces.TLS), "<proceed/>");
                if (!answer.name().equals("proceed")) {
                    return new Outgoing(null, "answered <starttls/> with " + answer.toXml(), null);
                }
                try {
                    stream.upgradeToTls();
                } catch (WireTlsException e) {
                    return refusedOrError(label, "the TLS handshake failed: " + e.getMessage(), e);
                }
                header = openServerStream(stream);
                features = stream.readFeatures();
            }
            secured = features;
            if (requestBidi) {
                stream.send("<bidi xmlns='" + BIDI + "'/>");
            }
            return auth == Auth.EXTERNAL ? external(stream, features) : dialback(stream, header, features);
        } catch (StreamClosedException e) {
            return new Outgoing(null, stream.lastStreamError().map(se -> "stream error <" + se.condition() + "/>"
                    + (se.text() == null ? "" : " (" + se.text() + ")")).orElse("closed the connection: " + e.getMessage()),
                    secured);
        } catch (WireTlsException e) {
            return refusedOrError(label, "TLS failed: " + e.getMessage(), e);
        } catch (WireTimeoutException e) {
            return new Outgoing(null, "no answer: " + e.getMessage(), secured);
        } catch (WireException e) {
            return new Outgoing(null, "the stream ended: " + e.getMessage(), secured);
        }
    }

    /** XEP-0288: the namespace of the {@code <bidi/>} request; its stream feature is {@link #BIDI_FEATURE}. */
    public static final String BIDI = "urn:xmpp:bidi";
    public static final String BIDI_FEATURE = "urn:xmpp:features:bidi";

    /**
     * A stream the tool opened and secured as this domain, not authenticated: for tests of what a server does with
     * what arrives before authentication, or with a header of their own.
     *
     * @param header   the server's response header on the secured stream
     * @param features the features it offered there
     */
    public record Secured(WireStream stream, StreamHeader header, XmlElement features) {
    }

    /**
     * Connects and secures a stream as this domain (STARTTLS, or direct TLS), without authenticating.
     *
     * @param securedTo the {@code to} of the header on the secured stream (null leaves it out); the first header
     *                  of a STARTTLS stream always names the server under test
     * @throws org.stanzalab.engine.TestError when the server does not get that far with a certificate it trusts
     */
    public Secured secureOut(Tls tls, String securedTo) {
        WireStream stream = connectSecured(tls);
        try {
            sendHeader(stream, domain, securedTo);
            StreamHeader header = stream.readStreamHeader();
            return new Secured(stream, header, stream.readFeatures());
        } catch (WireException e) {
            throw new org.stanzalab.engine.TestError("not run: the tool could not open a secured stream to "
                    + target.domain() + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection to the server's s2s port secured with TLS (after STARTTLS on a first stream that names the
     * server under test, or direct TLS), before the secured stream's header: the test writes it ({@link #sendHeader}).
     */
    public WireStream connectSecured(Tls tls) {
        WireStream stream = connectRaw(tls);
        if (tls == Tls.STARTTLS) {
            try {
                openServerStream(stream);
                stream.readFeatures();
                stream.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
                stream.expect(e -> e.is("proceed", XmppNamespaces.TLS), "<proceed/>");
                stream.upgradeToTls();
            } catch (WireException e) {
                throw new org.stanzalab.engine.TestError("not run: STARTTLS to " + target.domain() + " as " + domain
                        + " did not work out: " + e.getMessage(), e);
            }
        }
        return stream;
    }

    /**
     * A connection to the server's s2s port ({@link Tls#DIRECT}: with the TLS handshake done), before any stream
     * header: the test writes the header itself ({@link #sendHeader}).
     */
    public WireStream connectRaw(Tls tls) {
        String label = "s2s-out#" + streams.incrementAndGet() + " (" + domain + ")";
        try {
            return dial(tls, label, "with a header of the test's own");
        } catch (WireTlsException e) {
            throw new org.stanzalab.engine.TestError("not run: " + label + ": the TLS handshake failed: " + e.getMessage(), e);
        }
    }

    /** A {@code jabber:server} stream header with the dialback prefix; a null {@code from} or {@code to} is left out. */
    public static void sendHeader(WireStream stream, String from, String to) throws WireException {
        stream.send("<?xml version='1.0'?><stream:stream xmlns='" + ServerNamespaces.SERVER + "' xmlns:stream='"
                + XmppNamespaces.STREAMS + "' xmlns:db='" + ServerNamespaces.DIALBACK + "'"
                + (from == null ? "" : " from='" + XmlEscape.attribute(from) + "'")
                + (to == null ? "" : " to='" + XmlEscape.attribute(to) + "'") + " version='1.0'>");
    }

    /** Opens the TCP connection (and for direct TLS the handshake), with a transcript under {@code label}. */
    private WireStream dial(Tls tls, String label, String purpose) throws WireTlsException {
        Federation federation = target.services().federation();
        int port;
        if (tls == Tls.DIRECT) {
            if (federation.s2sDirectTlsPort().isEmpty()) {
                throw new org.stanzalab.engine.Impossible("no server-to-server direct TLS port is configured"
                        + " (s2s-direct-tls-port / --s2s-direct-tls-port; XEP-0368)");
            }
            port = federation.s2sDirectTlsPort().getAsInt();
        } else {
            port = federation.s2sPort();
        }
        Duration wait = target.timeouts().reply().multipliedBy(2);
        WireEndpoint endpoint = new WireEndpoint(target.host(), port, target.domain(), peerCa.clientContext(identity), true,
                wait, TlsOptions.DEFAULT.withApplicationProtocols("xmpp-server"));
        transcript.note(label, (tls == Tls.DIRECT ? "direct TLS to " : "connecting to ") + endpoint.address()
                + " as " + domain + ", " + purpose);
        WireStream stream;
        try {
            stream = tls == Tls.DIRECT ? WireStream.connectDirectTls(endpoint) : WireStream.connect(endpoint);
        } catch (WireTlsException e) {
            throw e;
        } catch (WireException e) {
            throw new org.stanzalab.engine.TestError(label + ": cannot connect to " + endpoint.address() + ": " + e.getMessage(), e);
        }
        open.add(stream);
        stream.onTraffic(new WireTranscript(transcript, label));
        return stream;
    }

    /**
     * A handshake that failed because the server sent an alert (it refused our certificate) is its answer; one
     * that failed because the tool did not trust the server's certificate is the tool's problem.
     */
    private static Outgoing refusedOrError(String label, String what, WireException e) {
        String message = String.valueOf(e.getMessage()) + (e.getCause() == null ? "" : " " + e.getCause());
        if (message.contains("PKIX") || message.contains("No subject alternative") || message.contains("No name matching")) {
            throw new org.stanzalab.engine.TestError(label + ": the tool does not trust the server's own certificate"
                    + " (is peer-ca the CA of the server's certificate too?): " + e.getMessage(), e);
        }
        return new Outgoing(null, what, null);
    }

    private StreamHeader openServerStream(WireStream stream) throws WireException {
        sendHeader(stream, domain, target.domain());
        return stream.readStreamHeader();
    }

    private Outgoing external(WireStream stream, XmlElement features) throws WireException {
        Outgoing offered = new Outgoing(null, null, features);
        stream.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='EXTERNAL'>=</auth>");
        XmlElement answer = stream.expect(e -> e.namespace().equals(XmppNamespaces.SASL)
                && (e.name().equals("success") || e.name().equals("failure")), "<success/> or <failure/>");
        if (answer.name().equals("failure")) {
            return new Outgoing(null, "SASL " + answer.toXml() + (offered.mechanismsOffered().contains("EXTERNAL") ? ""
                    : " (EXTERNAL was not offered: " + offered.mechanismsOffered() + ")"), features);
        }
        openServerStream(stream);
        return new Outgoing(stream, null, features, stream.readFeatures());
    }

    private Outgoing dialback(WireStream stream, StreamHeader header, XmlElement features) throws WireException {
        String key = Dialback.key(secret, target.domain(), domain, header.id());
        stream.send("<db:result from='" + XmlEscape.attribute(domain) + "' to='" + XmlEscape.attribute(target.domain())
                + "'>" + key + "</db:result>");
        XmlElement answer = stream.expect(e -> e.is("result", ServerNamespaces.DIALBACK), "<db:result/> answering ours",
                target.timeouts().reply().multipliedBy(3));
        if (!"valid".equals(answer.attribute("type").orElse(""))) {
            return new Outgoing(null, "dialback " + answer.toXml(), features);
        }
        return new Outgoing(stream, null, features);
    }

    // ---------------------------------------------------------------- the server under test connects in

    /** How many connections the server under test opened to this domain so far. */
    public int incomingConnections() {
        return incoming.get();
    }

    /**
     * A stream the server under test opened to this domain, as it was after TLS.
     *
     * @param securedHeader    its stream header on the secured stream
     * @param peerCertificates the certificate chain it presented in TLS (empty if none)
     */
    public record Incoming(StreamHeader securedHeader, List<X509Certificate> peerCertificates) {
    }

    /** The streams the server under test opened to this domain and secured with TLS, so far. */
    public List<Incoming> incomingStreams() {
        return List.copyOf(incomingStreams);
    }

    /** Stanzas that arrived on the server under test's streams to this domain so far. */
    public List<XmlElement> stanzas() {
        return List.copyOf(stanzas);
    }

    /**
     * A dialback key the server under test sent on a stream it opened to this domain (XEP-0220 {@code <db:result/>}).
     *
     * @param originating the domain it wants to be believed as (the {@code from})
     * @param receiving   this domain (the {@code to})
     * @param streamId    the id of the stream this side opened for it: the key is bound to it
     */
    public record DialbackKey(String originating, String receiving, String streamId, String key) {
    }

    /** The first dialback key the server under test sends to this domain (or already sent), within {@code timeout}. */
    public Optional<DialbackKey> awaitDialbackKey(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (dialbackKeys.isEmpty()) {
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return Optional.empty();
                }
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
            return Optional.of(dialbackKeys.get(0));
        }
    }

    /** The first stanza that arrived (or arrives within {@code timeout}) matching {@code wanted}. */
    public Optional<XmlElement> awaitStanza(Predicate<XmlElement> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (arrivals) {
            while (true) {
                for (XmlElement stanza : stanzas) {
                    if (wanted.test(stanza)) {
                        return Optional.of(stanza);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return Optional.empty();
                }
                try {
                    arrivals.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    }

    /**
     * One connection from the server under test, its header already read by the listener: the receiving (or
     * authoritative) server's part. STARTTLS is required; after it SASL EXTERNAL is offered when the peer's
     * certificate names it and chains to the peer CA, and dialback always; every {@code <db:result/>} is answered
     * valid (the tool does not call back: it accepts whatever the peer claims, so only the peer's own checks
     * decide), {@code <db:verify/>} by {@link #secret()}.
     */
    void handle(WireStream wire, StreamHeader header) {
        String label = "s2s-in#" + streams.incrementAndGet() + " (" + domain + ")";
        incoming.incrementAndGet();
        open.add(wire);
        wire.onTraffic(new WireTranscript(transcript, label));
        transcript.note(label, "the server under test connected to " + domain + " (stream from "
                + (header.from() == null ? "nobody" : header.from()) + ")");
        try {
            sendHeader(wire, header);
            wire.send("<stream:features><starttls xmlns='" + XmppNamespaces.TLS + "'><required/></starttls></stream:features>");
            XmlElement first = wire.next();
            if (!first.is("starttls", XmppNamespaces.TLS)) {
                transcript.note(label, "the server did not start TLS; closing");
                wire.closeStream();
                return;
            }
            wire.send("<proceed xmlns='" + XmppNamespaces.TLS + "'/>");
            try {
                wire.acceptTls(identity.serverContext(), TlsOptions.DEFAULT);
            } catch (WireTlsException e) {
                transcript.note(label, "the TLS handshake failed (the server under test refused " + domain
                        + "'s certificate?): " + e.getMessage());
                return;
            }
            StreamHeader secured = wire.readStreamHeader();
            String responseId = sendHeader(wire, secured);
            List<X509Certificate> chain = wire.negotiatedTls().map(NegotiatedTls::peerCertificates).orElse(List.of());
            incomingStreams.add(new Incoming(secured, chain));
            boolean external = offerExternal && secured.from() != null && peerCa.checkPeer(chain, secured.from()).isEmpty();
            wire.send("<stream:features>" + (external ? "<mechanisms xmlns='" + XmppNamespaces.SASL
                    + "'><mechanism>EXTERNAL</mechanism></mechanisms>" : "")
                    + "<dialback xmlns='urn:xmpp:features:dialback'><errors/></dialback></stream:features>");
            serve(wire, label, secured, chain, responseId);
        } catch (StreamClosedException e) {
            transcript.note(label, "the server under test closed the stream");
        } catch (WireException | RuntimeException e) {
            transcript.note(label, "stream ended: " + e.getMessage());
        } finally {
            wire.close();
        }
    }

    private void serve(WireStream wire, String label, StreamHeader secured, List<X509Certificate> chain,
                       String streamId) throws WireException {
        while (!closed) {
            XmlElement element;
            try {
                element = wire.next(target.timeouts().testCeiling());
            } catch (WireTimeoutException idle) {
                return;
            }
            if (element.is("auth", XmppNamespaces.SASL)) {
                String claimed = secured.from();
                if (claimed != null && peerCa.checkPeer(chain, claimed).isEmpty()) {
                    wire.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
                    StreamHeader restarted = wire.readStreamHeader();
                    sendHeader(wire, restarted);
                    wire.send("<stream:features/>");
                } else {
                    wire.send("<failure xmlns='" + XmppNamespaces.SASL + "'><not-authorized/></failure>");
                }
            } else if (element.is("result", ServerNamespaces.DIALBACK)) {
                synchronized (arrivals) {
                    dialbackKeys.add(new DialbackKey(element.attribute("from").orElse(""), element.attribute("to").orElse(""),
                            streamId, element.text().strip()));
                    arrivals.notifyAll();
                }
                wire.send("<db:result from='" + XmlEscape.attribute(element.attribute("to").orElse(domain)) + "' to='"
                        + XmlEscape.attribute(element.attribute("from").orElse("")) + "' type='valid'/>");
            } else if (element.is("verify", ServerNamespaces.DIALBACK)) {
                String from = element.attribute("from").orElse("");
                String to = element.attribute("to").orElse("");
                String id = element.attribute("id").orElse("");
                boolean valid = verifyValid && Dialback.key(secret, from, to, id).equals(element.text().strip());
                transcript.note(label, "answering the key check " + (valid ? "valid" : "invalid")
                        + (verifyValid ? "" : " (this test denies every key of " + domain + ")"));
                wire.send("<db:verify from='" + XmlEscape.attribute(to) + "' to='" + XmlEscape.attribute(from) + "' id='"
                        + XmlEscape.attribute(id) + "' type='" + (valid ? "valid" : "invalid") + "'/>");
            } else if (StreamError.isStreamError(element)) {
                return;
            } else if (element.namespace().equals(ServerNamespaces.SERVER)) {
                synchronized (arrivals) {
                    stanzas.add(element);
                    arrivals.notifyAll();
                }
                if (element.name().equals("iq") && ("get".equals(element.attribute("type").orElse(""))
                        || "set".equals(element.attribute("type").orElse("")))) {
                    wire.send("<iq type='error' from='" + XmlEscape.attribute(element.attribute("to").orElse(domain))
                            + "' to='" + XmlEscape.attribute(element.attribute("from").orElse("")) + "' id='"
                            + XmlEscape.attribute(element.attribute("id").orElse("")) + "'><error type='cancel'>"
                            + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
                }
            }
        }
    }

    /** @return the id of the stream this side opened */
    private String sendHeader(WireStream wire, StreamHeader peer) throws WireException {
        String id = randomId(12);
        wire.send("<?xml version='1.0'?><stream:stream xmlns='" + ServerNamespaces.SERVER + "' xmlns:stream='"
                + XmppNamespaces.STREAMS + "' xmlns:db='" + ServerNamespaces.DIALBACK + "' id='" + id
                + "' from='" + XmlEscape.attribute(domain) + "'"
                + (peer.from() == null ? "" : " to='" + XmlEscape.attribute(peer.from()) + "'")
                + " version='1.0' xml:lang='en'>");
        return id;
    }

    private String label() {
        return "remote " + domain;
    }

    private static String describe(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName() + " issued by "
                + certificate.getIssuerX500Principal().getName() + ", valid " + certificate.getNotBefore().toInstant()
                + " to " + certificate.getNotAfter().toInstant();
    }

    private static String randomId(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    /** Stops serving this domain and closes its streams; never throws. */
    @Override
    public void close() {
        closed = true;
        synchronized (arrivals) {
            arrivals.notifyAll();
        }
        Federation federation = target.services().federation();
        ToolListener.unregister(federation.toolAddress(), federation.toolPort(), this);
        List<WireStream> streamsToClose = new ArrayList<>(open);
        for (WireStream stream : streamsToClose) {
            stream.close();
        }
    }
}
