package org.stanzalab.suites.xep0198;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.engine.raw.Stanzas.hasId;
import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.RawSubscription;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0198.StreamManagement.Resumable;
import org.stanzalab.suites.xep0198.StreamManagement.ResumeAttempt;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * XEP-0198 §4 and §5 around a cut connection: what the waiting session keeps (roster changes, presence interest),
 * what a session that is never resumed leaves behind, and how stanzas that outlived their session are stamped.
 */
@StanzalabTest
class Hibernation {
    /** The longest resumption time this test waits out; a server granting more makes it impossible. */
    private static final int LONGEST_WAIT_SECONDS = 30;
    private static final String DELAY = "urn:xmpp:delay";

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "a roster change made while the session's connection is cut is a stanza the session did not "
                  + "handle: the server sends the roster push on the resumed stream")
    @Test
    void rosterPushSentWhileCutArrivesAfterResuming(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        String rosterId = former.stream().newId("roster");
        former.stream().request("<iq type='get' id='" + rosterId + "'><query xmlns='jabber:iq:roster'/></iq>", rosterId);
        RawSession laptop = lab.raw().authenticate(alice).bind();
        String carol = lab.newUser().jid().toString();
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());

        String setId = laptop.newId("roster-set");
        XmlElement reply = laptop.request("<iq type='set' id='" + setId + "'><query xmlns='jabber:iq:roster'><item jid='"
                + XmlEscape.attribute(carol) + "' name='Carol'/></query></iq>", setId);
        lab.requireThat(hasType(reply, "result"), "the roster set was refused: " + Stanzas.describe(reply));
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());

        attempt.stream().expect("the roster push for " + carol + ", made while the connection was cut, on the resumed "
                + "stream", e -> isStanza(e, "iq") && hasType(e, "set") && e.child("query", "jabber:iq:roster")
                        .flatMap(q -> q.child("item", "jabber:iq:roster")).flatMap(i -> i.attribute("jid"))
                        .map(carol::equals).orElse(false));
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = SHOULD,
          requirement = "the server keeps the session's presence state across the outage: a contact's presence "
                  + "update sent after resuming reaches the resumed stream without the client sending presence again")
    @Test
    void resumedSessionKeepsItsSubscriptions(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSubscription.establish(lab, former.stream(), bob);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());

        bob.send("<presence><show>away</show><status>after alice resumed</status></presence>");

        attempt.stream().expect("bob's presence update on alice's resumed stream, which sent no presence of its own",
                e -> isStanza(e, "presence") && bob.jid().equals(e.attribute("from").orElse(null))
                        && "after alice resumed".equals(e.childText("status", XmppNamespaces.CLIENT).orElse(null)));
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = SHOULD,
          requirement = "a message the client never acknowledged that the server keeps offline after the stream "
                  + "ended carries a delay stamp with the time of the failed delivery")
    @Test
    void unacknowledgedMessageKeptOfflineIsStamped(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession former = StreamManagement.enabledStream(lab, alice).available();
        Instant sent = Instant.now();
        String id = bob.sendMessage(former.jid(), "to be stamped");
        StreamManagement.receive(former, "to be stamped");
        StreamManagement.cut(former);

        RawSession next = lab.raw().authenticate(alice).bind();
        next.send("<presence/>");

        Optional<XmlElement> delivered = next.await("the unacknowledged message on the account's next session",
                Stanzas.messageWithBody("to be stamped"));
        if (delivered.isEmpty()) {
            Optional<XmlElement> bounced = bob.await("an error for message '" + id + "'", e -> hasId(e, id) && hasType(e, "error"));
            lab.requireThat(false, bounced.isPresent() ? "the server bounced the unacknowledged message to its sender "
                    + "instead of keeping it, as §4 allows, so there is no kept message to stamp"
                    : "the unacknowledged message was neither kept nor bounced (unacknowledgedMessageIsNotLost checks that)");
        }
        XmlElement message = delivered.get();
        XmlElement delay = message.child("delay", DELAY).orElseThrow(() -> new ServerFailure("the unacknowledged message "
                + "kept for the next session carries no <delay xmlns='" + DELAY + "'/> (XEP-0198 §4, XEP-0203): "
                + message.toXml()));
        Instant stamp = stamp(delay);
        // The stamp is the time of the failed delivery: after bob sent the message, not later than its redelivery;
        // a minute either way allows for the server's clock.
        assertTrue(!stamp.isBefore(sent.minus(Duration.ofMinutes(1))) && !stamp.isAfter(Instant.now().plus(Duration.ofMinutes(1))),
                "the delay stamp " + delay.toXml() + " is not the time of the failed delivery (message sent at " + sent + ")");
        next.note("xep0198", "the kept message carries " + delay.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "once the resumption time the server granted has passed, the session is gone: a <resume/> "
                  + "with its SM-ID is answered with <failed/> (item-not-found recommended)")
    @Test
    void sessionPastItsResumptionTimeIsNotResumed(Lab lab) {
        TimedOut timedOut = TimedOut.after(lab);

        ResumeAttempt attempt = StreamManagement.resume(lab, timedOut.alice(), timedOut.id(), timedOut.received());

        assertTrue(StreamManagement.isSm(attempt.answer(), "failed"), "a <resume/> for a session whose resumption time "
                + "has passed must be answered with <failed/>: " + attempt.answer().toXml());
        attempt.stream().note("xep0198", "the <failed/> names " + Optional.ofNullable(StreamManagement.failedCondition(
                attempt.answer())).orElse("no condition") + " (item-not-found is recommended)");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = SHOULD,
          requirement = "a message sent to the full JID of a session that waited in vain for resumption is treated "
                  + "like one for an unavailable resource: kept offline or bounced to the sender, not lost")
    @Test
    void messageToATimedOutSessionIsKeptOrBounced(Lab lab) {
        TimedOut timedOut = TimedOut.after(lab);
        RawSession bob = timedOut.bob();

        String id = bob.sendMessage(timedOut.fullJid(), "for the session that timed out");

        Optional<XmlElement> kept = keptForNextSession(lab, timedOut.alice());
        if (kept.isEmpty()) {
            // The ending session may hand what it holds to offline storage only after the next session has been given
            // the stored messages (ejabberd, under load): a second session sees those.
            kept = keptForNextSession(lab, timedOut.alice());
        }
        if (kept.isPresent()) {
            return;
        }
        bob.expect("an error for message '" + id + "', which was not kept for the account's next session either",
                e -> hasId(e, id) && hasType(e, "error"));
        bob.note("xep0198", "the message was bounced to its sender");
    }

    /** The message for the timed-out session, if a new session of the account is given it after its initial presence. */
    private static Optional<XmlElement> keptForNextSession(Lab lab, User alice) {
        RawSession next = lab.raw().authenticate(alice).bind();
        next.send("<presence/>");
        Optional<XmlElement> kept = next.await("the message to the timed-out session's full JID on the account's next "
                + "session", Stanzas.messageWithBody("for the session that timed out"));
        kept.ifPresent(message -> next.note("xep0198", "the message was kept for the account's next session: " + message.toXml()));
        return kept;
    }

    /** A resumable session whose connection was cut and whose granted resumption time has run out. */
    private record TimedOut(User alice, RawSession bob, String id, String fullJid, long received) {
        static TimedOut after(Lab lab) {
            User alice = lab.newUser();
            RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
            RawSession stream = StreamManagement.boundStream(lab, alice);
            XmlElement enabled = StreamManagement.sendEnable(stream, true, 5);
            lab.requireThat(StreamManagement.isSm(enabled, "enabled") && StreamManagement.allowsResumption(enabled),
                    "the server does not allow this stream to be resumed: " + enabled.toXml());
            int granted = enabled.attribute("max").map(Hibernation::seconds).orElseThrow(() -> new Impossible(
                    "the server names no resumption time ('max') on " + enabled.toXml() + ", so when the session ends "
                            + "cannot be waited for"));
            if (granted > LONGEST_WAIT_SECONDS) {
                throw new Impossible("asked for a resumption time of 5 s, the server granted " + granted + " s (§3 lets "
                        + "it choose), more than this test waits (" + LONGEST_WAIT_SECONDS + " s)");
            }
            String id = enabled.attribute("id").orElseThrow(() -> new ServerFailure("no SM-ID on " + enabled.toXml()));
            String fullJid = stream.jid();
            long received = StreamManagement.stanzasSinceEnabled(stream).size();
            StreamManagement.cut(stream);
            // An IQ to the waiting session is answered only when the session is gone (the server then bounces what it
            // still holds, or the resource no longer exists): its error reply is the moment the session ended.
            String pingId = bob.newId("ping");
            bob.send("<iq type='get' id='" + pingId + "' to='" + XmlEscape.attribute(fullJid) + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            long deadline = System.nanoTime() + Duration.ofSeconds(granted + 10).toNanos();
            while (bob.await("the error answering ping '" + pingId + "' once the session has ended",
                    e -> hasId(e, pingId) && hasType(e, "error")).isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new ServerFailure("the session cut " + (granted + 10) + " s ago, with a resumption time of "
                            + granted + " s, still holds the ping sent to its full JID");
                }
            }
            bob.note("xep0198", "the session's resumption time of " + granted + " s has passed: the ping to its full JID "
                    + "was answered with an error");
            return new TimedOut(alice, bob, id, fullJid, received);
        }
    }

    private static int seconds(String max) {
        try {
            return Integer.parseInt(max);
        } catch (NumberFormatException e) {
            throw new ServerFailure("'max' on <enabled/> is not a number of seconds: " + max);
        }
    }

    private static Instant stamp(XmlElement delay) {
        String stamp = delay.attribute("stamp").orElseThrow(() -> new ServerFailure("the delay has no stamp: " + delay.toXml()));
        try {
            return OffsetDateTime.parse(stamp).toInstant();
        } catch (DateTimeParseException e) {
            throw new ServerFailure("the delay stamp is not an XEP-0082 date-time: " + delay.toXml());
        }
    }
}
