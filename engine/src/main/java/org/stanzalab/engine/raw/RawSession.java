package org.stanzalab.engine.raw;

import static org.stanzalab.engine.raw.Stanzas.hasId;
import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLSession;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.run.ServerDistress;
import org.stanzalab.engine.target.SaslChoice;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * A client-to-server stream driven by hand over the wire driver, for tests of what a client library hides: the
 * stream features at each negotiation step, addresses written exactly as the test spells them, malformed XML,
 * and how the server ends a stream. Tests get one from {@link Lab#raw()}.
 *
 * <p>Its methods come in two kinds. The negotiation steps ({@link #open}, {@link #secure}, {@link #authenticate},
 * {@link #bind}) only prepare the requirement under test: when one goes wrong the test could not run, and it ends
 * as an error. The {@code expect...} methods wait for the server's answer to what the test did: when that answer
 * does not come, is cut off or is not XMPP, the server failed.
 *
 * <p>Everything the server sends after the stream is set up goes into one mailbox, in arrival order. An
 * expectation takes the first element that matches, whether it already arrived or is still to come, and leaves
 * the others for later expectations; {@link #received()} shows them all until {@link #forget()}. Roster pushes are
 * acknowledged as a client must (RFC 6121 §2.1.6) and stay in the mailbox.
 *
 * <p>One thread drives a session.
 */
public final class RawSession {
    /** The negotiation steps whose stream features a session keeps. */
    public enum Stage {
        /** The stream is open; the features are the first the server offers. */
        OPENED,
        /** TLS is in place (STARTTLS or direct TLS); the features are those of the stream restarted over TLS. */
        SECURED,
        /** SASL succeeded; the features are those of the stream restarted after SASL. */
        AUTHENTICATED,
        /** A resource is bound; no stream restart follows binding, so the features are still the post-SASL ones. */
        BOUND
    }

    private static final int MAX_UNEXPECTED_IN_MESSAGE = 3;

    private final Lab lab;
    /** Makes this session's connections: the first, and new ones while set-up is retried. */
    private final java.util.function.Supplier<WireStream> connector;
    /** Replaced only while set-up is retried on a new connection (see {@link #setUp}). */
    private WireStream stream;
    /** {@link WireStream#writes()} after the last set-up step: more means the test has sent something of its own. */
    private long writesBySetUp;
    private final Map<Stage, XmlElement> features = new EnumMap<>(Stage.class);
    private final Mailbox mailbox = new Mailbox();
    /** Ids of the roster pushes this session acknowledged. */
    private final java.util.Set<String> acknowledged = new java.util.HashSet<>();
    private XmlElement latestFeatures;
    private User user;
    /** Credentials of a login that belongs to no lab account (see {@link #authenticate(String, String)}). */
    private org.stanzalab.engine.accounts.Credentials ownCredentials;
    private String jid;
    private int nextId = 1;

    private RawSession(Lab lab, java.util.function.Supplier<WireStream> connector) {
        this.lab = lab;
        this.connector = connector;
        this.stream = connector.get();
    }

    /** A connection to the target with no stream opened yet (for STARTTLS targets: plain TCP). Tests use {@link Lab#raw()}. */
    public static RawSession connect(Lab lab) {
        return new RawSession(lab, lab::wire);
    }

    /** A session whose connections {@code connector} makes (see {@link Lab#rawWithChannelBinding}). */
    public static RawSession connect(Lab lab, java.util.function.Supplier<WireStream> connector) {
        return new RawSession(lab, connector);
    }

    /** See {@link Lab#oneAtATime}: the step runs while no other test on this server runs one under the same name. */
    public <T> T oneAtATime(String name, java.util.function.Supplier<T> step) {
        return lab.oneAtATime(name, step);
    }

    /** Writes a note into the test's transcript, e.g. which of several allowed behaviours the server chose. */
    public void note(String topic, String text) {
        lab.transcript().note(topic, text);
    }

    // ---------------------------------------------------------------- negotiation steps

    /** Opens the stream with the default header and reads the first stream features. */
    public RawSession open() {
        setUp("open a stream", () -> {
            stream.openStream();
            reached(Stage.OPENED, stream.readFeatures());
            return null;
        });
        return this;
    }

    /** Opens the stream over plain TCP, for tests about what happens before STARTTLS; impossible on other targets. */
    public RawSession openWithoutTls() {
        lab.requireThat(lab.target().tls() == TlsMode.STARTTLS,
                "the target is reached over " + lab.target().tls().flagValue() + ", so there is no stream before STARTTLS");
        return open();
    }

    /** Opens the stream if need be and secures it with STARTTLS (or direct TLS); impossible on targets without TLS. */
    public RawSession secure() {
        if (lab.target().tls() == TlsMode.NONE) {
            throw new Impossible("the target is configured without TLS");
        }
        if (!features.containsKey(Stage.OPENED)) {
            open();
        }
        reached(Stage.SECURED, lab.target().tls() == TlsMode.STARTTLS ? setUp("negotiate STARTTLS", () -> stream.startTls())
                : latestFeatures);
        return this;
    }

    /**
     * Secures the stream if need be and logs in as the user with the login mechanism (see {@link #loginMechanism()});
     * impossible when the server offers none that may be used.
     */
    public RawSession authenticate(User account) {
        requireSecured();
        String mechanism = loginMechanism();
        this.user = account;
        reached(Stage.AUTHENTICATED, setUp("authenticate " + account.role() + " with SASL " + mechanism,
                () -> stream.authenticate(mechanism, account.username(), account.password())));
        return this;
    }

    /**
     * Secures the stream if need be and logs in with credentials that belong to no lab account, such as an account
     * the test registered in band (XEP-0077). The password is never written to the transcript.
     */
    public RawSession authenticate(String username, String password) {
        return authenticate(username, password, null);
    }

    /** Like {@link #authenticate(String, String)}, with this SASL mechanism (null: the login mechanism). */
    public RawSession authenticate(String username, String password, String mechanismOrNull) {
        requireSecured();
        String mechanism = mechanismOrNull == null ? loginMechanism() : mechanismOrNull;
        this.ownCredentials = new org.stanzalab.engine.accounts.Credentials(username, password);
        reached(Stage.AUTHENTICATED, setUp("authenticate " + username + " with SASL " + mechanism,
                () -> stream.authenticate(mechanism, username, password)));
        return this;
    }

    /**
     * The mechanism for ordinary logins on this stream: with {@code --sasl}, the first chosen one the server offers
     * and the wire driver can perform; otherwise PLAIN, or a SCRAM variant where PLAIN is not offered. The test ends
     * as impossible when the server offers none of them, and as an error when the wire driver can perform none of
     * the chosen ones.
     */
    public String loginMechanism() {
        SaslChoice choice = lab.target().sasl();
        if (!choice.wireCapable()) {
            throw new TestError("not run: the wire driver logs in only with " + String.join(", ", WireStream.LOGIN_MECHANISMS)
                    + ", and --sasl allows none of them (" + choice + ")");
        }
        return choice.forWire(saslMechanisms()).orElseThrow(() -> new Impossible("the server offers no SASL mechanism "
                + (choice.restricted() ? "that --sasl allows (" + choice + ")" : "the wire driver can log in with ("
                + String.join(", ", WireStream.LOGIN_MECHANISMS) + ")") + "; offered: " + saslMechanisms()));
    }

    /**
     * Logs in as the account, but under another spelling of its username. A refusal ends the test as impossible:
     * how SASL prepares a username is the mechanism's business, not the address rules'.
     */
    public RawSession authenticateAs(User account, String username) {
        requireSecured();
        String mechanism = loginMechanism();
        try {
            reached(Stage.AUTHENTICATED, stream.authenticate(mechanism, username, account.password()));
        } catch (SaslFailureException e) {
            throw new Impossible("the server does not authenticate '" + username + "' as the account " + account.username()
                    + " with SASL " + mechanism + ": " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not authenticate " + account.role() + " as '" + username + "': " + e.getMessage(), e);
        }
        this.user = account;
        return this;
    }

    /** Binds the requested resource (null: one the server picks); a refusal means the test could not run. */
    public RawSession bind(String resourceOrNull) {
        Binding binding = requestBinding(resourceOrNull);
        if (binding.isRefused()) {
            throw new TestError("could not bind a resource for " + role() + ": <" + binding.refusal() + "/>");
        }
        return this;
    }

    /** Binds a resource the server picks. */
    public RawSession bind() {
        return bind(null);
    }

    /** Sends initial presence and returns once the server has processed it, so messages to the bare JID reach us. */
    public RawSession available() {
        send("<presence/>");
        sync();
        return this;
    }

    /**
     * Asks the server to bind a resource (null: let it pick) and reports what it answered: the resource binding
     * under test. No usable answer is the server's failure.
     */
    public Binding requestBinding(String resourceOrNull) {
        if (!features.containsKey(Stage.AUTHENTICATED)) {
            throw new IllegalStateException("bind a resource only after authenticating");
        }
        String id = newId("bind");
        send("<iq type='set' id='" + id + "'><bind xmlns='" + XmppNamespaces.BIND + "'>"
                + (resourceOrNull == null ? "" : "<resource>" + XmlEscape.text(resourceOrNull) + "</resource>") + "</bind></iq>");
        XmlElement answer = expect("the answer to the resource binding request '" + id + "'",
                e -> isStanza(e, "iq") && hasId(e, id));
        if (hasType(answer, "error")) {
            String condition = Stanzas.errorCondition(answer);
            return Binding.refused(condition == null ? "(no condition)" : condition, answer);
        }
        if (!hasType(answer, "result")) {
            throw new ServerFailure("the server answered resource binding with neither a result nor an error: " + answer.toXml());
        }
        // Taken exactly as written: a space at either end belongs to the resourcepart (RFC 7622 §3.4), and a test of
        // what the server bound must see it.
        String bound = answer.child("bind", XmppNamespaces.BIND).flatMap(b -> b.childText("jid", XmppNamespaces.BIND))
                .filter(j -> !j.isEmpty())
                .orElseThrow(() -> new ServerFailure("the server's resource binding result has no <jid/>: " + answer.toXml()));
        jid = bound;
        reached(Stage.BOUND, latestFeatures);
        return Binding.bound(bound);
    }

    /** What the server answered to a resource binding request: the full JID it bound, or the condition it refused with. */
    public record Binding(String fullJid, String refusal, XmlElement errorReply) {
        public static Binding bound(String fullJid) {
            return new Binding(fullJid, null, null);
        }

        public static Binding refused(String condition, XmlElement errorReply) {
            return new Binding(null, condition, errorReply);
        }

        public boolean isRefused() {
            return fullJid == null;
        }

        /** The bound JID parsed; one that is not a valid full JID is the server's failure. */
        public Jid jid() {
            try {
                Jid parsed = JidCreate.from(fullJid);
                if (!parsed.isEntityFullJid()) {
                    throw new ServerFailure("the server bound '" + fullJid + "', which is not a full JID (localpart@domain/resource)");
                }
                return parsed;
            } catch (XmppStringprepException e) {
                throw new ServerFailure("the server bound '" + fullJid + "', which is not a valid JID: " + e.getMessage());
            }
        }

        /** The resourcepart exactly as the server wrote it: everything after the first '/' (RFC 7622 §3.2). */
        public String resource() {
            int slash = fullJid.indexOf('/');
            return slash < 0 ? "" : fullJid.substring(slash + 1);
        }

        /** The bound JID without its resourcepart, exactly as the server wrote it. */
        public String bareJid() {
            int slash = fullJid.indexOf('/');
            return slash < 0 ? fullJid : fullJid.substring(0, slash);
        }
    }

    // ---------------------------------------------------------------- what was offered, who we are

    /** The stream features the server sent most recently (after the last stream restart). */
    public XmlElement features() {
        if (latestFeatures == null) {
            throw new IllegalStateException("no stream features read yet: open the stream first");
        }
        return latestFeatures;
    }

    /** The stream features offered at that step, if the session got there. */
    public Optional<XmlElement> features(Stage stage) {
        return Optional.ofNullable(features.get(stage));
    }

    /**
     * The feature from the latest stream features, such as {@code requireFeature(XmppNamespaces.BIND, "bind")};
     * the test ends as impossible, naming the missing feature, when the server does not offer it.
     */
    public XmlElement requireFeature(String namespace, String name) {
        return features().child(name, namespace).orElseThrow(() -> new Impossible("the server does not offer the stream "
                + "feature <" + name + " xmlns='" + namespace + "'/> (offered: " + Stanzas.featureNames(features()) + ")"));
    }

    /** Names of the SASL mechanisms in the latest features, in the server's order. */
    public List<String> saslMechanisms() {
        return features().child("mechanisms", XmppNamespaces.SASL)
                .map(m -> m.children("mechanism", XmppNamespaces.SASL).stream().map(e -> e.text().strip()).toList())
                .orElse(List.of());
    }

    /** Ends the test as impossible unless the latest features offer this SASL mechanism. */
    public RawSession requireMechanism(String mechanism) {
        lab.requireThat(saslMechanisms().contains(mechanism), "the server offers no SASL " + mechanism + " (offered: "
                + saslMechanisms() + ")");
        return this;
    }

    /** The account this stream authenticated as. */
    public User user() {
        if (user == null) {
            throw new IllegalStateException("not authenticated yet");
        }
        return user;
    }

    /** The bare JID of the bound resource (localpart@domain). */
    public String bareJid() {
        String full = jid();
        int slash = full.indexOf('/');
        return slash < 0 ? full : full.substring(0, slash);
    }

    /** The full JID the server bound, exactly as it wrote it. */
    public String jid() {
        if (jid == null) {
            throw new IllegalStateException("no resource bound yet");
        }
        return jid;
    }

    /**
     * The resourcepart the server bound, which may differ from the one asked for (RFC 6120 §7.7.2.2): address this
     * session with it, never with the resource the test requested.
     */
    public String resource() {
        String bound = jid();
        return bound.substring(bound.indexOf('/') + 1);
    }

    /** The TLS session of the secured stream, if there is one. */
    public Optional<SSLSession> tlsSession() {
        return stream.tlsSession();
    }

    /** The underlying wire stream, for exchanges this class does not cover. */
    public WireStream wire() {
        return stream;
    }

    // ---------------------------------------------------------------- sending

    /** A fresh stanza id, unique on this stream and recognisable in the transcript. */
    public String newId(String purpose) {
        return purpose + "-" + nextId++;
    }

    /** Sends XML text exactly as given, well-formed or not. */
    public void send(String xml) {
        prepare("send to the server", () -> {
            stream.send(xml);
            return null;
        });
    }

    /** Sends bytes exactly as given: invalid UTF-8, another encoding, or characters XML forbids. */
    public void sendBytes(byte[] raw) {
        prepare("send bytes to the server", () -> {
            stream.sendBytes(raw);
            return null;
        });
    }

    /** Sends text unchanged but records {@code shownInTranscript} instead, for credentials. */
    private void sendShowing(String xml, String shownInTranscript) {
        prepare("send to the server", () -> {
            stream.sendRedacted(xml, shownInTranscript);
            return null;
        });
    }

    /** Like {@link #sendShowing}, but returns false if the server closed the connection while the text was written. */
    public boolean sendUnlessClosed(String xml, String shownInTranscript) {
        try {
            stream.sendRedacted(xml, shownInTranscript);
            return true;
        } catch (WireException e) {
            return false;
        }
    }

    /** Sends a SASL PLAIN {@code <auth/>} with this message (normally authzid NUL authcid NUL password), redacted. */
    public void sendPlainAuth(String message) {
        String auth = "<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='PLAIN'>";
        sendShowing(auth + Base64.getEncoder().encodeToString(message.getBytes(StandardCharsets.UTF_8)) + "</auth>",
                auth + "[redacted]</auth>");
    }

    /** Sends a message with this body to the address exactly as given; returns the stanza's id. */
    public String sendMessage(String to, String body) {
        String id = newId("msg");
        send("<message type='chat' id='" + id + "' to='" + XmlEscape.attribute(to) + "'><body>" + XmlEscape.text(body)
                + "</body></message>");
        return id;
    }

    // ---------------------------------------------------------------- expecting the server's answer

    /** The first element, arrived or still to come, that {@code wanted} accepts; none within the reply timeout fails. */
    public XmlElement expect(String what, Predicate<XmlElement> wanted) {
        return answer(what, () -> take(wanted, lab.timeouts().reply()).orElseThrow(() -> new WireTimeoutException(
                "no " + what + " within " + lab.timeouts().reply().toSeconds() + " s" + unexpected())));
    }

    /** The first matching element within the reply timeout, if one comes; a stream that ends meanwhile fails. */
    public Optional<XmlElement> await(String what, Predicate<XmlElement> wanted) {
        return answer(what, () -> take(wanted, lab.timeouts().reply()));
    }

    /**
     * Like {@link #await}, with a bound of the test's own instead of the reply timeout: for what the server may
     * take longer to say, such as giving up on a peer server that never answers (the bound is the test's claim).
     */
    public Optional<XmlElement> awaitWithin(String what, Predicate<XmlElement> wanted, Duration bound) {
        return answer(what, () -> take(wanted, bound));
    }

    /** The next element the server sends, whatever it is. */
    public XmlElement expectNextElement(String what) {
        return expect(what, e -> true);
    }

    /**
     * Sends an IQ request written by hand and returns the server's reply: the next IQ of type result or error.
     * A reply that does not carry the request's id, or no reply at all, fails the test (RFC 6120 §8.2.3).
     */
    public XmlElement request(String iqXml, String id) {
        send(iqXml);
        // A response to one of our own acknowledgements is the server answering a result, which it must not do, but
        // it is no reply to this request.
        XmlElement reply = expect("a reply to IQ '" + id + "' (RFC 6120 §8.2.3 requires one)",
                e -> isStanza(e, "iq") && (hasType(e, "result") || hasType(e, "error"))
                        && !e.attribute("id").filter(acknowledged::contains).isPresent());
        if (!hasId(reply, id)) {
            String replyId = reply.attribute("id").orElse(null);
            throw new ServerFailure("the reply to IQ '" + id + "' carries id " + (replyId == null ? "none" : "'" + replyId + "'")
                    + " (RFC 6120 §8.2.3: a reply keeps the request's id): " + reply.toXml());
        }
        return reply;
    }

    /** A ping (XEP-0199) to this address, written exactly as given; returns the reply. */
    public XmlElement ping(String to) {
        String id = newId("ping");
        return request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(to) + "'><ping xmlns='urn:xmpp:ping'/></iq>", id);
    }

    /**
     * Pings the server and waits for its answer. The server handles a stream's stanzas in order (RFC 6120 §10.1),
     * so once the answer is here, whatever it had to say about earlier stanzas has arrived too.
     */
    public void sync() {
        String id = newId("sync");
        send("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(lab.domain()) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        expect("the answer to ping '" + id + "', sent to see earlier answers through", e -> isStanza(e, "iq") && hasId(e, id));
    }

    /**
     * Shows that nothing {@code unwanted} reaches this session from what {@code sender} sent before, without a fixed
     * wait: {@code sender} sends a marker message to this session's full JID, and the watch ends when the marker
     * arrives. A server processes one stream's stanzas in order (RFC 6120 §10.1) and delivers to one session in
     * order, so a stanza it wrongly delivered here would have arrived first. A marker that never comes fails the
     * test: it proves nothing.
     */
    public void expectNothingFrom(RawSession sender, String description, Predicate<XmlElement> unwanted) {
        String marker = sender.newId("marker");
        sender.send("<message type='normal' id='" + marker + "' to='" + XmlEscape.attribute(jid()) + "'><body>"
                + marker + "</body></message>");
        Predicate<XmlElement> isMarker = e -> isStanza(e, "message") && hasId(e, marker);
        XmlElement first = expect("the marker message '" + marker + "' that " + sender.role() + " sent after the stanza "
                + "under test (RFC 6120 §10.1: delivered in order)", e -> isMarker.test(e) || unwanted.test(e));
        if (!isMarker.test(first)) {
            throw new ServerFailure(role() + " received " + description + ", which must not be delivered: " + first.toXml());
        }
    }

    /** The server's response stream header, after the test sent an initial stream header with {@link #send}. */
    public StreamHeader expectResponseHeader() {
        return answer("a response stream header to our initial header", stream::readStreamHeader);
    }

    /** The server's {@code <success/>} or {@code <failure/>} after an {@code <auth/>} the test sent by hand. */
    public XmlElement expectSaslOutcome() {
        return expect("SASL <success/> or <failure/> after our <auth/>",
                e -> e.is("success", XmppNamespaces.SASL) || e.is("failure", XmppNamespaces.SASL));
    }

    /** The next SASL {@code <challenge/>}, {@code <success/>} or {@code <failure/>}. */
    public XmlElement expectSaslStep() {
        return expect("SASL <challenge/>, <success/> or <failure/>", e -> e.namespace().equals(XmppNamespaces.SASL)
                && (e.name().equals("challenge") || e.name().equals("success") || e.name().equals("failure")));
    }

    /** Opens the stream again after a SASL success the test negotiated by hand; returns the features offered on it. */
    public XmlElement expectRestartedFeatures() {
        XmlElement restarted = answer("a response header and features on the stream restarted after SASL success", () -> {
            stream.openStream();
            return stream.readFeatures();
        });
        reached(Stage.AUTHENTICATED, restarted);
        return restarted;
    }

    /**
     * Authenticates this secured stream as the user with SASL PLAIN and returns the features of the restarted
     * stream, which are the answer under test. A refused authentication only means the test could not run.
     */
    public XmlElement expectFeaturesAfterAuthenticating(User account) {
        String mechanism = loginMechanism();
        try {
            reached(Stage.AUTHENTICATED, stream.authenticate(mechanism, account.username(), account.password()));
            this.user = account;
            return latestFeatures;
        } catch (SaslFailureException e) {
            throw new TestError("could not authenticate " + account.role() + ": " + e.getMessage(), e);
        } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
            throw new ServerFailure("expected a response header and stream features on the stream restarted after SASL "
                    + "success, but " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not authenticate " + account.role() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Negotiates STARTTLS by hand and restarts the stream; returns the response header of the restarted stream
     * (the answer under test), and {@link #features()} become the features that follow it.
     */
    public StreamHeader expectHeaderAfterTls() {
        lab.requireThat(lab.target().tls() == TlsMode.STARTTLS,
                "the target is reached over " + lab.target().tls().flagValue() + ", so no stream is restarted after STARTTLS");
        XmlElement proceed = prepare("negotiate STARTTLS", () -> {
            stream.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
            return stream.expect(e -> e.is("proceed", XmppNamespaces.TLS) || e.is("failure", XmppNamespaces.TLS),
                    "<proceed/> or <failure/> after <starttls/>");
        });
        if (!proceed.name().equals("proceed")) {
            throw new TestError("the server refused STARTTLS: " + proceed.toXml());
        }
        prepare("complete the TLS handshake", () -> {
            stream.upgradeToTls();
            return null;
        });
        return restartedHeader(Stage.SECURED, "TLS");
    }

    /**
     * Logs in and restarts the stream by hand; returns the response header of the restarted stream (the answer
     * under test), and {@link #features()} become the features that follow it.
     */
    public StreamHeader expectHeaderAfterAuthenticating(User account) {
        String mechanism = loginMechanism();
        prepare("authenticate " + account.role() + " with SASL " + mechanism, () -> {
            stream.negotiateSasl(mechanism, account.username(), account.password());
            return null;
        });
        this.user = account;
        return restartedHeader(Stage.AUTHENTICATED, "SASL success");
    }

    /**
     * The next {@code <stream:error/>}, also if the server closed the stream right after sending it.
     * <p>
     * On a bound stream a server that lets the offending input pass is found out at once rather than after the reply
     * timeout: a ping follows on the same stream, and a server that answers it has handled everything sent before
     * the ping (RFC 6120 §10.1) without ending the stream. Before binding a ping is itself out of place (it could earn
     * a stream error of its own), so there the wait is the reply timeout.
     */
    public StreamError expectStreamError() {
        String ping = features.containsKey(Stage.BOUND) ? sendPingUnlessClosed() : null;
        return expectStreamErrorUnless(e -> ping != null && isStanza(e, "iq") && hasId(e, ping),
                "the server answered a ping sent after it (id '" + ping + "') and kept the stream open");
    }

    /**
     * The {@code <stream:error/>} owed for a fault in the initial stream header the test wrote, once the response
     * header has been read: the error must come where the stream features would (RFC 6120 §4.9.1.2), so features
     * instead show that the server accepted the header, and the test need not wait out the reply timeout.
     */
    public StreamError expectStreamErrorInsteadOfFeatures() {
        return expectStreamErrorUnless(e -> e.is("features", XmppNamespaces.STREAMS),
                "the server sent <stream:features/>, accepting the stream header");
    }

    private StreamError expectStreamErrorUnless(Predicate<XmlElement> decisiveOther, String otherMeans) {
        return answer("a <stream:error/>", () -> {
            try {
                XmlElement first = take(e -> StreamError.isStreamError(e) || decisiveOther.test(e), lab.timeouts().reply())
                        .orElseThrow(() -> new WireTimeoutException("no <stream:error/> within "
                                + lab.timeouts().reply().toSeconds() + " s" + unexpected()));
                if (!StreamError.isStreamError(first)) {
                    throw new WireProtocolException(otherMeans + unexpected());
                }
                return StreamError.from(first);
            } catch (StreamClosedException e) {
                return stream.lastStreamError().orElseThrow(() -> e);
            }
        });
    }

    /** A ping to the server, unless the server has closed the stream already; its id, or null if none was sent. */
    private String sendPingUnlessClosed() {
        String id = newId("after");
        String ping = "<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(lab.domain()) + "'><ping xmlns='urn:xmpp:ping'/></iq>";
        return sendUnlessClosed(ping, ping) ? id : null;
    }

    /** How the server ended the stream, skipping anything it sent before; TIMEOUT if it did not within the reply timeout. */
    public Closure awaitClosure() {
        return answer("the end of the stream", stream::awaitClosure);
    }

    /**
     * Waits until the server has ended its stream: returns as soon as {@code </stream:stream>} or the end of the
     * connection arrives, without answering anything; TIMEOUT if neither came within the reply timeout.
     */
    public Closure awaitServerClosingTag() {
        return awaitServerClosingTag(lab.timeouts().reply());
    }

    /** Like {@link #awaitServerClosingTag()}, with a wait of its own: short where the close is only tidying up. */
    public Closure awaitServerClosingTag(Duration wait) {
        try {
            take(e -> false, wait);
            return Closure.TIMEOUT;
        } catch (StreamClosedException e) {
            return e.closingTagReceived() ? Closure.CLOSING_TAG : Closure.EOF;
        } catch (WireProtocolException e) {
            throw new ServerFailure("expected the server to close its stream, but " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not wait for the end of the stream: " + e.getMessage(), e);
        }
    }

    /** Answers the server's closing tag with ours (RFC 6120 §4.4); a connection already gone is no problem. */
    public void answerClosingTag() {
        try {
            stream.closeStream();
        } catch (WireException e) {
            // The server already closed the connection, which is what the caller checks next.
        }
    }

    /**
     * Empty if the server still answers a ping on this stream, so the session goes on; otherwise how the stream
     * ended (with the stream error, if one came).
     */
    public Optional<String> endedSession() {
        String id = newId("alive");
        try {
            stream.send("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(lab.domain()) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            if (take(e -> isStanza(e, "iq") && hasId(e, id), lab.timeouts().reply()).isEmpty()) {
                throw new TestError("could not tell whether the session goes on: no answer to ping '" + id + "' within "
                        + lab.timeouts().reply().toSeconds() + " s");
            }
            return Optional.empty();
        } catch (StreamClosedException e) {
            return Optional.of(e.getMessage());
        } catch (WireException e) {
            // Writing failed: the server has already closed the connection.
            return Optional.of(e.getMessage() + stream.lastStreamError().map(err -> " after stream error " + err.describe()).orElse(""));
        }
    }

    /** Fails, saying why the session had to go on and how it ended, unless the server still answers a ping. */
    public void expectSessionGoesOn(String why) {
        endedSession().ifPresent(how -> {
            throw new ServerFailure(why + ", but it ended: " + how);
        });
    }

    // ---------------------------------------------------------------- the mailbox

    /** Everything taken from the stream since the session was set up (or since {@link #forget()}), in arrival order. */
    public List<XmlElement> received() {
        return mailbox.all();
    }

    /** What {@link #received()} holds with this id. */
    public List<XmlElement> receivedWithId(String id) {
        return mailbox.all().stream().filter(e -> hasId(e, id)).toList();
    }

    /** The first element already received that matches, whether an expectation took it or not; never waits. */
    public Optional<XmlElement> alreadyReceived(Predicate<XmlElement> wanted) {
        return mailbox.all().stream().filter(wanted).findFirst();
    }

    /** Drops everything received so far, so later expectations and {@link #received()} only see what comes next. */
    public void forget() {
        mailbox.forget();
    }

    // ---------------------------------------------------------------- internals

    private String role() {
        return user == null ? "the raw client" : user.role();
    }

    private void requireSecured() {
        if (!features.containsKey(Stage.SECURED)) {
            secure();
        }
    }

    private void reached(Stage stage, XmlElement offered) {
        features.put(stage, offered);
        latestFeatures = offered;
    }

    private StreamHeader restartedHeader(Stage stage, String after) {
        StreamHeader header = answer("a response header on the stream restarted after " + after, stream::openStream);
        reached(stage, answer("<stream:features/> after the response header of the stream restarted after " + after,
                stream::readFeatures));
        return header;
    }

    /** The first untaken element that matches, reading from the stream until one does or the timeout passes. */
    private Optional<XmlElement> take(Predicate<XmlElement> wanted, Duration timeout) throws WireException {
        Optional<XmlElement> arrived = mailbox.take(wanted);
        if (arrived.isPresent()) {
            return arrived;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            XmlElement element;
            try {
                element = stream.next(Duration.ofNanos(left));
            } catch (WireTimeoutException e) {
                return Optional.empty();
            }
            mailbox.add(element);
            acknowledgeRosterPush(element);
            if (wanted.test(element)) {
                return mailbox.take(wanted);
            }
        }
    }

    /** A client acknowledges roster pushes (RFC 6121 §2.1.6); the push itself stays in the mailbox. */
    private void acknowledgeRosterPush(XmlElement element) {
        if (isStanza(element, "iq") && hasType(element, "set") && element.hasChild("query", "jabber:iq:roster")) {
            element.attribute("id").ifPresent(id -> {
                acknowledged.add(id);
                String ack = "<iq type='result' id='" + XmlEscape.attribute(id) + "'/>";
                sendUnlessClosed(ack, ack);
            });
        }
    }

    /** " (received meanwhile: <message/>, <presence/>)" for timeout messages, or nothing. */
    private String unexpected() {
        List<String> names = mailbox.untaken().stream().map(e -> "<" + e.qualifiedName() + "/>").toList();
        if (names.isEmpty()) {
            return "";
        }
        String shown = String.join(", ", names.subList(0, Math.min(names.size(), MAX_UNEXPECTED_IN_MESSAGE)));
        return " (received meanwhile: " + shown
                + (names.size() > MAX_UNEXPECTED_IN_MESSAGE ? " and " + (names.size() - MAX_UNEXPECTED_IN_MESSAGE) + " more" : "") + ")";
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws WireException;
    }

    /**
     * A step of the usual negotiation (open, secure, authenticate). When the server does not answer it in time, drops
     * the connection or sends malformed XML (seen: an XML declaration before {@code <proceed/>} now and then), and the
     * test has sent nothing of its own on this stream, the step is set-up, not the act:
     * it is tried again on a new connection that repeats the steps so far, a bounded number of times, and counted as
     * the server's distress.
     */
    private <T> T setUp(String what, Step<T> step) {
        boolean onlySetUpSoFar = stream.writes() == writesBySetUp;
        for (int attempt = 1; ; attempt++) {
            try {
                if (attempt > 1) {
                    reconnect();
                }
                T result = step.run();
                writesBySetUp = stream.writes();
                lab.setUpSucceeded();
                return result;
            } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
                if (!onlySetUpSoFar || attempt >= ServerDistress.ATTEMPTS) {
                    throw new TestError("could not " + what + ": " + e.getMessage()
                            + (attempt > 1 ? " (tried " + attempt + " times, each on a new connection)" : ""), e);
                }
                lab.setUpRetried("wire " + what, e);
                note("set-up", "could not " + what + " (" + e.getMessage() + "); trying again on a new connection");
            } catch (WireException e) {
                throw new TestError("could not " + what + ": " + e.getMessage(), e);
            }
        }
    }

    /** A new connection that has taken the set-up steps this one had, for {@link #setUp} to try the next one again. */
    private void reconnect() throws WireException {
        java.util.Set<Stage> done = features.isEmpty() ? java.util.EnumSet.noneOf(Stage.class) : java.util.EnumSet.copyOf(features.keySet());
        stream.close();
        stream = connector.get();
        features.clear();
        latestFeatures = null;
        if (done.contains(Stage.OPENED)) {
            stream.openStream();
            reached(Stage.OPENED, stream.readFeatures());
        }
        if (done.contains(Stage.SECURED)) {
            reached(Stage.SECURED, lab.target().tls() == TlsMode.STARTTLS ? stream.startTls() : latestFeatures);
        }
        if (done.contains(Stage.AUTHENTICATED)) {
            org.stanzalab.engine.accounts.Credentials login = user != null
                    ? new org.stanzalab.engine.accounts.Credentials(user.username(), user.password()) : ownCredentials;
            reached(Stage.AUTHENTICATED, stream.authenticate(loginMechanism(), login.username(), login.password()));
        }
        writesBySetUp = stream.writes();
    }

    /** A step that only gets the stream ready: if it goes wrong the requirement under test was never reached. */
    private <T> T prepare(String what, Step<T> step) {
        try {
            return step.run();
        } catch (WireException e) {
            throw new TestError("could not " + what + ": " + e.getMessage(), e);
        }
    }

    /** The server's answer to what the test did: missing, cut off or malformed, it is the server's failure. */
    private <T> T answer(String what, Step<T> step) {
        return ServerAnswer.await(what, step::run);
    }
}
