package org.stanzalab.suites.rfc6121;

import java.util.List;
import java.util.function.Predicate;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.roster.Roster;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;

/**
 * One resource of a user, logged in the way an RFC 6121 client is: it has requested its roster (so it is an
 * "interested resource"), it acknowledges every roster push (its session's mailbox records them), and it answers
 * subscription requests only when the test says so.
 * <p>
 * Smack's own roster manager must stay out of play. Its push handler would judge roster pushes by itself, so the
 * session answers them instead. And it must not answer subscription requests: the engine makes manual mode Smack's
 * default, and this class sets it again for its own connection, so a test never depends on that default.
 */
public final class ImClient {
    private final Session session;

    private ImClient(Session session) {
        this.session = session;
    }

    /** Logs the user in, takes over roster pushes and subscription requests, and requests the roster. */
    public static ImClient connect(User user) {
        Session session = user.connect();
        Roster.getInstanceFor(session.smack()).setSubscriptionMode(Roster.SubscriptionMode.manual);
        session.answer(IQ.Type.set, RosterPacket.ELEMENT, RosterPacket.NAMESPACE, IQ::createResultIQ);
        ImClient client = new ImClient(session);
        client.fetchRoster();
        return client;
    }

    public Session session() {
        return session;
    }

    public EntityFullJid jid() {
        return session.jid();
    }

    public EntityBareJid bareJid() {
        return session.bareJid();
    }

    // ---- roster ----

    /** Sends a roster get (RFC 6121 §2.1.3) and returns the items of the result. */
    public List<RosterPacket.Item> fetchRoster() {
        IQ reply = session.requestResult(RosterRequests.get());
        if (!(reply instanceof RosterPacket roster)) {
            throw new ServerFailure(session.label() + ": the roster result carries no jabber:iq:roster query: " + reply.toXML());
        }
        return roster.getRosterItems();
    }

    /** The item for this contact in a freshly fetched roster, or null when the roster has none. */
    public RosterPacket.Item rosterItem(Jid contact) {
        return fetchRoster().stream().filter(RosterRequests.itemFor(contact)).findFirst().orElse(null);
    }

    /**
     * Waits for a roster push whose item matches, and returns that item. A push that a client must ignore
     * (RFC 6121 §2.1.6: it comes from somewhere other than the account's bare JID) is a failure too.
     */
    public RosterPacket.Item expectRosterPush(String description, Predicate<? super RosterPacket.Item> matcher) {
        return expectRosterPushStanza(description, matcher).getRosterItems().stream().filter(matcher).findFirst().orElseThrow();
    }

    /**
     * Waits for a roster push for {@code contact} whose item shows what the requirement asks ({@code expected}, in
     * words). A server may push one contact more than once in a row (an intermediate state, then the final one), and
     * RFC 6121 does not say it must not: every push for the contact counts, not only the first. When none shows it
     * within the reply timeout, the failure lists each push for the contact that did come.
     */
    public RosterPacket.Item expectRosterPushShowing(String description, Jid contact, String expected, Predicate<RosterPacket.Item> shows) {
        try {
            return expectRosterPush(description + " showing " + expected, RosterRequests.itemFor(contact).and(shows));
        } catch (ServerFailure notShown) {
            List<String> pushed = session.received().stream()
                    .filter(s -> s instanceof RosterPacket push && push.getType() == IQ.Type.set)
                    .flatMap(s -> ((RosterPacket) s).getRosterItems().stream())
                    .filter(RosterRequests.itemFor(contact)).map(RosterRequests::describe).toList();
            if (pushed.isEmpty()) {
                throw notShown;
            }
            throw new ServerFailure(session.label() + " expected a roster push " + description + " showing " + expected
                    + ", but none did; the pushes for " + contact + " it received showed, in order: " + String.join("; ", pushed));
        }
    }

    /** Like {@link #expectRosterPush}, returning the whole push (for its 'ver' attribute, say). */
    public RosterPacket expectRosterPushStanza(String description, Predicate<? super RosterPacket.Item> matcher) {
        RosterPacket push = session.expect(RosterPacket.class, "a roster push " + description,
                p -> p.getType() == IQ.Type.set && p.getRosterItems().stream().anyMatch(matcher));
        Jid from = push.getFrom();
        if (from != null && !from.equals(bareJid())) {
            throw new ServerFailure(session.label() + " received the roster push " + description + " from " + from
                    + "; a client must ignore pushes that do not come from its account's bare JID " + bareJid()
                    + " (RFC 6121 §2.1.6): " + push.toXML());
        }
        return push;
    }

    // ---- presence and stanzas ----

    /** Sends initial presence (RFC 6121 §4.2.1) with priority 0; returns once the server has processed it. */
    public ImClient available() {
        session.available().settled();
        return this;
    }

    /** Like {@link #available()}, with this status text, so others can tell this presence from any other. */
    public ImClient available(String status) {
        session.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setStatus(status).build());
        session.settled();
        return this;
    }

    public void send(Stanza stanza) {
        session.send(stanza);
    }

    /** Waits for a presence that matches among those not yet matched or forgotten. */
    public Presence expectPresence(String description, Predicate<? super Presence> matcher) {
        return session.expectPresence(description, matcher);
    }

    /**
     * Fails if a matching presence reaches this resource, deciding as soon as a marker message that {@code cause}
     * sent after the presence under test has arrived here: the presence comes out of processing what {@code cause}'s
     * stream sent, and the server processes that stream in order (RFC 6120 §10.1), so the marker cannot overtake it.
     */
    public void expectNoPresenceFrom(ImClient cause, String description, Predicate<? super Presence> matcher) {
        session.expectNothingBefore(cause.session.sendMarkerTo(session), Presence.class, description, matcher);
    }

    /**
     * Sends XML exactly as given, for a stanza Smack would refuse to build (an out-of-range priority, say). It goes
     * out as a nonza, so Smack neither checks nor changes it.
     */
    public void sendRaw(String xml) {
        try {
            session.smack().sendNonza(new RawXml(xml));
        } catch (org.jivesoftware.smack.SmackException.NotConnectedException e) {
            throw new TestError(session.label() + " is no longer connected, so nothing could be sent", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while sending", e);
        }
    }

    private record RawXml(String xml) implements org.jivesoftware.smack.packet.Nonza {
        @Override
        public String getNamespace() {
            return "jabber:client";
        }

        @Override
        public String getElementName() {
            return "raw";
        }

        @Override
        public CharSequence toXML(org.jivesoftware.smack.packet.XmlEnvironment enclosingNamespace) {
            return xml;
        }
    }

    @Override
    public String toString() {
        return session.label() + " (" + jid() + ")";
    }
}
