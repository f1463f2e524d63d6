package org.stanzalab.suites.federation.rfc6120;

import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * A user of the home server and a user of the away server, each on the wire driver, so what one writes can be compared
 * byte for byte with what the other is given after it crossed both servers and the federation between them. Used by
 * every cross-domain suite (messages, IQs, errors, offline storage, receipts, carbons, ping).
 */
public final class CrossRoute {
    public final Lab home;
    public final Lab away;
    private final Lab lab;

    private CrossRoute(Lab lab, Crossing crossing) {
        this.lab = lab;
        this.home = crossing.home(lab);
        this.away = crossing.away(lab);
        lab.transcript().note("crossing", crossing + ": " + crossing.describe(lab));
    }

    /** The two servers of this direction, with no sessions yet. */
    public static CrossRoute between(Lab lab, Crossing crossing) {
        return new CrossRoute(lab, crossing);
    }

    /** A user of the home server, logged in and available, whose server has reached the away domain. */
    public RawSession homeUser() {
        return federated(online(home), away.domain());
    }

    /** A user of the away server, logged in and available, whose server has reached the home domain. */
    public RawSession awayUser() {
        return federated(online(away), home.domain());
    }

    /** A user of {@code server}, logged in with a bound resource and initial presence. */
    public static RawSession online(Lab server) {
        return server.raw().authenticate(server.newUser()).bind().available();
    }

    /**
     * A set-up step: the session's server has a working route to {@code domain}, shown by a ping of that domain which
     * comes back answered by it (a result, or an error other than the remote-server conditions its own server would
     * write). The first stanza between two servers waits for the server-to-server stream to be negotiated; this keeps
     * that wait out of the test's own exchange.
     */
    public RawSession federated(RawSession session, String domain) {
        lab.setUp("the route from " + session.jid() + " to " + domain + " works (a ping of " + domain + " is answered by it)", () -> {
            XmlElement reply = pingAllowingSetUp(session, domain);
            String condition = Stanzas.hasType(reply, "error") ? Stanzas.errorCondition(reply) : null;
            if (condition != null && condition.startsWith("remote-server")) {
                throw new ServerFailure("the ping of " + domain + " came back with <" + condition + "/>: " + reply.toXml());
            }
        });
        return session;
    }

    /** The first ping may wait for the server-to-server stream; a second one is sent if the first is not answered in time. */
    private static XmlElement pingAllowingSetUp(RawSession session, String domain) {
        String id = session.newId("route");
        session.send("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(domain) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        Predicate<XmlElement> reply = e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id);
        Optional<XmlElement> first = session.await("the answer to ping '" + id + "' of " + domain, reply);
        return first.orElseGet(() -> session.expect("the answer to ping '" + id + "' of " + domain + " (waited twice the reply timeout)", reply));
    }

    /**
     * Once this returns, the away server has processed everything {@code sender} sent to it before: an IQ to an address
     * the away server answers itself ({@code awayAddress}, its domain or a bare JID of its user) is answered after
     * whatever the away server sent back about earlier stanzas, since both servers handle one stream in order
     * (RFC 6120 §10.1) and the answers share the way back. Returns what came back with this id meanwhile, if anything.
     */
    public static Optional<XmlElement> bounceAfterSettling(RawSession sender, String awayAddress, String id) {
        String marker = sender.newId("settle");
        sender.send("<iq type='get' id='" + marker + "' to='" + XmlEscape.attribute(awayAddress) + "'><query xmlns='urn:stanzalab:marker:0'/></iq>");
        sender.expect("the answer of " + awayAddress + " to IQ '" + marker + "', sent to see earlier answers through",
                e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, marker));
        return sender.alreadyReceived(e -> Stanzas.hasId(e, id) && Stanzas.hasType(e, "error"));
    }
}
