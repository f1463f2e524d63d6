package org.stanzalab.suites.rfc6121;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
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
 * "interested resource"), it records and acknowledges every roster push, and it answers subscription requests
 * only when the test says so.
 * <p>
 * Smack's own roster manager must stay out of play. Its push handler would swallow roster pushes: Smack hands IQ
 * requests only to their handler, never to the session's inbox, so a handler of ours replaces it and records them.
 * And it must not answer subscription requests: the engine makes manual mode Smack's default, and this class sets
 * it again for its own connection, so a test never depends on that default.
 */
final class ImClient {
    private final Lab lab;
    private final Session session;
    private final RosterPushes pushes = new RosterPushes();
    private final StanzaLog<Presence> presences = new StanzaLog<>(p -> p.toXML().toString());

    private ImClient(Lab lab, Session session) {
        this.lab = lab;
        this.session = session;
    }

    /** Logs the user in, takes over roster pushes and subscription requests, and requests the roster. */
    static ImClient connect(Lab lab, User user) {
        Session session = user.connect();
        Roster.getInstanceFor(session.smack()).setSubscriptionMode(Roster.SubscriptionMode.manual);
        ImClient client = new ImClient(lab, session);
        session.smack().registerIQRequestHandler(client.pushes);
        session.smack().addSyncStanzaListener(stanza -> client.presences.add((Presence) stanza), stanza -> stanza instanceof Presence);
        client.fetchRoster();
        return client;
    }

    Session session() {
        return session;
    }

    EntityFullJid jid() {
        return session.jid();
    }

    EntityBareJid bareJid() {
        return session.bareJid();
    }

    // ---- roster ----

    /** Sends a roster get (RFC 6121 §2.1.3) and returns the items of the result. */
    List<RosterPacket.Item> fetchRoster() {
        IQ reply = session.requestResult(RosterRequests.get());
        if (!(reply instanceof RosterPacket roster)) {
            throw new ServerFailure(session.label() + ": the roster result carries no jabber:iq:roster query: " + reply.toXML());
        }
        return roster.getRosterItems();
    }

    /** The item for this contact in a freshly fetched roster, or null when the roster has none. */
    RosterPacket.Item rosterItem(Jid contact) {
        return fetchRoster().stream().filter(RosterRequests.itemFor(contact)).findFirst().orElse(null);
    }

    /**
     * Waits for a roster push whose item matches, and returns that item. A push that a client must ignore
     * (RFC 6121 §2.1.6: it comes from somewhere other than the account's bare JID) is a failure too.
     */
    RosterPacket.Item expectRosterPush(String description, Predicate<? super RosterPacket.Item> matcher) {
        return expectRosterPushStanza(description, matcher).getRosterItems().stream().filter(matcher).findFirst().orElseThrow();
    }

    /** Like {@link #expectRosterPush}, returning the whole push (for its 'ver' attribute, say). */
    RosterPacket expectRosterPushStanza(String description, Predicate<? super RosterPacket.Item> matcher) {
        RosterPacket push = pushes.take(matcher, lab.timeouts().reply());
        if (push == null) {
            throw new ServerFailure(session.label() + " expected a roster push " + description + " within "
                    + seconds(lab.timeouts().reply()) + ", but none came. Roster pushes received: " + pushes.describeAll()
                    + "\nLast traffic:\n" + lab.transcript().tail(6));
        }
        Jid from = push.getFrom();
        if (from != null && !from.equals(bareJid())) {
            throw new ServerFailure(session.label() + " received the roster push " + description + " from " + from
                    + "; a client must ignore pushes that do not come from its account's bare JID " + bareJid()
                    + " (RFC 6121 §2.1.6): " + push.toXML());
        }
        return push;
    }

    /**
     * Treats every roster push received so far as seen, so that later expectations only match pushes caused by
     * what the test does next. Call it only once the last push of the setup has been waited for.
     */
    void forgetRosterPushes() {
        pushes.consumeAll();
    }

    // ---- presence and stanzas ----

    /** Sends initial presence (RFC 6121 §4.2.1) with priority 0; returns once the server has processed it. */
    ImClient available() {
        Resources.available(session, 0);
        return this;
    }

    /** Like {@link #available()}, with this status text, so others can tell this presence from any other. */
    ImClient available(String status) {
        session.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setStatus(status).build());
        Resources.settled(session);
        return this;
    }

    void send(Stanza stanza) {
        session.send(stanza);
    }

    Presence expectPresence(String description, Predicate<? super Presence> matcher) {
        return session.expectPresence(description, matcher);
    }

    /**
     * Sends XML exactly as given, for a stanza Smack would refuse to build (an out-of-range priority, say). It goes
     * out as a nonza, so Smack neither checks nor changes it.
     */
    void sendRaw(String xml) {
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

    /** Sends a presence and returns once the server has processed it. */
    ImClient sendSettled(Stanza stanza) {
        session.send(stanza);
        Resources.settled(session);
        return this;
    }

    // ---- presence as recorded since the last forgetPresences() ----

    /**
     * Waits for a presence that matches among those not yet matched or forgotten. Unlike {@link #expectPresence},
     * this sees only what arrived after the last {@link #forgetPresences()}.
     */
    Presence awaitPresence(String description, Predicate<? super Presence> matcher) {
        return presences.take(matcher, lab.timeouts().reply()).orElseThrow(() -> new ServerFailure(session.label()
                + " expected " + description + " within " + seconds(lab.timeouts().reply()) + ", but it did not arrive."
                + " Presences received meanwhile: " + presences.describeOpen() + "\nLast traffic:\n" + lab.transcript().tail(6)));
    }

    /** Watches the quiet period and fails if a matching presence arrives (or arrived since the last forget). */
    void expectNoPresence(String description, Predicate<? super Presence> matcher) {
        noPresenceWithin(lab.timeouts().quiet(), description, matcher);
    }

    /**
     * Fails if a matching presence has arrived, without waiting: for a second absence check right after a quiet
     * period that another check has already watched.
     */
    void checkNoPresence(String description, Predicate<? super Presence> matcher) {
        noPresenceWithin(Duration.ZERO, description, matcher);
    }

    private void noPresenceWithin(Duration quiet, String description, Predicate<? super Presence> matcher) {
        presences.take(matcher, quiet).ifPresent(p -> {
            throw new ServerFailure(session.label() + " received " + description + ", which must not be delivered: " + p.toXML());
        });
    }

    /** Treats every presence received so far as seen; call it once the setup's last presence has been waited for. */
    void forgetPresences() {
        presences.consumeAll();
    }

    @Override
    public String toString() {
        return session.label() + " (" + jid() + ")";
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() / 1000.0 + " s";
    }

    /** Records the roster pushes a connection receives and acknowledges each with an empty result. */
    private static final class RosterPushes extends AbstractIqRequestHandler {
        private final List<RosterPacket> received = new ArrayList<>();
        private final List<Boolean> consumed = new ArrayList<>();

        RosterPushes() {
            super(RosterPacket.ELEMENT, RosterPacket.NAMESPACE, IQ.Type.set, IQRequestHandler.Mode.sync);
        }

        @Override
        public IQ handleIQRequest(IQ request) {
            if (!(request instanceof RosterPacket push)) {
                throw new TestError("a roster set arrived that Smack did not parse as a roster: " + request.toXML());
            }
            synchronized (this) {
                received.add(push);
                consumed.add(false);
                notifyAll();
            }
            return IQ.createResultIQ(request);
        }

        synchronized RosterPacket take(Predicate<? super RosterPacket.Item> matcher, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                for (int i = 0; i < received.size(); i++) {
                    RosterPacket push = received.get(i);
                    if (!consumed.get(i) && push.getRosterItems().stream().anyMatch(matcher)) {
                        consumed.set(i, true);
                        return push;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TestError("interrupted while waiting for a roster push", e);
                }
            }
        }

        synchronized void consumeAll() {
            for (int i = 0; i < consumed.size(); i++) {
                consumed.set(i, true);
            }
        }

        synchronized String describeAll() {
            if (received.isEmpty()) {
                return "none";
            }
            StringBuilder sb = new StringBuilder();
            for (RosterPacket push : received) {
                for (RosterPacket.Item item : push.getRosterItems()) {
                    sb.append(sb.length() == 0 ? "" : ", ").append(RosterRequests.describe(item));
                }
            }
            return sb.toString();
        }
    }
}
