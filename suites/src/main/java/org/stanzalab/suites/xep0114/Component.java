package org.stanzalab.suites.xep0114;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.ServerAnswer;
import org.stanzalab.engine.target.ComponentLogin;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * The tool as an external component (XEP-0114 §3) on the wire driver: a {@code jabber:component:accept} stream to
 * the server's component port, the handshake, and stanzas both ways. The shared secret reaches the transcript only
 * masked (the handshake is sent redacted, and the login registers the secret with the masker).
 */
final class Component {
    static final String ACCEPT = "jabber:component:accept";

    private final Lab lab;
    private final ComponentLogin login;
    private final WireStream stream;
    private StreamHeader header;
    private int nextId = 1;

    private Component(Lab lab, ComponentLogin login, WireStream stream) {
        this.lab = lab;
        this.login = login;
        this.stream = stream;
    }

    /** The component the run may log in as; the test is impossible without one. */
    static ComponentLogin login(Lab lab) {
        Optional<ComponentLogin> login = lab.services().component();
        lab.requireThat(login.isPresent(), "the run knows no external component of " + lab.domain()
                + " (target property 'component' DOMAIN:SECRET and 'component-port')");
        return login.get();
    }

    /** A TCP connection to the component port, no stream yet. */
    static Component connect(Lab lab, ComponentLogin login) {
        try {
            return new Component(lab, login, lab.wire(login.port(), login.domain(), false, TlsOptions.DEFAULT));
        } catch (WireException e) {
            throw new TestError("cannot reach the component port " + login.port() + ": " + e.getMessage(), e);
        }
    }

    /** Connects, opens the stream and completes the handshake with the right secret: a session set-up step. */
    static Component loggedIn(Lab lab) {
        ComponentLogin login = login(lab);
        return lab.setUp("log in as the external component " + login.domain(), () -> {
            Component component = connect(lab, login);
            component.open(login.domain(), ACCEPT);
            XmlElement answer = component.handshake(login.secret());
            if (!answer.is("handshake", ACCEPT)) {
                throw new ServerFailure("the server answered the right handshake with " + answer.toXml());
            }
            return component;
        });
    }

    String domain() {
        return login.domain();
    }

    StreamHeader header() {
        return header;
    }

    /** Sends an initial stream header for {@code to} in namespace {@code ns}; returns the server's header. */
    StreamHeader open(String to, String ns) {
        send("<?xml version='1.0'?><stream:stream xmlns='" + XmlEscape.attribute(ns)
                + "' xmlns:stream='http://etherx.jabber.org/streams' to='" + XmlEscape.attribute(to) + "'>");
        header = ServerAnswer.await("the server's response stream header", stream::readStreamHeader);
        return header;
    }

    /**
     * Sends the handshake for this secret (the lowercase hex SHA-1 of the stream id followed by the secret) and
     * returns the server's answer: its {@code <handshake/>} or a stream error, whichever comes first.
     */
    XmlElement handshake(String secret) {
        String digest = handshakeDigest(header.id(), secret);
        try {
            stream.sendRedacted("<handshake>" + digest + "</handshake>",
                    "<handshake>[SHA-1 of the stream id and the secret, redacted]</handshake>");
        } catch (WireException e) {
            throw new TestError("could not send the handshake: " + e.getMessage(), e);
        }
        return expect("the server's <handshake/> or a stream error after our handshake",
                e -> e.is("handshake", ACCEPT) || StreamError.isStreamError(e));
    }

    /** Sends the handshake unless the server has already ended the stream; does not wait for an answer. */
    void handshakeIfStillOpen(String secret) {
        try {
            stream.sendRedacted("<handshake>" + handshakeDigest(header.id(), secret) + "</handshake>",
                    "<handshake>[SHA-1 of the stream id and the secret, redacted]</handshake>");
        } catch (WireException e) {
            lab.transcript().note("xep0114", "the handshake could not be sent (" + e.getMessage() + "); the server had ended the stream");
        }
    }

    /** Every element the server has sent on this stream so far. */
    java.util.List<XmlElement> received() {
        return stream.received();
    }

    static String handshakeDigest(String streamId, String secret) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-1").digest((streamId + secret).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    String newId(String purpose) {
        return "c-" + purpose + "-" + nextId++;
    }

    void send(String xml) {
        try {
            stream.send(xml);
        } catch (WireException e) {
            throw new TestError("could not send to the server as the component: " + e.getMessage(), e);
        }
    }

    /**
     * Sends unless the server has ended the stream meanwhile, for the steps after one the server may answer by ending
     * it; returns whether it went out.
     */
    boolean sendIfStillOpen(String xml) {
        try {
            stream.send(xml);
            return true;
        } catch (WireException e) {
            lab.transcript().note("xep0114", "could not send (" + e.getMessage() + "): the server had ended the stream");
            return false;
        }
    }

    /** A message from {@code from} (an address of the component's domain, or another one on purpose); returns its id. */
    String sendMessage(String from, String to, String body) {
        String id = newId("msg");
        send(message(id, from, to, body));
        return id;
    }

    static String message(String id, String from, String to, String body) {
        return "<message type='chat' id='" + id + "' from='" + XmlEscape.attribute(from) + "' to='" + XmlEscape.attribute(to)
                + "'><body>" + XmlEscape.text(body) + "</body></message>";
    }

    /** The first element {@code wanted} accepts; nothing within the reply timeout, or a stream that ends, fails. */
    XmlElement expect(String what, Predicate<XmlElement> wanted) {
        return ServerAnswer.await(what, () -> stream.expect(wanted, what));
    }

    /** The stream error the server sends (or sent already, before closing). */
    StreamError expectStreamError(String what) {
        return ServerAnswer.await(what, stream::expectStreamError);
    }

    /** How the server ended the stream, within the reply timeout. */
    Closure awaitClosure() {
        return ServerAnswer.await("the server to end the component stream", stream::awaitClosure);
    }

    Optional<StreamError> lastStreamError() {
        return stream.lastStreamError();
    }

    /** Ends the session the orderly way and waits for the server to close its side. */
    void disconnect() {
        send("</stream:stream>");
        awaitClosure();
        stream.close();
    }
}
