package org.stanzalab.wire.server;

import org.stanzalab.wire.certs.CertKit;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import org.stanzalab.wire.NegotiatedTls;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramException;
import org.stanzalab.wire.sasl.ScramMechanism;
import org.stanzalab.wire.sasl.ScramServer;

/**
 * One connection accepted by an {@link XmppListener}, scripted by a test: each method performs one step of the
 * server's part (answer the stream header, announce features, STARTTLS, SASL, resource binding, dialback), and
 * {@link #wire()} gives the raw stream for anything else. Every wait is bounded by the listener's timeout.
 */
public final class ServerStream implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ListenerOptions options;
    private final SSLContext tlsContext;
    private final WireStream wire;
    private StreamHeader peerHeader;
    private String streamId;

    ServerStream(ListenerOptions options, SSLContext tlsContext, WireStream wire) {
        this.options = options;
        this.tlsContext = tlsContext;
        this.wire = wire;
    }

    /**
     * Scripts a connection accepted elsewhere (say, a listener serving several domains that learns which one the
     * peer wants from its stream header or TLS server name): this side then serves {@code options}' domain and
     * presents its identity in STARTTLS.
     */
    public static ServerStream adopt(WireStream wire, ListenerOptions options) {
        if (!wire.isAccepting()) {
            throw new IllegalArgumentException("only a connection this side accepted can be served");
        }
        return new ServerStream(options, options.identity() == null ? null : options.identity().serverContext(), wire);
    }

    /** The raw stream: send anything, expect anything, see how it ends. */
    public WireStream wire() {
        return wire;
    }

    /**
     * Byte-accurate transcript, as for client streams, except that a peer's PLAIN credentials and SASL responses
     * are shown as "[redacted]".
     */
    public ServerStream onTraffic(TrafficListener traffic) {
        wire.onTraffic(new RedactedCredentials(traffic));
        return this;
    }

    /** The domain this side serves. */
    public String domain() {
        return options.domain();
    }

    /** The peer's latest stream header; null before one arrived. */
    public StreamHeader peerHeader() {
        return peerHeader;
    }

    /** The id of the stream this side opened last; null before. */
    public String streamId() {
        return streamId;
    }

    public Optional<NegotiatedTls> negotiatedTls() {
        return wire.negotiatedTls();
    }

    public void send(String xml) throws WireException {
        wire.send(xml);
    }

    /** First element matching {@code wanted}, skipping others. */
    public XmlElement expect(Predicate<XmlElement> wanted, String description) throws WireException {
        return wire.expect(wanted, description);
    }

    // ---------------------------------------------------------------- stream setup

    /** The peer's (next) stream header; after STARTTLS or SASL success this is the restarted stream's. */
    public StreamHeader awaitStreamHeader() throws WireException {
        peerHeader = wire.readStreamHeader();
        return peerHeader;
    }

    /**
     * The response stream header (RFC 6120 §4.7) with a fresh id: {@code from} this domain, {@code to} the peer's
     * {@code from} if it sent one, this listener's content namespace, and the dialback prefix on server streams.
     *
     * @return the new stream id
     */
    public String sendStreamHeader() throws WireException {
        byte[] random = new byte[12];
        RANDOM.nextBytes(random);
        streamId = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        String to = peerHeader == null ? null : peerHeader.from();
        boolean server = options.kind() == StreamKind.SERVER;
        wire.send("<?xml version='1.0'?><stream:stream xmlns='" + options.kind().namespace() + "'"
                + " xmlns:stream='" + XmppNamespaces.STREAMS + "'"
                + (server ? " xmlns:db='" + ServerNamespaces.DIALBACK + "'" : "")
                + " id='" + streamId + "' from='" + XmlEscape.attribute(domain()) + "'"
                + (to == null ? "" : " to='" + XmlEscape.attribute(to) + "'")
                + " version='1.0' xml:lang='en'>");
        return streamId;
    }

    public void sendFeatures(StreamFeatures features) throws WireException {
        wire.send(features.toXml());
    }

    /** Awaits the peer's header, answers it and announces {@code features}; returns the peer's header. */
    public StreamHeader openStream(StreamFeatures features) throws WireException {
        StreamHeader header = awaitStreamHeader();
        sendStreamHeader();
        sendFeatures(features);
        return header;
    }

    // ---------------------------------------------------------------- TLS

    /** Awaits {@code <starttls/>}, answers {@code <proceed/>} and does the handshake with the listener's certificate. */
    public void acceptStartTls() throws WireException {
        if (tlsContext == null) {
            throw new IllegalStateException("the listener for " + domain() + " has no identity to present in TLS");
        }
        wire.expect(e -> e.is("starttls", XmppNamespaces.TLS), "<starttls/>");
        wire.send("<proceed xmlns='" + XmppNamespaces.TLS + "'/>");
        wire.acceptTls(tlsContext, options.tls());
    }

    // ---------------------------------------------------------------- SASL

    /**
     * The server's side of one SASL exchange (RFC 6120 §6): PLAIN, SCRAM-SHA-1, SCRAM-SHA-256 or EXTERNAL, as the
     * peer picks; {@code <success/>} ends it. The peer's restarted stream is then read with
     * {@link #awaitStreamHeader()}.
     *
     * <p>Whichever of these the peer picks is answered, offered or not: a test that cares checks the choice itself.
     *
     * @return the authenticated identity: the username, or for EXTERNAL the domain (s2s) or the name (c2s)
     * @throws SaslFailureException after this side sent {@code <failure/>} (wrong credentials, abort, unknown
     *                              mechanism)
     */
    public String acceptSasl(ServerAccounts accounts) throws WireException {
        return answerAuth(wire.expect(e -> e.is("auth", XmppNamespaces.SASL) || e.is("abort", XmppNamespaces.SASL),
                "SASL <auth/>"), accounts);
    }

    private String answerAuth(XmlElement auth, ServerAccounts accounts) throws WireException {
        if (auth.name().equals("abort")) {
            throw fail("none", "aborted", null);
        }
        String mechanism = auth.attribute("mechanism").orElse("");
        byte[] initial = initialResponse(auth, mechanism);
        ScramMechanism scram = ScramMechanism.named(mechanism);
        if (scram != null) {
            return acceptScram(scram, accounts, initial);
        }
        return switch (mechanism) {
            case "PLAIN" -> acceptPlain(accounts, initial);
            case "EXTERNAL" -> acceptExternal(accounts, new String(initial, StandardCharsets.UTF_8));
            default -> throw fail(mechanism, "invalid-mechanism", null);
        };
    }

    private String acceptPlain(ServerAccounts accounts, byte[] message) throws WireException {
        String[] parts = new String(message, StandardCharsets.UTF_8).split("\0", -1);
        if (parts.length != 3) {
            throw fail("PLAIN", "malformed-request", null);
        }
        String authzid = parts[0];
        String username = parts[1];
        if (!accounts.checkPassword(username, parts[2])) {
            throw fail("PLAIN", "not-authorized", null);
        }
        if (!authzid.isEmpty() && !authzid.equals(username + "@" + domain())) {
            throw fail("PLAIN", "invalid-authzid", null);
        }
        wire.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
        return username;
    }

    private String acceptScram(ScramMechanism mechanism, ServerAccounts accounts, byte[] clientFirst)
            throws WireException {
        ScramServer scram = new ScramServer(mechanism, name -> accounts.scram(mechanism, name));
        try {
            String serverFirst = scram.serverFirst(new String(clientFirst, StandardCharsets.UTF_8));
            wire.send("<challenge xmlns='" + XmppNamespaces.SASL + "'>" + base64(serverFirst) + "</challenge>");
            String clientFinal = new String(awaitResponse(mechanism.mechanism()), StandardCharsets.UTF_8);
            String serverFinal = scram.serverFinal(clientFinal);
            wire.send("<success xmlns='" + XmppNamespaces.SASL + "'>" + base64(serverFinal) + "</success>");
            return scram.username();
        } catch (ScramException e) {
            throw fail(mechanism.mechanism(), "not-authorized", e.getMessage());
        }
    }

    /**
     * EXTERNAL (RFC 6120 §6.4, XEP-0178): the peer's TLS certificate must chain to the trusted CA and name the
     * identity claimed: the authzid if given, else the stream's {@code from}.
     */
    private String acceptExternal(ServerAccounts accounts, String authzid) throws WireException {
        String claimed = authzid.isEmpty() ? (peerHeader == null ? null : peerHeader.from()) : authzid;
        Optional<CertKit> trust = accounts.externalTrust();
        List<java.security.cert.X509Certificate> chain = negotiatedTls().map(NegotiatedTls::peerCertificates)
                .orElse(List.of());
        if (claimed == null || trust.isEmpty() || trust.get().checkPeer(chain, claimed).isPresent()) {
            throw fail("EXTERNAL", "not-authorized", null);
        }
        wire.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
        return claimed;
    }

    /** The initial response of {@code <auth/>}; an empty one gets an empty challenge first (RFC 6120 §6.4.2). */
    private byte[] initialResponse(XmlElement auth, String mechanism) throws WireException {
        String text = auth.text().strip();
        if (text.isEmpty()) {
            if (mechanism.equals("EXTERNAL")) {
                return new byte[0]; // no authzid: the stream's from is claimed
            }
            wire.send("<challenge xmlns='" + XmppNamespaces.SASL + "'/>");
            return awaitResponse(mechanism);
        }
        return decode(text, mechanism);
    }

    private byte[] awaitResponse(String mechanism) throws WireException {
        XmlElement response = wire.expect(e -> e.is("response", XmppNamespaces.SASL)
                || e.is("abort", XmppNamespaces.SASL), "SASL <response/>");
        if (response.name().equals("abort")) {
            throw fail(mechanism, "aborted", null);
        }
        return decode(response.text().strip(), mechanism);
    }

    private byte[] decode(String text, String mechanism) throws WireException {
        if (text.equals("=")) {
            return new byte[0];
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw fail(mechanism, "incorrect-encoding", null);
        }
    }

    /** Sends {@code <failure/>} and returns the exception that says so. */
    private SaslFailureException fail(String mechanism, String condition, String reason) throws WireException {
        wire.send("<failure xmlns='" + XmppNamespaces.SASL + "'><" + condition + "/></failure>");
        return new SaslFailureException(mechanism, condition, reason);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    // ---------------------------------------------------------------- client streams

    /**
     * Awaits a resource binding request (RFC 6120 §7) and binds: the requested resource, or a generated one.
     *
     * @return the bound full JID
     */
    public String acceptBind(String username) throws WireException {
        XmlElement iq = wire.expect(e -> e.is("iq", XmppNamespaces.CLIENT) && e.hasChild("bind", XmppNamespaces.BIND),
                "a resource binding <iq/>");
        String resource = iq.child("bind", XmppNamespaces.BIND).flatMap(b -> b.childText("resource", XmppNamespaces.BIND))
                .map(String::strip).filter(r -> !r.isEmpty()).orElseGet(() -> "tool-" + Integer.toHexString(RANDOM.nextInt()));
        String jid = username + "@" + domain() + "/" + resource;
        wire.send("<iq type='result' id='" + XmlEscape.attribute(iq.attribute("id").orElse("")) + "'><bind xmlns='"
                + XmppNamespaces.BIND + "'><jid>" + XmlEscape.text(jid) + "</jid></bind></iq>");
        return jid;
    }

    /**
     * A whole client login as a typical server runs it: STARTTLS (required), SASL with {@code mechanisms} on
     * offer, then resource binding.
     *
     * @return the bound full JID
     */
    public String acceptClientLogin(ServerAccounts accounts, String... mechanisms) throws WireException {
        openStream(StreamFeatures.none().startTls(true));
        acceptStartTls();
        openStream(StreamFeatures.none().mechanisms(mechanisms));
        String username = acceptSasl(accounts);
        openStream(StreamFeatures.none().bind());
        return acceptBind(username);
    }

    // ---------------------------------------------------------------- server streams (dialback)

    /** Awaits {@code <db:result/>} (XEP-0220 §2.1.1): the originating server's key for this stream. */
    public DialbackRequest awaitDialbackResult() throws WireException {
        XmlElement result = wire.expect(e -> e.is("result", ServerNamespaces.DIALBACK), "<db:result/>");
        return new DialbackRequest(result.attribute("from").orElse(null), result.attribute("to").orElse(null), null,
                result.text().strip());
    }

    /** Tells the originating server whether its key was verified (XEP-0220 §2.4). */
    public void answerDialbackResult(DialbackRequest request, boolean valid) throws WireException {
        wire.send("<db:result from='" + XmlEscape.attribute(request.to()) + "' to='" + XmlEscape.attribute(request.from())
                + "' type='" + (valid ? "valid" : "invalid") + "'/>");
    }

    /**
     * Authoritative side (XEP-0220 §2.3): awaits {@code <db:verify/>} on this stream and answers whether the key
     * is the one this side's {@code secret} gives for that stream id.
     *
     * @return whether the key was valid
     */
    public boolean answerDialbackVerify(String secret) throws WireException {
        XmlElement verify = wire.expect(e -> e.is("verify", ServerNamespaces.DIALBACK), "<db:verify/>");
        String from = verify.attribute("from").orElse("");
        String to = verify.attribute("to").orElse("");
        String id = verify.attribute("id").orElse("");
        boolean valid = Dialback.key(secret, from, to, id).equals(verify.text().strip());
        wire.send("<db:verify from='" + XmlEscape.attribute(to) + "' to='" + XmlEscape.attribute(from) + "' id='"
                + XmlEscape.attribute(id) + "' type='" + (valid ? "valid" : "invalid") + "'/>");
        return valid;
    }

    /**
     * A whole incoming server-to-server stream as a receiving server runs it: STARTTLS (required), then either
     * SASL EXTERNAL (offered only if {@code offerExternal} and the peer's certificate is trusted by
     * {@code accounts}) or dialback, whose key {@code verifier} checks with the authoritative server.
     *
     * @return the originating domain, now authenticated
     * @throws WireProtocolException if the peer's key is refused, after this side said so
     */
    public String acceptServerStream(ServerAccounts accounts, boolean offerExternal, Dialback.Verifier verifier)
            throws WireException {
        openStream(StreamFeatures.none().startTls(true));
        acceptStartTls();
        StreamHeader header = awaitStreamHeader();
        sendStreamHeader();
        boolean external = offerExternal && header.from() != null && accounts.externalTrust()
                .map(ca -> ca.checkPeer(negotiatedTls().map(NegotiatedTls::peerCertificates).orElse(List.of()),
                        header.from()).isEmpty()).orElse(false);
        sendFeatures(external ? StreamFeatures.none().mechanisms("EXTERNAL").dialback() : StreamFeatures.none().dialback());
        XmlElement first = wire.expect(e -> e.is("auth", XmppNamespaces.SASL) || e.is("result", ServerNamespaces.DIALBACK),
                "SASL <auth/> or <db:result/>");
        if (first.is("auth", XmppNamespaces.SASL)) {
            String authenticated = answerAuth(first, accounts);
            openStream(StreamFeatures.none());
            return authenticated;
        }
        DialbackRequest request = new DialbackRequest(first.attribute("from").orElse(null),
                first.attribute("to").orElse(null), null, first.text().strip());
        boolean valid = request.from() != null && domain().equals(request.to())
                && verifier.verify(request, streamId);
        answerDialbackResult(request, valid);
        if (!valid) {
            throw new WireProtocolException("the dialback key of " + request.from() + " was not verified");
        }
        return request.from();
    }

    // ---------------------------------------------------------------- ending

    /**
     * Ends the stream as RFC 6120 §4.4 says: sends {@code </stream:stream>}, waits (at most {@code timeout}) for the
     * peer's closing tag or the end of the connection, skipping what arrives meanwhile, then closes the connection.
     *
     * @return true if the peer closed its side in time
     */
    public boolean closeStream(Duration timeout) throws WireException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            wire.closeStream();
            return awaitPeerClosing(deadline);
        } catch (WireTimeoutException tooLate) {
            return false;
        } finally {
            wire.close();
        }
    }

    /**
     * The peer ends the stream: waits (at most {@code timeout}) for its closing tag or the end of the connection,
     * skipping what arrives meanwhile, answers with {@code </stream:stream>} and closes the connection.
     *
     * @return true if the peer closed its side in time
     */
    public boolean answerClose(Duration timeout) {
        try {
            if (!awaitPeerClosing(System.nanoTime() + timeout.toNanos())) {
                return false;
            }
            try {
                wire.closeStream();
            } catch (WireException connectionAlreadyGone) {
                // The peer closed the connection too; the closing tag has nobody to reach.
            }
            return true;
        } catch (WireException timeoutOrBrokenStream) {
            return false;
        } finally {
            wire.close();
        }
    }

    /** Drops what the peer sends until it ends its stream (true) or the deadline passes (false). */
    private boolean awaitPeerClosing(long deadline) throws WireException {
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                wire.next(Duration.ofNanos(left));
            }
        } catch (StreamClosedException peerClosed) {
            return true;
        }
    }

    /** Closes the connection without a closing tag; idempotent, never throws. */
    @Override
    public void close() {
        wire.close();
    }
}
