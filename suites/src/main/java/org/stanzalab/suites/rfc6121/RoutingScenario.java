package org.stanzalab.suites.rfc6121;

import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MAY;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MUST;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MUST_NOT;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.ONE_OF;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;

/**
 * One cell of the RFC 6121 §8 routing matrix, live: a sender, a recipient logged in with a given set of resources,
 * one stanza, and the check that it went exactly where the RFC says. Every connection of the scenario is watched
 * from login on, so a stanza is seen wherever it lands, and all absences share a single quiet period.
 */
final class RoutingScenario {
    /** The namespace of the IQ payload the tests route: no server knows it, so only a resource can answer it. */
    static final String NAMESPACE = "urn:stanzalab:routing:0";
    static final String ELEMENT = "routed";

    private final Lab lab;
    private final Session sender;
    private final User recipient;
    private final RoutingResources resources;
    private final List<Session> seats = new ArrayList<>();
    private final Witness witness = new Witness();

    private RoutingScenario(Lab lab, Session sender, User recipient, RoutingResources resources) {
        this.lab = lab;
        this.sender = sender;
        this.recipient = recipient;
        this.resources = resources;
    }

    /** A sender (connected, no presence) and a different recipient logged in with these resources. */
    static RoutingScenario between(Lab lab, RoutingResources resources) {
        Session sender = lab.newUser().connect();
        RoutingScenario scenario = new RoutingScenario(lab, sender, lab.newUser(), resources);
        scenario.witness.watch(sender);
        scenario.logIn();
        return scenario;
    }

    /** A sender alone: the stanzas go to an account that does not exist (RFC 6121 §8.5.1). */
    static RoutingScenario towardsNobody(Lab lab) {
        Session sender = lab.newUser().connect();
        RoutingScenario scenario = new RoutingScenario(lab, sender, null, RoutingResources.NONE);
        scenario.witness.watch(sender);
        return scenario;
    }

    /** The sender writes to its own account (RFC 6121 §8.2): the first resource of the set is the sender itself. */
    static RoutingScenario ownAccount(Lab lab, RoutingResources resources) {
        if (resources.seats().isEmpty()) {
            throw new TestError("an own-account scenario needs at least the sending resource");
        }
        User user = lab.newUser();
        RoutingScenario scenario = new RoutingScenario(lab, null, user, resources);
        scenario.logIn();
        return scenario;
    }

    private void logIn() {
        for (RoutingResources.Seat seat : resources.seats()) {
            Session session = recipient.connect();
            witness.watch(session);
            if (seat.available()) {
                Resources.available(session, seat.priority());
            }
            seats.add(session);
        }
    }

    private Session sender() {
        return sender != null ? sender : seats.get(0);
    }

    // ---- addresses ----

    EntityBareJid bareJid() {
        return recipient.jid();
    }

    Jid fullJidOf(RoutingResources.Seat seat) {
        return seats.get(seat.index()).jid();
    }

    /** A full JID of the recipient that none of its resources has bound. */
    Jid unboundFullJid() {
        try {
            return JidCreate.fullFrom(recipient.jid(), Resourcepart.from("unbound-" + shortId()));
        } catch (XmppStringprepException e) {
            throw new TestError("could not build an unbound full JID", e);
        }
    }

    /** The bare JID of an account that does not exist on the server (RFC 6121 §8.5.1). */
    static EntityBareJid nonexistentAccount(Lab lab) {
        try {
            return JidCreate.entityBareFrom("nobody-" + shortId() + "@" + lab.domain());
        } catch (XmppStringprepException e) {
            throw new TestError("could not build the JID of a nonexistent account", e);
        }
    }

    static Jid withUnboundResource(EntityBareJid bare) {
        try {
            return JidCreate.fullFrom(bare, Resourcepart.from("unbound-" + shortId()));
        } catch (XmppStringprepException e) {
            throw new TestError("could not build a full JID", e);
        }
    }

    // ---- sending ----

    /** Sends a message of this type (null 'to': no 'to' attribute) and returns what was sent. */
    Sent sendMessage(Message.Type type, Jid to) {
        String id = "route-" + shortId();
        MessageBuilder builder = StanzaBuilder.buildMessage(id).ofType(type).setBody("routing check " + id);
        if (to != null) {
            builder.to(to);
        }
        if (type == Message.Type.error) {
            builder.setError(StanzaError.getBuilder(StanzaError.Condition.undefined_condition).setType(StanzaError.Type.CANCEL).build());
        }
        Message message = builder.build();
        sender().send(message);
        return new Sent(id, "a message of type '" + type + "' to " + describe(to), type == Message.Type.error, message);
    }

    /** Sends a presence of this type; available and unavailable presence carry a status naming the stanza. */
    Sent sendPresence(Presence.Type type, Jid to) {
        String id = "route-" + shortId();
        PresenceBuilder builder = StanzaBuilder.buildPresence(id).ofType(type).to(to);
        if (type == Presence.Type.available || type == Presence.Type.unavailable) {
            builder.setStatus("routing check " + id);
        }
        Presence presence = builder.build();
        sender().send(presence);
        return new Sent(id, "a presence of type '" + type + "' to " + describe(to), false, presence);
    }

    /**
     * Sends an IQ whose payload only a client of ours understands and waits for the reply (result or error), which
     * is what the returned record carries.
     */
    Sent request(IQ.Type type, Jid to) {
        RawIq iq = new RawIq(type, to, ELEMENT, NAMESPACE, "");
        iq.setStanzaId("route-" + shortId());
        IQ reply = sender().request(iq);
        return new Sent(iq.getStanzaId(), "an IQ " + type + " <" + ELEMENT + " xmlns='" + NAMESPACE + "'/> to " + describe(to), false, reply);
    }

    // ---- checking ----

    /**
     * Checks where the stanza went against the expectation: waits for what must arrive, then watches one quiet
     * period for what must not, and fails citing the section on the first broken rule. Where the RFC leaves the
     * choice to the server, the choice made is noted in the transcript.
     */
    void verify(Sent sent, RoutingExpectation expected, String section) {
        Duration reply = lab.timeouts().reply();
        for (int i = 0; i < seats.size(); i++) {
            int seat = i;
            if (expected.seat(i) == MUST && !witness.await(s -> deliveredTo(sent, seat, s), reply)) {
                fail(section, sent, describeSeat(i) + " must receive it, but it did not arrive within " + seconds(reply), expected);
            }
        }
        if (expected.anyDelivery(ONE_OF) && !witness.await(s -> deliveredToAny(sent, expected, ONE_OF, s), reply)) {
            fail(section, sent, "at least one of " + seatsMarked(expected, ONE_OF) + " must receive it, but none did within " + seconds(reply), expected);
        }
        if (expected.reply == RoutingExpectation.Reply.ERROR_MUST && !witness.await(s -> errorReply(sent, s), reply)) {
            fail(section, sent, "an error must come back to the sender, but none did within " + seconds(reply), expected);
        }
        boolean watchAbsences = expected.anyDelivery(MUST_NOT)
                || expected.reply == RoutingExpectation.Reply.ERROR_MUST_NOT
                || expected.reply == RoutingExpectation.Reply.STORED_OR_ERROR;
        if (watchAbsences) {
            Predicate<Seen> forbidden = s -> deliveredToAny(sent, expected, MUST_NOT, s)
                    || (expected.reply == RoutingExpectation.Reply.ERROR_MUST_NOT && errorReply(sent, s));
            Predicate<Seen> settles = expected.reply == RoutingExpectation.Reply.STORED_OR_ERROR
                    ? forbidden.or(s -> errorReply(sent, s)) : forbidden;
            witness.await(settles, lab.timeouts().quiet());
        }
        for (int i = 0; i < seats.size(); i++) {
            Seen delivered = firstDelivery(sent, i);
            if (delivered != null && expected.seat(i) == MUST_NOT) {
                fail(section, sent, describeSeat(i) + " must not receive it, but it did: " + delivered.stanza.toXML(), expected);
            }
            if (delivered != null && expected.keepsBareTo && !bareJid().equals(delivered.stanza.getTo())) {
                fail(section, sent, "the copy delivered to " + describeSeat(i) + " must keep the bare JID " + bareJid()
                        + " in 'to', but it says " + delivered.stanza.getTo() + ": " + delivered.stanza.toXML(), expected);
            }
        }
        Seen error = witness.first(s -> errorReply(sent, s));
        if (error != null && expected.reply == RoutingExpectation.Reply.ERROR_MUST_NOT) {
            fail(section, sent, "no error may come back to the sender, but one did: " + error.stanza.toXML(), expected);
        }
        if (error != null && expected.errorCondition != null && conditionOf(error.stanza) != expected.errorCondition) {
            fail(section, sent, "an error that comes back must be <" + expected.errorCondition + "/>, but it was "
                    + error.stanza.toXML(), expected);
        }
        if (expected.reply == RoutingExpectation.Reply.STORED_OR_ERROR && error == null) {
            expectKeptForLater(sent, expected, section);
        }
        noteChoices(sent, expected, error);
    }

    /** Checks an IQ reply and where the request went: the resources marked MUST must have answered it themselves. */
    void verifyIq(Sent sent, RoutingExpectation expected, String section) {
        IQ reply = (IQ) sent.stanza();
        boolean mustReachResource = expected.anyDelivery(MUST);
        if (mustReachResource && reply.getType() != IQ.Type.result) {
            fail(section, sent, "the IQ must reach the addressed resource, which answers with a result, but the reply was " + reply.toXML(), expected);
        }
        if (!mustReachResource && expected.reply == RoutingExpectation.Reply.ERROR_MUST) {
            if (reply.getType() != IQ.Type.error) {
                fail(section, sent, "the server must answer with an error, but the reply was " + reply.toXML(), expected);
            }
            if (expected.errorCondition != null && conditionOf(reply) != expected.errorCondition) {
                fail(section, sent, "the error must be <" + expected.errorCondition + "/>, but it was " + reply.toXML(), expected);
            }
        }
        if (expected.anyDelivery(MUST_NOT)) {
            witness.await(s -> deliveredToAny(sent, expected, MUST_NOT, s), lab.timeouts().quiet());
        }
        for (int i = 0; i < seats.size(); i++) {
            Seen delivered = firstDelivery(sent, i);
            if (delivered != null && expected.seat(i) == MUST_NOT) {
                fail(section, sent, describeSeat(i) + " must not receive the IQ, but it did: " + delivered.stanza.toXML(), expected);
            }
            if (delivered == null && expected.seat(i) == MUST) {
                fail(section, sent, describeSeat(i) + " must receive the IQ, but the result came from elsewhere: " + reply.toXML(), expected);
            }
        }
    }

    private void expectKeptForLater(Sent sent, RoutingExpectation expected, String section) {
        Session later = recipient.connect();
        witness.watch(later);
        Resources.available(later, 0);
        Seen kept = witness.awaitFirst(s -> s.at == later && sent.id.equals(s.stanza.getStanzaId()), lab.timeouts().reply());
        if (kept == null) {
            fail(section, sent, "no error came back, so the server must keep the message and deliver it once " + bareJid()
                    + " is available again, but it did not arrive at " + later.jid() + " within " + seconds(lab.timeouts().reply())
                    + " of its initial presence", expected);
        }
        lab.transcript().note("routing", "choice: kept the message offline and delivered it after initial presence");
    }

    private void noteChoices(Sent sent, RoutingExpectation expected, Seen error) {
        StringBuilder choice = new StringBuilder();
        for (int i = 0; i < seats.size(); i++) {
            RoutingExpectation.Delivery d = expected.seat(i);
            if (d == ONE_OF || d == MAY) {
                choice.append(describeSeat(i)).append(firstDelivery(sent, i) != null ? " received it; " : " did not receive it; ");
            }
        }
        if (expected.reply == RoutingExpectation.Reply.ERROR_MAY || expected.reply == RoutingExpectation.Reply.STORED_OR_ERROR) {
            choice.append(error == null ? "no error came back" : "error <" + conditionOf(error.stanza) + "/> came back");
        }
        if (choice.length() > 0) {
            lab.transcript().note("routing", "choice: " + choice);
        }
    }

    // ---- classifying what was seen ----

    private boolean deliveredTo(Sent sent, int seat, Seen s) {
        return s.at == seats.get(seat) && sent.id.equals(s.stanza.getStanzaId()) && !errorReply(sent, s) && !isIqResponse(s.stanza);
    }

    private boolean deliveredToAny(Sent sent, RoutingExpectation expected, RoutingExpectation.Delivery d, Seen s) {
        for (int i = 0; i < seats.size(); i++) {
            if (expected.seat(i) == d && deliveredTo(sent, i, s)) {
                return true;
            }
        }
        return false;
    }

    private Seen firstDelivery(Sent sent, int seat) {
        return witness.first(s -> deliveredTo(sent, seat, s));
    }

    /** A stanza that comes back to the sender carrying the id of what it sent, as a bounce of type error. */
    private boolean errorReply(Sent sent, Seen s) {
        if (s.at != sender() || !sent.id.equals(s.stanza.getStanzaId())) {
            return false;
        }
        if (sent.error) {
            // An error message cannot be told from its bounce by type; the sender is only a recipient in §8.2 cases.
            return !seats.contains(sender());
        }
        return isErrorType(s.stanza);
    }

    private static boolean isErrorType(Stanza stanza) {
        return (stanza instanceof Message m && m.getType() == Message.Type.error)
                || (stanza instanceof Presence p && p.getType() == Presence.Type.error)
                || (stanza instanceof IQ iq && iq.getType() == IQ.Type.error);
    }

    private static boolean isIqResponse(Stanza stanza) {
        return stanza instanceof IQ iq && iq.isResponseIQ();
    }

    private static StanzaError.Condition conditionOf(Stanza stanza) {
        return stanza.getError() == null ? null : stanza.getError().getCondition();
    }

    // ---- reporting ----

    private void fail(String section, Sent sent, String what, RoutingExpectation expected) {
        throw new ServerFailure((section.startsWith("10.") ? "RFC 6120 §" : "RFC 6121 §") + section + ": " + sent.description + " (" + resources.key + ", id " + sent.id + "): "
                + what + ".\nExpected: " + expected + "\nSeen with this id: " + witness.describe(sent.id, this::labelOf)
                + "\nLast traffic:\n" + lab.transcript().tail(6));
    }

    private String describeSeat(int i) {
        RoutingResources.Seat seat = i < resources.seats().size() ? resources.seats().get(i) : null;
        String what = seat == null ? "resource " + (i + 1) : seat.describe();
        return what + " " + seats.get(i).jid();
    }

    private String seatsMarked(RoutingExpectation expected, RoutingExpectation.Delivery d) {
        List<String> marked = new ArrayList<>();
        for (int i = 0; i < seats.size(); i++) {
            if (expected.seat(i) == d) {
                marked.add(describeSeat(i));
            }
        }
        return String.join(", ", marked);
    }

    private String labelOf(Session s) {
        return s == sender ? "sender " + s.label() : s.label();
    }

    private String describe(Jid to) {
        if (to == null) {
            return "no 'to' address";
        }
        if (recipient != null && to.equals(recipient.jid())) {
            return "the bare JID " + to;
        }
        return to.toString();
    }

    private static String seconds(Duration d) {
        return d.toMillis() / 1000.0 + " s";
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** What a test sent: its id (every copy and every bounce carries it) and how to describe it. */
    record Sent(String id, String description, boolean error, Stanza stanza) {
    }

    private record Seen(Session at, Stanza stanza) {
    }

    /**
     * Everything the scenario's connections receive, including IQ requests, which Smack hands only to request
     * handlers: a handler of ours answers our IQ payload with a result and records it.
     */
    private static final class Witness {
        private final List<Seen> seen = new ArrayList<>();

        void watch(Session session) {
            session.smack().addSyncStanzaListener(stanza -> add(session, stanza), stanza -> true);
            for (IQ.Type type : List.of(IQ.Type.get, IQ.Type.set)) {
                session.smack().registerIQRequestHandler(new AbstractIqRequestHandler(ELEMENT, NAMESPACE, type, IQRequestHandler.Mode.sync) {
                    @Override
                    public IQ handleIQRequest(IQ request) {
                        add(session, request);
                        return IQ.createResultIQ(request);
                    }
                });
            }
        }

        private synchronized void add(Session at, Stanza stanza) {
            seen.add(new Seen(at, stanza));
            notifyAll();
        }

        synchronized Seen first(Predicate<Seen> matcher) {
            for (Seen s : seen) {
                if (matcher.test(s)) {
                    return s;
                }
            }
            return null;
        }

        boolean await(Predicate<Seen> matcher, Duration timeout) {
            return awaitFirst(matcher, timeout) != null;
        }

        /** Waits until a matching stanza has been seen, at most the timeout; returns it, or null. */
        synchronized Seen awaitFirst(Predicate<Seen> matcher, Duration timeout) {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                Seen found = first(matcher);
                if (found != null) {
                    return found;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return null;
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new TestError("interrupted while watching where a stanza went", e);
                }
            }
        }

        synchronized String describe(String id, java.util.function.Function<Session, String> label) {
            StringBuilder sb = new StringBuilder();
            for (Seen s : seen) {
                if (id.equals(s.stanza.getStanzaId())) {
                    sb.append("\n  at ").append(label.apply(s.at)).append(": ").append(s.stanza.toXML());
                }
            }
            return sb.length() == 0 ? "nothing" : sb.toString();
        }
    }
}
