package org.stanzalab.suites.federation.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * The federation itself, through two real servers: a stanza crosses from a user of one server to a user of the
 * other, and a client cannot make the other domain believe a stanza came from someone else. When a stanza does not
 * cross, the failure says what the sender got back (the error the sender's server returned names the cause).
 */
@StanzalabTest
class CrossDomainBasics {

    @Spec(document = "RFC 6120", section = "10.4", level = SHOULD,
          requirement = "a message to a user of another domain is routed to that domain over a server-to-server stream and"
                  + " delivered to the addressed resource, unchanged and from the sender's full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageReachesRemoteFullJid(Crossing crossing, Lab lab) {
        Lab home = crossing.home(lab);
        Lab away = crossing.away(lab);
        RawSession alice = home.setUp("alice bound on " + home.domain(), () -> home.raw().authenticate(home.newUser()).bind().available());
        RawSession bob = away.setUp("bob bound on " + away.domain(), () -> away.raw().authenticate(away.newUser()).bind().available());
        lab.transcript().note("federation", crossing.describe(lab));
        String id = alice.newId("cross");
        String body = "across " + crossing.describe(lab) + " " + UUID.randomUUID();
        String thread = "thread-" + id;

        alice.send("<message type='chat' id='" + id + "' to='" + XmlEscape.attribute(bob.jid()) + "'><body>" + XmlEscape.text(body)
                + "</body><thread>" + thread + "</thread></message>");

        XmlElement delivered = arrives(crossing, lab, alice, bob, id);
        assertEquals(alice.jid(), delivered.attribute("from").orElse(null), "'from' of the message as " + bob.jid() + " got it: "
                + delivered.toXml());
        assertEquals(body, delivered.childText("body", XmppNamespaces.CLIENT).orElse(null), "body as delivered: " + delivered.toXml());
        assertEquals(thread, delivered.childText("thread", XmppNamespaces.CLIENT).orElse(null), "thread as delivered: " + delivered.toXml());
    }

    @Spec(document = "RFC 6120", section = "10.4", level = SHOULD,
          requirement = "an IQ get to the full JID of a user of another domain reaches that client across the federation,"
                  + " and the client's result comes back to the requester from that full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void iqToRemoteFullJidIsAnswered(Crossing crossing, Lab lab) {
        Lab home = crossing.home(lab);
        Lab away = crossing.away(lab);
        RawSession alice = home.setUp("alice bound on " + home.domain(), () -> home.raw().authenticate(home.newUser()).bind().available());
        RawSession bob = away.setUp("bob bound on " + away.domain(), () -> away.raw().authenticate(away.newUser()).bind().available());
        lab.transcript().note("federation", crossing.describe(lab));
        String id = alice.newId("cross-iq");

        alice.send("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(bob.jid()) + "'><query xmlns='jabber:iq:version'/></iq>");
        XmlElement request = arrives(crossing, lab, alice, bob, id);
        assertEquals(alice.jid(), request.attribute("from").orElse(null), "'from' of the IQ as " + bob.jid() + " got it: " + request.toXml());
        // Bob's client answers as a client does (RFC 6120 §8.2.3): to the requester, with the request's id.
        bob.send("<iq type='result' id='" + XmlEscape.attribute(id) + "' to='" + XmlEscape.attribute(alice.jid())
                + "'><query xmlns='jabber:iq:version'><name>stanzalab</name><version>1</version></query></iq>");

        XmlElement reply = alice.awaitWithin("the result of " + bob.jid() + " to IQ '" + id + "'",
                        e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id), Crossing.crossingTime(lab))
                .orElseThrow(() -> new ServerFailure(bob.jid() + " answered IQ '" + id + "' across " + crossing.describe(lab)
                        + ", but the result did not reach " + alice.jid() + " within " + Crossing.crossingTime(lab).toSeconds() + " s"));
        assertEquals("result", reply.attribute("type").orElse(null), "the reply that came back: " + Stanzas.describe(reply));
        assertEquals(bob.jid(), reply.attribute("from").orElse(null), "'from' of the result: " + reply.toXml());
    }

    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a message whose 'from' names a user of the other domain is never delivered there with that 'from':"
                  + " the sender's server stamps the sender's full JID, refuses the stanza, or ends the stream with <invalid-from/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void forgedFromDoesNotCross(Crossing crossing, Lab lab) {
        Lab home = crossing.home(lab);
        Lab away = crossing.away(lab);
        RawSession alice = home.setUp("alice bound on " + home.domain(), () -> home.raw().authenticate(home.newUser()).bind().available());
        RawSession bob = away.setUp("bob bound on " + away.domain(), () -> away.raw().authenticate(away.newUser()).bind().available());
        lab.transcript().note("federation", crossing.describe(lab));
        // A message that is not forged first: the stream between the servers is then up, and the federation works, so
        // that what follows is about the forged 'from' alone.
        lab.setUp("an ordinary message crosses " + crossing.describe(lab), () -> {
            String warm = alice.newId("warm-up");
            alice.send("<message type='normal' id='" + warm + "' to='" + XmlEscape.attribute(bob.jid()) + "'><body>" + warm + "</body></message>");
            arrives(crossing, lab, alice, bob, warm);
        });
        // The forged sender lives on the recipient's own server, which would trust its own users' addresses most.
        String forged = "forged-" + UUID.randomUUID().toString().substring(0, 8) + "@" + away.domain() + "/spoof";
        String id = alice.newId("forged");

        alice.send("<message type='chat' id='" + id + "' from='" + forged + "' to='" + XmlEscape.attribute(bob.jid())
                + "'><body>sent as " + forged + "</body></message>");
        alice.send("<iq type='get' id='" + id + "-sync' to='" + XmlEscape.attribute(home.domain()) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        XmlElement answer = alice.expect("a stream error, an error for the forged message, or the ping reply",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, id) || Stanzas.hasId(e, id + "-sync"));

        if (StreamError.isStreamError(answer)) {
            assertEquals("invalid-from", StreamError.from(answer).condition(), "stream error for a message with a forged 'from': " + answer.toXml());
        } else if (Stanzas.hasId(answer, id)) {
            assertEquals("error", answer.attribute("type").orElse(null), "the server answered the forged message itself: " + answer.toXml());
        }
        // Whatever the sender's server did, what reaches bob may only carry alice's own address. A marker sent after the
        // forged message by another session of the same server shows the end of what could still come.
        RawSession witness = home.setUp("a second sender on " + home.domain(), () -> home.raw().authenticate(home.newUser()).bind().available());
        String marker = witness.newId("marker");
        witness.send("<message type='normal' id='" + marker + "' to='" + XmlEscape.attribute(bob.jid()) + "'><body>" + marker + "</body></message>");
        Predicate<XmlElement> forgedCopy = e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id);
        Optional<XmlElement> seen = bob.awaitWithin("the forged message or the marker after it",
                e -> forgedCopy.test(e) || Stanzas.isStanza(e, "message") && Stanzas.hasId(e, marker), Crossing.crossingTime(lab));
        Optional<XmlElement> copy = seen.filter(forgedCopy).or(() -> bob.alreadyReceived(forgedCopy));
        if (copy.isPresent()) {
            String from = copy.get().attribute("from").orElse(null);
            if (forged.equals(from)) {
                throw new SecurityBreach("a message " + alice.jid() + " sent as '" + forged + "' reached " + bob.jid()
                        + " as coming from that user of " + away.domain() + ": " + copy.get().toXml());
            }
            assertEquals(alice.jid(), from, "'from' of the message sent as " + forged + " (the sender's server must stamp the"
                    + " sender's full JID): " + copy.get().toXml());
        } else if (seen.isEmpty()) {
            throw new ServerFailure("neither the message sent as " + forged + " nor a later marker from " + witness.jid()
                    + " reached " + bob.jid() + " within " + Crossing.crossingTime(lab).toSeconds() + " s, so nothing shows what"
                    + " crossed");
        }
    }

    /**
     * The stanza with this id as the recipient gets it across the federation. When it does not come, the failure says
     * what the sender got back instead: the error the sender's server returns (RFC 6120 §10.4.3) names the cause,
     * e.g. remote-server-timeout with "certificate is not trusted" when the servers could not authenticate each other.
     * Both streams are watched at once (in short turns), so an early error ends the wait at once.
     */
    static XmlElement arrives(Crossing crossing, Lab lab, RawSession sender, RawSession recipient, String id) {
        Duration bound = Crossing.crossingTime(lab);
        Predicate<XmlElement> bounce = e -> Stanzas.hasId(e, id) && Stanzas.hasType(e, "error");
        long deadline = System.nanoTime() + bound.toNanos();
        Optional<XmlElement> bounced = Optional.empty();
        while (bounced.isEmpty() && System.nanoTime() - deadline < 0) {
            Optional<XmlElement> delivered = recipient.awaitWithin("the stanza '" + id + "' from " + sender.jid(),
                    e -> Stanzas.hasId(e, id) && !Stanzas.hasType(e, "error"), TURN);
            if (delivered.isPresent()) {
                return delivered.get();
            }
            bounced = sender.awaitWithin("an error for the stanza '" + id + "'", bounce, GLANCE);
        }
        if (bounced.isEmpty()) {
            // The sender's server may give up on the other server later than the recipient's wait: one more reply timeout.
            bounced = sender.await("an error for the stanza '" + id + "'", bounce);
        }
        throw new ServerFailure("the stanza '" + id + "' from " + sender.jid() + " did not reach " + recipient.jid() + " across "
                + crossing.describe(lab) + (bounced.isPresent() ? "; the sender got back " + errorWithText(bounced.get())
                        : " within " + bound.toSeconds() + " s, and nothing came back to the sender within another "
                                + lab.timeouts().reply().toSeconds() + " s either"));
    }

    /** How long the recipient's stream is watched before a look at the sender's: short, so an error is seen soon. */
    private static final Duration TURN = Duration.ofMillis(200);
    /** Long enough to read what already waits on the sender's stream (a zero wait reads nothing). */
    private static final Duration GLANCE = Duration.ofMillis(20);

    /** "error <remote-server-not-found/> (text 'Server-to-server connection failed: ...'): XML". */
    private static String errorWithText(XmlElement error) {
        String text = error.child("error", XmppNamespaces.CLIENT)
                .flatMap(e -> e.childText("text", XmppNamespaces.STANZA_ERRORS)).map(t -> " (text '" + t + "')").orElse("");
        return "error <" + Stanzas.errorCondition(error) + "/>" + text + ": " + error.toXml();
    }
}
