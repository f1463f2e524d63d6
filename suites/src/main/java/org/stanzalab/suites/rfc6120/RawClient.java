package org.stanzalab.suites.rfc6120;

import java.util.List;
import java.util.Optional;

import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StanzaErrorException;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * A raw client-to-server stream as the RFC 6120 tests drive it, on top of the wire driver.
 *
 * <p>Its steps come in two kinds. Getting a stream ready ({@link #connect}, {@link #secured},
 * {@link #authenticated}, {@link #bound}) only prepares the requirement under test: when that goes wrong the
 * test could not run, and it ends as an error. The {@code expect...} methods wait for the server's answer to
 * what the test just did: when that answer does not come, or is not XMPP, the server failed.
 */
final class RawClient {
    private final Lab lab;
    private final WireStream stream;
    private XmlElement features;
    private int nextId = 1;

    private RawClient(Lab lab, WireStream stream) {
        this.lab = lab;
        this.stream = stream;
    }

    // ---------------------------------------------------------------- getting a stream ready

    /** A connection to the target with no stream opened yet (for STARTTLS targets: plain TCP). */
    static RawClient connect(Lab lab) {
        return new RawClient(lab, lab.wire());
    }

    /** A stream opened with the default header, its first stream features read; nothing negotiated yet. */
    static RawClient opened(Lab lab) {
        RawClient client = connect(lab);
        client.prepare("open a stream", () -> {
            client.stream.openStream();
            client.features = client.stream.readFeatures();
            return null;
        });
        return client;
    }

    /** A stream opened over plain TCP, for tests about what happens before STARTTLS. */
    static RawClient beforeTls(Lab lab) {
        lab.requireThat(lab.target().tls() == TlsMode.STARTTLS,
                "the target is reached over " + lab.target().tls().flagValue() + ", so there is no stream before STARTTLS");
        return opened(lab);
    }

    /** A stream secured with STARTTLS (or direct TLS) and restarted; {@link #features()} are those offered after TLS. */
    static RawClient secured(Lab lab) {
        if (lab.target().tls() == TlsMode.NONE) {
            throw new Impossible("the target is configured without TLS");
        }
        RawClient client = opened(lab);
        if (lab.target().tls() == TlsMode.STARTTLS) {
            client.features = client.prepare("negotiate STARTTLS", client.stream::startTls);
        }
        return client;
    }

    /** A secured stream authenticated as the user with SASL PLAIN and restarted; features are the post-SASL ones. */
    static RawClient authenticated(Lab lab, User user) {
        RawClient client = secured(lab);
        client.requirePlain();
        client.features = client.prepare("authenticate " + user.role() + " with SASL PLAIN",
                () -> client.stream.authenticatePlain(user.username(), user.password()));
        return client;
    }

    /** An authenticated stream with a resource bound: the requested one, or one the server picks for null. */
    static RawClient bound(Lab lab, User user, String resourceOrNull) {
        RawClient client = authenticated(lab, user);
        client.prepare("bind a resource for " + user.role(), () -> client.stream.bind(resourceOrNull));
        return client;
    }

    // ---------------------------------------------------------------- what was offered

    /** The stream features the server sent most recently (after the last stream restart this client made). */
    XmlElement features() {
        return features;
    }

    /** Names of the SASL mechanisms in {@link #features()}, in the server's order. */
    List<String> saslMechanisms() {
        return features.child("mechanisms", XmppNamespaces.SASL)
                .map(m -> m.children("mechanism", XmppNamespaces.SASL).stream().map(e -> e.text().strip()).toList())
                .orElse(List.of());
    }

    /** "starttls, mechanisms, ..." for messages. */
    static List<String> featureNames(XmlElement features) {
        return features.children().stream().map(XmlElement::name).toList();
    }

    // ---------------------------------------------------------------- acting

    /** Sends XML text exactly as given, well-formed or not. */
    void send(String xml) {
        prepare("send to the server", () -> {
            stream.send(xml);
            return null;
        });
    }

    /** A fresh stanza id, unique on this stream and recognisable in the transcript. */
    String newId(String purpose) {
        return purpose + "-" + nextId++;
    }

    /** Asks the server to bind a resource (null: let the server pick) and reports what it answered. */
    Binding requestBinding(String resourceOrNull) {
        try {
            return Binding.bound(stream.bind(resourceOrNull));
        } catch (StanzaErrorException e) {
            return Binding.refused(e.condition(), e.stanza());
        } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
            throw new ServerFailure("no usable answer to the resource binding request: " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("resource binding could not be requested: " + e.getMessage(), e);
        }
    }

    /** Result of a resource binding request: the full JID the server bound, or the condition it refused with. */
    record Binding(String fullJid, String refusal, XmlElement errorReply) {
        static Binding bound(String fullJid) {
            return new Binding(fullJid, null, null);
        }

        static Binding refused(String condition, XmlElement errorReply) {
            return new Binding(null, condition == null ? "(no condition)" : condition, errorReply);
        }

        boolean isRefused() {
            return fullJid == null;
        }

        /** The bound JID parsed; a JID the server returned that is not a valid full JID is the server's failure. */
        Jid jid() {
            try {
                Jid jid = JidCreate.from(fullJid);
                if (!jid.isEntityFullJid()) {
                    throw new ServerFailure("the server bound '" + fullJid + "', which is not a full JID (localpart@domain/resource)");
                }
                return jid;
            } catch (XmppStringprepException e) {
                throw new ServerFailure("the server bound '" + fullJid + "', which is not a valid JID: " + e.getMessage());
            }
        }

        String resource() {
            return jid().getResourceOrEmpty().toString();
        }
    }

    // ---------------------------------------------------------------- expecting the server's answer

    /**
     * Authenticates this secured stream as the user with SASL PLAIN and returns the features of the restarted
     * stream, which are the answer under test. A refused authentication only means the test could not run.
     */
    XmlElement expectFeaturesAfterAuthenticating(User user) {
        requirePlain();
        try {
            features = stream.authenticatePlain(user.username(), user.password());
            return features;
        } catch (SaslFailureException e) {
            throw new TestError("could not authenticate " + user.role() + ": " + e.getMessage(), e);
        } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
            throw new ServerFailure("expected a response header and stream features on the stream restarted after SASL success, but "
                    + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not authenticate " + user.role() + ": " + e.getMessage(), e);
        }
    }

    /** The server's response stream header, after the test sent an initial stream header with {@link #send}. */
    StreamHeader expectResponseHeader() {
        return answer("a response stream header to our initial header", stream::readStreamHeader);
    }

    /** The next top-level element the server sends, whatever it is. */
    XmlElement expectNextElement(String what) {
        return answer(what, stream::next);
    }

    /** The server's {@code <success/>} or {@code <failure/>} after an {@code <auth/>} the test sent by hand. */
    XmlElement expectSaslOutcome() {
        return answer("SASL <success/> or <failure/> after our <auth/>", () -> stream.expect(
                e -> e.is("success", XmppNamespaces.SASL) || e.is("failure", XmppNamespaces.SASL),
                "SASL <success/> or <failure/>"));
    }

    /**
     * Sends an IQ request written by hand and returns the server's reply: the next IQ of type result or error.
     * A reply that does not carry the request's id, or no reply at all, fails the test (RFC 6120 §8.2.3).
     */
    XmlElement request(String iqXml, String id) {
        send(iqXml);
        XmlElement reply = answer("a reply to IQ '" + id + "' (RFC 6120 §8.2.3 requires one)", () -> stream.expect(
                e -> e.is("iq", XmppNamespaces.CLIENT) && (hasType(e, "result") || hasType(e, "error")),
                "IQ result or error"));
        String replyId = reply.attribute("id").orElse(null);
        if (!id.equals(replyId)) {
            throw new ServerFailure("the reply to IQ '" + id + "' carries id " + (replyId == null ? "none" : "'" + replyId + "'")
                    + " (RFC 6120 §8.2.3: a reply keeps the request's id): " + reply.toXml());
        }
        return reply;
    }

    /** The next {@code <stream:error/>}, also if the server closed the stream right after sending it. */
    StreamError expectStreamError() {
        return answer("a <stream:error/>", stream::expectStreamError);
    }

    /** How the server ended the stream, skipping anything it sent before; TIMEOUT if it did not within the reply timeout. */
    Closure awaitClosure() {
        return answer("the end of the stream", stream::awaitClosure);
    }

    /**
     * Empty if the server still answers a ping on this stream, so its session goes on; otherwise how the stream
     * ended (with the stream error, if one came).
     */
    Optional<String> endedSession() {
        String id = newId("alive");
        try {
            stream.send("<iq type='get' id='" + id + "' to='" + lab.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            stream.expect(e -> e.is("iq", XmppNamespaces.CLIENT) && e.attribute("id").orElse("").equals(id),
                    "reply to ping '" + id + "'");
            return Optional.empty();
        } catch (StreamClosedException e) {
            return Optional.of(e.getMessage());
        } catch (WireTimeoutException e) {
            throw new TestError("could not tell whether the session goes on: " + e.getMessage(), e);
        } catch (WireException e) {
            // Writing failed: the server has already closed the connection.
            return Optional.of(e.getMessage() + stream.lastStreamError().map(err -> " after stream error " + err.describe()).orElse(""));
        }
    }

    // ---------------------------------------------------------------- reading answers

    /** The defined condition of a SASL {@code <failure/>}; null if it has none. */
    static String saslCondition(XmlElement failure) {
        return failure.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.SASL) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst().orElse(null);
    }

    /** The defined condition inside a stanza's {@code <error/>}; null if there is none. */
    static String stanzaErrorCondition(XmlElement stanza) {
        return stanza.child("error", XmppNamespaces.CLIENT).flatMap(error -> error.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.STANZA_ERRORS) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst()).orElse(null);
    }

    private static boolean hasType(XmlElement stanza, String type) {
        return stanza.attribute("type").orElse("").equals(type);
    }

    // ---------------------------------------------------------------- internals

    private void requirePlain() {
        lab.requireThat(saslMechanisms().contains("PLAIN"), "the server offers no SASL PLAIN after TLS (offered: "
                + saslMechanisms() + "), and PLAIN is the only mechanism the wire driver speaks");
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws WireException;
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
        try {
            return step.run();
        } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
            throw new ServerFailure("expected " + what + ", but " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not wait for " + what + ": " + e.getMessage(), e);
        }
    }

    // ---------------------------------------------------------------- core helper additions

    /** The underlying wire stream, for exchanges the steps above do not cover (hand-driven SASL, TLS abuse). */
    WireStream wire() {
        return stream;
    }

    /** The first element the server sends that matches; none within the reply timeout fails the test. */
    XmlElement expectElement(String what, java.util.function.Predicate<XmlElement> wanted) {
        return answer(what, () -> stream.expect(wanted, what));
    }

    /** The next stanza carrying this id, whatever its kind and type. */
    XmlElement expectStanzaWithId(String id) {
        return expectElement("a stanza with id '" + id + "'", e -> e.attribute("id").orElse("").equals(id));
    }

    /**
     * Pings the server and waits for its answer. The server handles a client's stanzas in order (RFC 6120 §10.1),
     * so once the answer is here, whatever the server had to say about earlier stanzas has arrived too.
     */
    void sync() {
        String id = newId("sync");
        send("<iq type='get' id='" + id + "' to='" + lab.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        expectElement("the answer to ping '" + id + "', sent to see earlier answers through",
                e -> e.is("iq", XmppNamespaces.CLIENT) && e.attribute("id").orElse("").equals(id));
    }

    /** Everything the server sent on this stream so far, in order. */
    List<XmlElement> receivedSoFar() {
        return stream.received();
    }

    /** The next SASL {@code <challenge/>}, {@code <success/>} or {@code <failure/>}. */
    XmlElement expectSaslStep() {
        return expectElement("SASL <challenge/>, <success/> or <failure/>", e -> e.namespace().equals(XmppNamespaces.SASL)
                && (e.name().equals("challenge") || e.name().equals("success") || e.name().equals("failure")));
    }

    /** Opens the stream again after SASL success and returns the features the server offers on it. */
    XmlElement expectRestartedFeatures() {
        XmlElement restarted = answer("a response header and features on the stream restarted after SASL success", () -> {
            stream.openStream();
            return stream.readFeatures();
        });
        features = restarted;
        return restarted;
    }
}
