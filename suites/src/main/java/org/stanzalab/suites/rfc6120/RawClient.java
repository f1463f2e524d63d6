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

    // ---------------------------------------------------------------- streams helper additions

    /** Sends bytes exactly as given: invalid UTF-8, another encoding, or characters XML forbids. */
    void sendBytes(byte[] raw) {
        prepare("send bytes to the server", () -> {
            stream.sendBytes(raw);
            return null;
        });
    }

    /** The first element the server sends that {@code wanted} accepts, skipping others. */
    XmlElement expectElement(java.util.function.Predicate<XmlElement> wanted, String what) {
        return answer(what, () -> stream.expect(wanted, what));
    }

    /** Every top-level element received on this stream so far, in arrival order. */
    List<XmlElement> received() {
        return stream.received();
    }

    /**
     * Negotiates STARTTLS by hand and restarts the stream; returns the response header of the restarted stream
     * (the answer under test), and {@link #features()} become the features that follow it.
     */
    StreamHeader expectHeaderAfterTls() {
        lab.requireThat(lab.target().tls() == TlsMode.STARTTLS,
                "the target is reached over " + lab.target().tls().flagValue() + ", so no stream is restarted after STARTTLS");
        XmlElement answer = prepare("negotiate STARTTLS", () -> {
            stream.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
            return stream.expect(e -> e.is("proceed", XmppNamespaces.TLS) || e.is("failure", XmppNamespaces.TLS),
                    "<proceed/> or <failure/> after <starttls/>");
        });
        if (!answer.name().equals("proceed")) {
            throw new TestError("the server refused STARTTLS: " + answer.toXml());
        }
        prepare("complete the TLS handshake", () -> {
            stream.upgradeToTls();
            return null;
        });
        StreamHeader header = answer("a response header on the stream restarted after TLS", stream::openStream);
        features = answer("<stream:features/> after the response header of the stream restarted after TLS", stream::readFeatures);
        return header;
    }

    /**
     * Authenticates with SASL PLAIN by hand and restarts the stream; returns the response header of the
     * restarted stream, and {@link #features()} become the features that follow it.
     */
    StreamHeader expectHeaderAfterAuthenticating(User user) {
        requirePlain();
        byte[] message = ("\0" + user.username() + "\0" + user.password()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        String auth = "<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='PLAIN'>";
        XmlElement outcome = prepare("authenticate " + user.role() + " with SASL PLAIN", () -> {
            stream.sendRedacted(auth + java.util.Base64.getEncoder().encodeToString(message) + "</auth>", auth + "[redacted]</auth>");
            return stream.expect(e -> e.is("success", XmppNamespaces.SASL) || e.is("failure", XmppNamespaces.SASL),
                    "SASL <success/> or <failure/>");
        });
        if (!outcome.name().equals("success")) {
            throw new TestError("could not authenticate " + user.role() + ": " + outcome.toXml());
        }
        StreamHeader header = answer("a response header on the stream restarted after SASL success", stream::openStream);
        features = answer("<stream:features/> after the response header of the stream restarted after SASL", stream::readFeatures);
        return header;
    }

    /**
     * Waits until the server has ended its stream: returns as soon as {@code </stream:stream>} or the end of the
     * connection arrives, without answering anything; TIMEOUT if neither came within the reply timeout.
     */
    Closure awaitServerClosingTag() {
        long deadline = System.nanoTime() + lab.timeouts().reply().toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Closure.TIMEOUT;
                }
                stream.next(java.time.Duration.ofNanos(left));
            }
        } catch (StreamClosedException e) {
            return e.closingTagReceived() ? Closure.CLOSING_TAG : Closure.EOF;
        } catch (WireTimeoutException e) {
            return Closure.TIMEOUT;
        } catch (WireProtocolException e) {
            throw new ServerFailure("expected the server to close its stream, but " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not wait for the end of the stream: " + e.getMessage(), e);
        }
    }

    /** Answers the server's closing tag with ours (RFC 6120 §4.4); a connection already gone is no problem. */
    void answerClosingTag() {
        try {
            stream.closeStream();
        } catch (WireException e) {
            // The server already closed the connection, which is what the caller checks next.
        }
    }

    /**
     * Sends text unchanged but records it in the transcript with every character XML 1.0 cannot carry written
     * as {@code \\uXXXX}, so reports stay valid XML.
     */
    void sendWithVisibleControls(String xml) {
        prepare("send to the server", () -> {
            stream.sendRedacted(xml, visibleControls(xml));
            return null;
        });
    }

    /**
     * A connection like {@link #connect} whose transcript shows characters XML 1.0 cannot carry (such as the
     * NULs of UTF-16 text) as {@code \\uXXXX}, for tests that send other encodings with {@link #sendBytes}.
     */
    static RawClient connectWithVisibleControls(Lab lab) {
        WireStream stream = lab.wire();
        String label = "wire-bytes#" + System.identityHashCode(stream);
        org.stanzalab.engine.transcript.Transcript transcript = lab.transcript();
        stream.onTraffic(new org.stanzalab.wire.TrafficListener() {
            @Override
            public void sent(String data) {
                transcript.sent(label, visibleControls(data));
            }

            @Override
            public void received(String data) {
                transcript.received(label, visibleControls(data));
            }

            @Override
            public void note(String event) {
                transcript.note(label, visibleControls(event));
            }
        });
        return new RawClient(lab, stream);
    }

    private static String visibleControls(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean xmlChar = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (xmlChar) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format("\\u%04X", c));
            }
        });
        return shown.toString();
    }

    /**
     * Sends text unchanged but records {@code transcriptText} instead, for payloads too large to keep. Returns
     * false if the server closed the connection while the text was still being written.
     */
    boolean sendShowing(String xml, String transcriptText) {
        try {
            stream.sendRedacted(xml, transcriptText);
            return true;
        } catch (WireException e) {
            return false;
        }
    }

    /** The full JID the server bound for the requested resource; a refusal means the test could not run. */
    String bindResource(String resourceOrNull) {
        Binding binding = requestBinding(resourceOrNull);
        if (binding.isRefused()) {
            throw new TestError("resource binding was refused with " + binding.refusal());
        }
        return binding.fullJid();
    }
}
