package org.stanzalab.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;

/**
 * One logged-in client connection of a test. It records everything it receives, so a test states what must
 * arrive ({@link #expect}) or must not ({@link #expectNothing}) and the session waits only as long as needed.
 */
public final class Session implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final String label;
    private final Lab lab;
    private final Inbox inbox;

    Session(XMPPTCPConnection connection, String label, Lab lab, Inbox inbox) {
        this.connection = connection;
        this.label = label;
        this.lab = lab;
        this.inbox = inbox;
    }

    public EntityFullJid jid() {
        return connection.getUser();
    }

    public EntityBareJid bareJid() {
        return connection.getUser().asEntityBareJid();
    }

    /** The label this connection has in the transcript, e.g. "alice#2". */
    public String label() {
        return label;
    }

    /** The underlying Smack connection, for the rare test that needs a manager Smack provides. */
    public XMPPTCPConnection smack() {
        return connection;
    }

    public boolean isConnected() {
        return connection.isConnected();
    }

    // ---- sending ----

    public void send(Stanza stanza) {
        try {
            connection.sendStanza(stanza);
        } catch (SmackException.NotConnectedException e) {
            throw new TestError(label + " is no longer connected, so nothing could be sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while sending", e);
        }
    }

    /** Sends initial presence (RFC 6121 §4.2), making this resource available. */
    public Session available() {
        return available(0);
    }

    public Session available(int priority) {
        send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setPriority(priority).build());
        return this;
    }

    /** Sends a message of the given type with a body; returns the stanza as sent (with its id). */
    public Message sendMessage(Jid to, Message.Type type, String body) {
        Message message = connection.getStanzaFactory().buildMessageStanza()
                .to(to).ofType(type).setBody(body).build();
        send(message);
        return message;
    }

    /**
     * Sends an IQ and returns the reply, result or error. No reply within the reply timeout is a server failure:
     * RFC 6120 §8.2.3 requires an answer to every get and set.
     */
    public IQ request(IQ iq) {
        try {
            return connection.sendIqRequestAndWaitForResponse(iq);
        } catch (XMPPException.XMPPErrorException e) {
            return (IQ) e.getStanza();
        } catch (SmackException.NoResponseException e) {
            throw new ServerFailure("no reply within " + seconds(lab.timeouts().reply()) + " to " + describe(iq)
                    + " (RFC 6120 §8.2.3 requires one)");
        } catch (SmackException.NotConnectedException e) {
            throw new TestError(label + " lost its connection while waiting for a reply to " + describe(iq), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while waiting for a reply", e);
        }
    }

    /** Sends an IQ whose reply must be a result, and returns it. */
    public IQ requestResult(IQ iq) {
        IQ reply = request(iq);
        if (reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a result to " + describe(iq) + ", got " + describeError(reply));
        }
        return reply;
    }

    /** Sends an IQ whose reply must be an error, and returns the error. */
    public StanzaError requestError(IQ iq) {
        IQ reply = request(iq);
        if (reply.getType() != IQ.Type.error || reply.getError() == null) {
            throw new ServerFailure("expected an error reply to " + describe(iq) + ", got " + reply.toXML());
        }
        return reply.getError();
    }

    // ---- receiving ----

    public <S extends Stanza> S expect(Class<S> type, String description, Predicate<? super S> matcher) {
        return expectWithin(lab.timeouts().reply(), type, description, matcher);
    }

    public <S extends Stanza> S expectWithin(Duration timeout, Class<S> type, String description, Predicate<? super S> matcher) {
        Optional<S> found = poll(type, matcher, timeout);
        if (found.isEmpty()) {
            throw new ServerFailure(label + " expected " + description + " within " + seconds(timeout)
                    + ", but it did not arrive. Last traffic:\n" + lab.transcript().tail(6));
        }
        return found.get();
    }

    public Message expectMessage(String description, Predicate<? super Message> matcher) {
        return expect(Message.class, description, matcher);
    }

    public Presence expectPresence(String description, Predicate<? super Presence> matcher) {
        return expect(Presence.class, description, matcher);
    }

    public IQ expectIq(String description, Predicate<? super IQ> matcher) {
        return expect(IQ.class, description, matcher);
    }

    /** Watches for the quiet period and fails if a matching stanza arrives. */
    public <S extends Stanza> void expectNothing(Class<S> type, String description, Predicate<? super S> matcher) {
        Optional<S> found = poll(type, matcher, lab.timeouts().quiet());
        if (found.isPresent()) {
            throw new ServerFailure(label + " received " + description + ", which must not be delivered: "
                    + found.get().toXML());
        }
    }

    /** Everything received so far, consumed or not. */
    public List<Stanza> received() {
        return inbox.all();
    }

    private <S extends Stanza> Optional<S> poll(Class<S> type, Predicate<? super S> matcher, Duration timeout) {
        try {
            return inbox.take(type, matcher, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        connection.disconnect();
    }

    static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    static String describe(IQ iq) {
        String child = iq.getChildElementName() == null ? "" : " <" + iq.getChildElementName() + " xmlns='" + iq.getChildElementNamespace() + "'>";
        return "IQ " + iq.getType() + child;
    }

    static String describeError(IQ reply) {
        StanzaError error = reply.getError();
        if (reply.getType() == IQ.Type.error && error != null) {
            return "error <" + error.getCondition() + "/> (type " + error.getType() + ")";
        }
        return reply.toXML().toString();
    }
}
