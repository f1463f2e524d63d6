package org.stanzalab.engine;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Predicate;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.smack.SmackConnector;

/**
 * One logged-in client connection of a test. Its mailbox records everything it receives, IQ requests included, so
 * a test states what must arrive ({@link #expect}) or must not ({@link #expectNothingBefore}) and the session waits
 * only as long as needed. IQ requests are answered with service-unavailable unless the test says how to answer them
 * ({@link #answer}).
 */
public final class Session implements AutoCloseable {
    private final XMPPTCPConnection connection;
    private final String label;
    private final Lab lab;
    private final Inbox inbox;
    private final IqAnswers answers;

    Session(XMPPTCPConnection connection, String label, Lab lab, Inbox inbox, IqAnswers answers) {
        this.connection = connection;
        this.label = label;
        this.lab = lab;
        this.inbox = inbox;
        this.answers = answers;
        // Marker IQs (see Marker) get a result, so a marker's round trip never depends on an error reply.
        answers.answer(IQ.Type.get, Marker.ELEMENT, Marker.NAMESPACE, IQ::createResultIQ);
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

    Lab lab() {
        return lab;
    }

    Inbox inbox() {
        return inbox;
    }

    /**
     * Answers IQ requests of this type with this payload ({@code element} in {@code namespace}) as {@code reply}
     * says; they are recorded in the mailbox all the same. Without it, a payload that no Smack manager handles
     * (disco, ping, roster and the like do) is answered with service-unavailable, as a client that does not know the
     * payload must (RFC 6120 §8.4).
     */
    public Session answer(IQ.Type type, String element, String namespace, Function<IQ, IQ> reply) {
        answers.answer(type, element, namespace, reply);
        return this;
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

    /**
     * Returns once the server has processed everything this session has sent so far: a server handles one stream's
     * stanzas in order (RFC 6120 §10.1), so the reply to a ping sent now comes after. See {@link Barrier#settled}.
     */
    public Session settled() {
        lab.barrier(this).settled();
        return this;
    }

    /**
     * Sends a marker message (type normal, no body) to the full JID of {@code recipient}, which the server must
     * deliver to exactly that resource (RFC 6121 §8.5.3.1). Sent after a stanza by this session, it arrives after
     * whatever that stanza caused on the recipient's stream.
     */
    public Marker sendMarkerTo(Session recipient) {
        SynchronisationCheck.requireWorking(lab);
        String id = newMarkerId();
        send(StanzaBuilder.buildMessage(id).to(recipient.jid())
                .ofType(Message.Type.normal).addExtension(new StandardExtensionElement(Marker.ELEMENT, Marker.NAMESPACE)).build());
        return new Marker(id, recipient, "message from " + label + " to " + recipient.label(), false);
    }

    /**
     * Sends a marker IQ get to {@code to} without waiting. Every IQ get is answered (RFC 6120 §8.2.3): a session of
     * ours with a result, a server or any other entity with an error, since nobody else knows the payload. The reply
     * comes back to this session after whatever an earlier stanza to the same address sent back, such as a bounce.
     */
    public Marker sendMarkerIq(Jid to) {
        SynchronisationCheck.requireWorking(lab);
        RawIq iq = new RawIq(IQ.Type.get, to, Marker.ELEMENT, Marker.NAMESPACE, "");
        String id = newMarkerId();
        iq.setStanzaId(id);
        send(iq);
        return new Marker(id, this, "IQ from " + label + " to " + (to == null ? "its own account" : to), true);
    }

    private static String newMarkerId() {
        return "marker-" + UUID.randomUUID().toString().substring(0, 8);
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
     * Sends an IQ and returns the reply, result or error. No usable reply within the reply timeout is a server
     * failure that says what came instead (see {@link UnseenReply}): a reply from another address than the one
     * addressed, one that could not be parsed, one that came late, or none (RFC 6120 §8.2.3 requires one).
     */
    public IQ request(IQ iq) {
        long sent = System.nanoTime();
        try {
            return connection.sendIqRequestAndWaitForResponse(iq);
        } catch (XMPPException.XMPPErrorException e) {
            return (IQ) e.getStanza();
        } catch (SmackException.NoResponseException e) {
            throw new UnseenReply(this, iq, sent).failure();
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
                    + ", but it did not arrive" + unparsableNote() + ". Last traffic:\n" + lab.transcript().tail(6));
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

    /**
     * Fails if a matching stanza has reached this session by the time {@code marker} has (one not yet matched by an
     * expectation or forgotten). The marker must have been sent after the stanza under test by the same route, so
     * that it cannot overtake it; this returns as soon as the marker is here.
     */
    public <S extends Stanza> void expectNothingBefore(Marker marker, Class<S> type, String description, Predicate<? super S> matcher) {
        if (marker.arrivesAt() != this) {
            throw new TestError("the marker " + marker + " arrives at " + marker.arrivesAt().label() + ", not at " + label);
        }
        marker.await();
        inbox.takeNow(type, matcher).ifPresent(found -> failUndelivered(description, found));
    }

    /**
     * Watches a fixed quiet period and fails if a matching stanza arrives. Only for an absence that no ordered route
     * can prove: prefer {@link #expectNothingBefore}, and say in a comment why no marker can do. The wait is tallied
     * as a fixed wait.
     */
    public <S extends Stanza> void expectNothingWithinQuietPeriod(Class<S> type, String description, Predicate<? super S> matcher) {
        long start = System.nanoTime();
        Optional<S> found = poll(type, matcher, lab.quietPeriod());
        lab.recordFixedWait(Duration.ofNanos(System.nanoTime() - start));
        found.ifPresent(stanza -> failUndelivered(description, stanza));
    }

    /** What this session received but Smack could not parse: it may be what the test waited for. */
    String unparsableNote() {
        List<Inbox.Unparsed> unparsed = inbox.unparsed();
        if (unparsed.isEmpty()) {
            return "";
        }
        Inbox.Unparsed last = unparsed.get(unparsed.size() - 1);
        return "; the server sent " + unparsed.size() + " stanza(s) that could not be parsed, the last (" + last.problem()
                + ") at the end of: " + last.tail();
    }

    private void failUndelivered(String description, Stanza found) {
        throw new ServerFailure(label + " received " + description + ", which must not be delivered: " + found.toXML());
    }

    /** Everything received so far, matched, forgotten or not, in the order it arrived. */
    public List<Stanza> received() {
        return inbox.all();
    }

    /**
     * Treats everything received so far as seen, so later expectations only match what the test's next action
     * causes. Call it once the last stanza of the setup has been waited for.
     */
    public Session forget() {
        inbox.forget(stanza -> true);
        return this;
    }

    /** Like {@link #forget()}, for the stanzas of one kind only (say {@code Presence.class}). */
    public Session forget(Class<? extends Stanza> type) {
        inbox.forget(type::isInstance);
        return this;
    }

    <S extends Stanza> Optional<S> poll(Class<S> type, Predicate<? super S> matcher, Duration timeout) {
        try {
            return inbox.take(type, matcher, timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while waiting for " + type.getSimpleName(), e);
        }
    }

    @Override
    public void close() {
        SmackConnector.disconnect(connection);
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
