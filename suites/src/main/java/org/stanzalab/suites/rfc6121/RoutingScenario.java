package org.stanzalab.suites.rfc6121;

import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MAY;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MUST;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.MUST_NOT;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery.ONE_OF;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

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
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;

/**
 * One cell of the RFC 6121 §8 routing matrix, live: a sender, a recipient logged in with a given set of resources,
 * one stanza, and the check that it went exactly where the RFC says. Every session's mailbox records what it
 * received from login on, so a stanza is seen wherever it lands. Where it must not land is decided by markers the
 * sender sends after it by the same routes (see {@link #awaitMarkers}), not by a quiet period.
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
    /** Every session of the scenario, for the evidence of a failure. */
    private final List<Session> watched = new ArrayList<>();

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
        scenario.watch(sender);
        scenario.logIn();
        return scenario;
    }

    /**
     * Like {@link #between}, but the recipient shares its presence with the sender by a subscription (its roster
     * says 'from'), set up by a real handshake from a resource that is gone before the recipient's resources log in.
     * RFC 6121 §8.5.3.1 lets a server withhold an IQ get or set from an entity the user shares no presence with.
     */
    static RoutingScenario fromSubscriber(Lab lab, RoutingResources resources) {
        ImClient subscriber = ImClient.connect(lab.newUser());
        User recipient = lab.newUser();
        ImClient approver = ImClient.connect(recipient).available();
        Subscriptions.establish(lab, subscriber, approver);
        approver.session().close();
        RoutingScenario scenario = new RoutingScenario(lab, subscriber.session(), recipient, resources);
        scenario.watch(subscriber.session());
        scenario.logIn();
        return scenario;
    }

    /** A sender alone: the stanzas go to an account that does not exist (RFC 6121 §8.5.1). */
    static RoutingScenario towardsNobody(Lab lab) {
        Session sender = lab.newUser().connect();
        RoutingScenario scenario = new RoutingScenario(lab, sender, null, RoutingResources.NONE);
        scenario.watch(sender);
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
            watch(session);
            if (seat.available()) {
                session.available(seat.priority());
            }
            seats.add(session);
        }
        lab.barrier(seats).settled();
    }

    /** The session answers the routed IQ payload itself, so a result shows which resource the IQ reached. */
    private Session watch(Session session) {
        for (IQ.Type type : List.of(IQ.Type.get, IQ.Type.set)) {
            session.answer(type, ELEMENT, NAMESPACE, IQ::createResultIQ);
        }
        watched.add(session);
        return session;
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
        return new Sent(id, to, "a message of type '" + type + "' to " + describe(to), type == Message.Type.error, message);
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
        return new Sent(id, to, "a presence of type '" + type + "' to " + describe(to), false, presence);
    }

    /**
     * Sends an IQ whose payload only a client of ours understands and waits for the reply (result or error), which
     * is what the returned record carries.
     */
    Sent request(IQ.Type type, Jid to) {
        RawIq iq = new RawIq(type, to, ELEMENT, NAMESPACE, "");
        iq.setStanzaId("route-" + shortId());
        IQ reply = sender().request(iq);
        return new Sent(iq.getStanzaId(), to, "an IQ " + type + " <" + ELEMENT + " xmlns='" + NAMESPACE + "'/> to " + describe(to), false, reply);
    }

    // ---- checking ----

    /**
     * Checks where the stanza went against the expectation: waits for what must arrive, then for the markers that
     * settle what must not, and fails citing the section on the first broken rule. Where the RFC leaves the choice
     * to the server, the choice made is noted in the transcript.
     */
    void verify(Sent sent, RoutingExpectation expected, String section) {
        Duration reply = lab.timeouts().reply();
        for (Session missing : lab.barrier(seatsMarked(expected, MUST)).await(seat -> s -> deliveredTo(sent, seat, s))) {
            fail(section, sent, describeSeat(seats.indexOf(missing)) + " must receive it, but it did not arrive within " + seconds(reply), expected);
        }
        if (expected.anyDelivery(ONE_OF) && lab.barrier(seatsMarked(expected, ONE_OF)).awaitAny(seat -> s -> deliveredTo(sent, seat, s)).isEmpty()) {
            fail(section, sent, "at least one of " + describeSeats(expected, ONE_OF) + " must receive it, but none did within " + seconds(reply), expected);
        }
        boolean errorMust = expected.reply == RoutingExpectation.Reply.ERROR_MUST;
        if (errorMust && !lab.barrier(sender()).await(at -> s -> errorReply(sent, at, s)).isEmpty()) {
            fail(section, sent, "an error must come back to the sender, but none did within " + seconds(reply), expected);
        }
        awaitMarkers(sent, expected, !errorMust);
        for (int i = 0; i < seats.size(); i++) {
            Stanza delivered = firstDelivery(sent, i);
            if (delivered != null && expected.seat(i) == MUST_NOT) {
                fail(section, sent, describeSeat(i) + " must not receive it, but it did: " + delivered.toXML(), expected);
            }
            if (delivered != null && !typeOf(delivered).equals(typeOf(sent.stanza()))) {
                fail(section, sent, "the copy delivered to " + describeSeat(i) + " has type '" + typeOf(delivered)
                        + "', but the stanza sent had type '" + typeOf(sent.stanza()) + "': " + delivered.toXML(), expected);
            }
            boolean toAbsentAndAllowed = delivered != null && delivered.getTo() == null && expected.toMayBeAbsent;
            if (delivered != null && expected.keepsBareTo && !toAbsentAndAllowed && !bareJid().equals(delivered.getTo())) {
                fail(section, sent, "the copy delivered to " + describeSeat(i) + " must keep the bare JID " + bareJid()
                        + " in 'to'" + (expected.toMayBeAbsent ? " (or carry none)" : "") + ", but it says " + delivered.getTo()
                        + ": " + delivered.toXML(), expected);
            }
        }
        Stanza error = firstErrorReply(sent);
        if (error != null && expected.reply == RoutingExpectation.Reply.ERROR_MUST_NOT) {
            fail(section, sent, "no error may come back to the sender, but one did: " + error.toXML(), expected);
        }
        if (error != null && expected.errorCondition != null && conditionOf(error) != expected.errorCondition) {
            fail(section, sent, "an error that comes back must be <" + expected.errorCondition + "/>, but it was "
                    + error.toXML(), expected);
        }
        if (expected.reply == RoutingExpectation.Reply.STORED_OR_ERROR && error == null) {
            expectKeptForLater(sent, expected, section);
        }
        if (sent.stanza() instanceof Message && recipient != null && resources == RoutingResources.NONE
                && expected.reply != RoutingExpectation.Reply.STORED_OR_ERROR
                && expected.reply != RoutingExpectation.Reply.ERROR_MAY_STORE_MAY) {
            expectNotKeptForLater(sent, expected, section);
        }
        noteChoices(sent, expected, error);
    }

    /**
     * Returns once nothing more can arrive because of the stanza under test, on the routes whose traffic is judged or
     * noted. Each resource that was not bound to receive it gets a marker message from the sender to its full JID:
     * the stanza under test left the same stream earlier, and a copy for that resource would be on its stream before
     * the marker (RFC 6120 §10.1). For the sender, a marker IQ to the stanza's own address: it is answered (result
     * or error, RFC 6120 §8.2.3) after the server has dealt with the stanza before it, so a bounce comes first.
     */
    private void awaitMarkers(Sent sent, RoutingExpectation expected, boolean watchSender) {
        List<Marker> markers = new ArrayList<>();
        for (int i = 0; i < seats.size(); i++) {
            if (expected.seat(i) != MUST) {
                markers.add(sender().sendMarkerTo(seats.get(i)));
            }
        }
        if (watchSender) {
            markers.add(sender().sendMarkerIq(sent.to()));
        }
        markers.forEach(Marker::await);
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
        // The reply is here, so no bounce is pending; only where the request went remains to be settled.
        awaitMarkers(sent, expected, false);
        for (int i = 0; i < seats.size(); i++) {
            Stanza delivered = firstDelivery(sent, i);
            if (delivered != null && expected.seat(i) == MUST_NOT) {
                fail(section, sent, describeSeat(i) + " must not receive the IQ, but it did: " + delivered.toXML(), expected);
            }
            if (delivered == null && expected.seat(i) == MUST) {
                fail(section, sent, describeSeat(i) + " must receive the IQ, but the result came from elsewhere: " + reply.toXML(), expected);
            }
        }
    }

    /**
     * After {@link #verify}: fails if the sender got presence from the account on its behalf that the rule does not
     * allow (an auto-reply where the stanza must be ignored). The marker the verification awaited went after the
     * stanza to the same address, so any such reply is here already.
     */
    void verifyNoPresenceFrom(EntityBareJid account, Sent sent, java.util.function.Predicate<Presence> allowed, String section) {
        for (Stanza s : sender().received()) {
            if (s instanceof Presence p && p.getFrom() != null && account.equals(p.getFrom().asBareJid()) && !allowed.test(p)) {
                fail(section, sent, "it must be ignored silently, but presence came back on behalf of " + account + ": " + p.toXML(),
                        RoutingExpectation.nothingFor(resources));
            }
        }
    }

    private void expectKeptForLater(Sent sent, RoutingExpectation expected, String section) {
        Session later = watch(recipient.connect());
        later.available();
        boolean kept = lab.barrier(later).await(at -> s -> sent.id.equals(s.getStanzaId())).isEmpty();
        if (!kept) {
            fail(section, sent, "no error came back, so the server must keep the message and deliver it once " + bareJid()
                    + " is available again, but it did not arrive at " + later.jid() + " within " + seconds(lab.timeouts().reply())
                    + " of its initial presence", expected);
        }
        lab.transcript().note("routing", "choice: kept the message offline and delivered it after initial presence");
    }

    /**
     * For a user with no resources, where the rule leaves only dropping the stanza or an error: it must not be kept
     * for later either. A resource that logs in now gets what was kept while its initial presence is processed, which
     * settled() waits for; the sender's marker to it, sent afterwards, comes after that.
     */
    void expectNotKeptForLater(Sent sent, RoutingExpectation expected, String section) {
        Session later = watch(recipient.connect());
        later.available().settled();
        sender().sendMarkerTo(later).await();
        Stanza kept = first(later, s -> sent.id.equals(s.getStanzaId()));
        if (kept != null) {
            fail(section, sent, "it must not be kept for later delivery, but it was delivered to " + later.jid()
                    + " once that resource became available: " + kept.toXML(), expected);
        }
    }

    private void noteChoices(Sent sent, RoutingExpectation expected, Stanza error) {
        StringBuilder choice = new StringBuilder();
        for (int i = 0; i < seats.size(); i++) {
            RoutingExpectation.Delivery d = expected.seat(i);
            if (d == ONE_OF || d == MAY) {
                choice.append(describeSeat(i)).append(firstDelivery(sent, i) != null ? " received it; " : " did not receive it; ");
            }
        }
        if (expected.reply != RoutingExpectation.Reply.ERROR_MUST && expected.reply != RoutingExpectation.Reply.ERROR_MUST_NOT) {
            choice.append(error == null ? "no error came back" : "error <" + conditionOf(error) + "/> came back");
        }
        if (choice.length() > 0) {
            lab.transcript().note("routing", "choice: " + choice);
        }
    }

    // ---- classifying what was seen ----

    private boolean deliveredTo(Sent sent, Session at, Stanza s) {
        return sent.id.equals(s.getStanzaId()) && !errorReply(sent, at, s) && !isIqResponse(s);
    }

    /** The stanza's type as Smack reads it (a message or presence without one has the default type). */
    private static String typeOf(Stanza stanza) {
        if (stanza instanceof Message message) {
            return message.getType().name();
        }
        if (stanza instanceof Presence presence) {
            return presence.getType().name();
        }
        return stanza instanceof IQ iq ? iq.getType().name() : stanza.getClass().getSimpleName();
    }

    private Stanza firstDelivery(Sent sent, int seat) {
        Session at = seats.get(seat);
        return first(at, s -> deliveredTo(sent, at, s));
    }

    private Stanza firstErrorReply(Sent sent) {
        return first(sender(), s -> errorReply(sent, sender(), s));
    }

    private static Stanza first(Session at, java.util.function.Predicate<Stanza> matcher) {
        Optional<Stanza> found = at.received().stream().filter(matcher).findFirst();
        return found.orElse(null);
    }

    /** A stanza that comes back to the sender carrying the id of what it sent, as a bounce of type error. */
    private boolean errorReply(Sent sent, Session at, Stanza s) {
        if (at != sender() || !sent.id.equals(s.getStanzaId())) {
            return false;
        }
        if (sent.error) {
            // An error message cannot be told from its bounce by type; the sender is only a recipient in §8.2 cases.
            return !seats.contains(sender());
        }
        return isErrorType(s);
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
                + what + ".\nExpected: " + expected + "\nSeen with this id: " + seenWithId(sent.id)
                + "\nLast traffic:\n" + lab.transcript().tail(6));
    }

    private String describeSeat(int i) {
        RoutingResources.Seat seat = i < resources.seats().size() ? resources.seats().get(i) : null;
        String what = seat == null ? "resource " + (i + 1) : seat.describe();
        return what + " " + seats.get(i).jid();
    }

    private List<Session> seatsMarked(RoutingExpectation expected, RoutingExpectation.Delivery d) {
        List<Session> marked = new ArrayList<>();
        for (int i = 0; i < seats.size(); i++) {
            if (expected.seat(i) == d) {
                marked.add(seats.get(i));
            }
        }
        return marked;
    }

    private String describeSeats(RoutingExpectation expected, RoutingExpectation.Delivery d) {
        return String.join(", ", seatsMarked(expected, d).stream().map(s -> describeSeat(seats.indexOf(s))).toList());
    }

    private String seenWithId(String id) {
        StringBuilder sb = new StringBuilder();
        for (Session at : watched) {
            for (Stanza s : at.received()) {
                if (id.equals(s.getStanzaId())) {
                    sb.append("\n  at ").append(labelOf(at)).append(": ").append(s.toXML());
                }
            }
        }
        return sb.length() == 0 ? "nothing" : sb.toString();
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
    record Sent(String id, Jid to, String description, boolean error, Stanza stanza) {
    }
}
