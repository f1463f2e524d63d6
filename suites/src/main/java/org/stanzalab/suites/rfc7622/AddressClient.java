package org.stanzalab.suites.rfc7622;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StanzaErrorException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * A client stream that writes addresses exactly as the test spells them. Smack prepares every JID before it
 * leaves the client (and refuses the invalid ones), so a test of the server's own address handling has to write
 * the XML by hand and read the raw attributes the server sends back.
 *
 * <p>Everything the server sends is kept in arrival order, so a test may wait for several answers in any order.
 * Preparing the stream (login, binding, presence) that goes wrong is a {@link TestError}; an answer that does not
 * come is the server's failure.
 */
final class AddressClient {
    private final Lab lab;
    private final User user;
    private final WireStream stream;
    private final List<XmlElement> unread = new ArrayList<>();
    private String jid;
    private int nextId = 1;

    private AddressClient(Lab lab, User user, WireStream stream) {
        this.lab = lab;
        this.user = user;
        this.stream = stream;
    }

    // ---------------------------------------------------------------- getting ready

    /**
     * Authenticated as a spelling of the account's username that the server may or may not accept; a refusal ends
     * the test as impossible, because how SASL prepares a username is the mechanism's business, not RFC 7622's.
     */
    static AddressClient authenticatedAsVariant(Lab lab, User user, String username) {
        WireStream stream = lab.wireOverTls();
        try {
            stream.authenticatePlain(username, user.password());
        } catch (SaslFailureException e) {
            throw new Impossible("the server does not authenticate '" + username + "' as the account " + user.username()
                    + " with SASL PLAIN: " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not authenticate " + user.role() + " as '" + username + "': " + e.getMessage(), e);
        }
        return new AddressClient(lab, user, stream);
    }

    /** Secured and authenticated with SASL PLAIN as the user. */
    static AddressClient authenticated(Lab lab, User user) {
        WireStream stream = lab.wireOverTls();
        try {
            stream.authenticatePlain(user.username(), user.password());
        } catch (WireException e) {
            throw new TestError("could not authenticate " + user.role() + ": " + e.getMessage(), e);
        }
        return new AddressClient(lab, user, stream);
    }

    /** Authenticated and bound to the requested resource (null: one the server picks). */
    static AddressClient bound(Lab lab, User user, String resourceOrNull) {
        AddressClient client = authenticated(lab, user);
        Binding binding = client.bind(resourceOrNull);
        if (binding.isRefused()) {
            throw new TestError("could not bind a resource for " + user.role() + ": <" + binding.refusal() + "/>");
        }
        return client;
    }

    /** Bound and available (initial presence processed), so messages to the bare JID reach it. */
    static AddressClient online(Lab lab, User user, String resourceOrNull) {
        AddressClient client = bound(lab, user, resourceOrNull);
        client.send("<presence/>");
        client.settle();
        return client;
    }

    static AddressClient online(Lab lab, User user) {
        return online(lab, user, null);
    }

    /** Asks the server to bind this resource and reports what it answered; stores the bound JID. */
    Binding bind(String resourceOrNull) {
        try {
            jid = stream.bind(resourceOrNull);
            return new Binding(jid, null, null);
        } catch (StanzaErrorException e) {
            return new Binding(null, e.condition() == null ? "(no condition)" : e.condition(), e.stanza());
        } catch (WireException e) {
            throw new ServerFailure("no usable answer to the request to bind '" + resourceOrNull + "': " + e.getMessage());
        }
    }

    /** What the server answered to a resource binding request: the JID it bound, or the condition it refused with. */
    record Binding(String jid, String refusal, XmlElement errorReply) {
        boolean isRefused() {
            return jid == null;
        }

        /** The resourcepart of the bound JID: everything after the first '/' (RFC 7622 §3.2 parsing). */
        String resource() {
            int slash = jid.indexOf('/');
            return slash < 0 ? "" : jid.substring(slash + 1);
        }

        String bareJid() {
            int slash = jid.indexOf('/');
            return slash < 0 ? jid : jid.substring(0, slash);
        }
    }

    // ---------------------------------------------------------------- who

    User user() {
        return user;
    }

    /** The full JID the server bound, exactly as it wrote it. */
    String jid() {
        if (jid == null) {
            throw new IllegalStateException("no resource bound yet");
        }
        return jid;
    }

    // ---------------------------------------------------------------- acting

    String newId(String purpose) {
        return purpose + "-" + nextId++;
    }

    void send(String xml) {
        try {
            stream.send(xml);
        } catch (WireException e) {
            throw new TestError("could not send to the server: " + e.getMessage(), e);
        }
    }

    /** Sends a chat message to the address exactly as given; returns the stanza's id. */
    String sendMessage(String to, String body) {
        String id = newId("msg");
        send("<message type='chat' id='" + id + "' to='" + XmlEscape.attribute(to) + "'><body>"
                + XmlEscape.text(body) + "</body></message>");
        return id;
    }

    /** Sends an IQ written by hand and waits for the reply with its id (RFC 6120 §8.2.3 requires one). */
    XmlElement request(String iqXml, String id) {
        send(iqXml);
        return expect(e -> e.is("iq", XmppNamespaces.CLIENT) && id.equals(e.attribute("id").orElse(null))
                && (hasType(e, "result") || hasType(e, "error")), "a reply to IQ '" + id + "'");
    }

    /** A ping (XEP-0199) to this address, written exactly as given; returns the reply. */
    XmlElement ping(String to) {
        String id = newId("ping");
        return request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(to)
                + "'><ping xmlns='urn:xmpp:ping'/></iq>", id);
    }

    /**
     * Returns once the server has processed everything this stream sent so far: it handles a stream's stanzas in
     * order, so its answer to a ping sent now comes after its answers to anything sent before.
     */
    void settle() {
        ping(lab.domain());
    }

    /** Fails with the reason given unless the server still answers a ping on this stream. */
    void assertStillConnected(String failure) {
        try {
            settle();
        } catch (ServerFailure e) {
            throw new ServerFailure(failure + ": " + e.getMessage()
                    + stream.lastStreamError().map(err -> " (stream error " + err.describe() + ")").orElse(""));
        }
    }

    // ---------------------------------------------------------------- receiving

    /** The first element (received or still to come) that matches; the server failed if none comes in time. */
    XmlElement expect(Predicate<XmlElement> wanted, String description) {
        return poll(wanted, lab.timeouts().reply()).orElseThrow(() -> new ServerFailure(user.role() + " expected "
                + description + " within " + lab.timeouts().reply().toSeconds() + " s, but it did not arrive. Last traffic:\n"
                + lab.transcript().tail(6)));
    }

    /** Fails if a matching element arrives within the quiet period (or has arrived already). */
    void expectNothing(Predicate<XmlElement> unwanted, String description) {
        poll(unwanted, lab.timeouts().quiet()).ifPresent(e -> {
            throw new ServerFailure(user.role() + " received " + description + ", which must not be delivered: " + e.toXml());
        });
    }

    /** The first matching element that arrives within the reply timeout, if any. */
    Optional<XmlElement> await(Predicate<XmlElement> wanted) {
        return poll(wanted, lab.timeouts().reply());
    }

    /** A matching element that has already arrived, without waiting. */
    Optional<XmlElement> alreadyReceived(Predicate<XmlElement> wanted) {
        return poll(wanted, Duration.ZERO);
    }

    /** The answer to the stanza with this id: an error of the same kind, or (for an IQ) a result. */
    static Predicate<XmlElement> replyTo(String id) {
        return e -> id.equals(e.attribute("id").orElse(null)) && (hasType(e, "error") || hasType(e, "result"));
    }

    /** A message carrying this body. */
    static Predicate<XmlElement> messageWithBody(String body) {
        return e -> e.is("message", XmppNamespaces.CLIENT) && body.equals(e.childText("body", XmppNamespaces.CLIENT).orElse(null));
    }

    private Optional<XmlElement> poll(Predicate<XmlElement> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<XmlElement> it = unread.iterator(); it.hasNext(); ) {
                XmlElement element = it.next();
                if (wanted.test(element)) {
                    it.remove();
                    return Optional.of(element);
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            try {
                XmlElement element = stream.next(Duration.ofNanos(left));
                unread.add(element);
                answerRosterPush(element);
            } catch (WireTimeoutException e) {
                return Optional.empty();
            } catch (WireException e) {
                throw new ServerFailure(user.role() + "'s stream ended while waiting: " + e.getMessage());
            }
        }
    }

    /** A client acknowledges roster pushes (RFC 6121 §2.1.6); the push itself stays available to the test. */
    private void answerRosterPush(XmlElement element) {
        if (element.is("iq", XmppNamespaces.CLIENT) && hasType(element, "set") && element.hasChild("query", "jabber:iq:roster")) {
            element.attribute("id").ifPresent(id -> send("<iq type='result' id='" + XmlEscape.attribute(id) + "'/>"));
        }
    }

    // ---------------------------------------------------------------- reading answers

    static boolean hasType(XmlElement stanza, String type) {
        return stanza.attribute("type").orElse("").equals(type);
    }

    /** The defined condition inside a stanza's {@code <error/>}; null if there is none. */
    static String errorCondition(XmlElement stanza) {
        return stanza.child("error", XmppNamespaces.CLIENT).flatMap(error -> error.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.STANZA_ERRORS) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst()).orElse(null);
    }

    /** "error <jid-malformed/>", "result", or the XML of anything else, for failure messages. */
    static String describe(XmlElement reply) {
        if (hasType(reply, "error")) {
            return "error <" + errorCondition(reply) + "/>: " + reply.toXml();
        }
        return reply.toXml();
    }
}
