package org.stanzalab.suites.xep0198;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0198.StreamManagement.Resumable;
import org.stanzalab.suites.xep0198.StreamManagement.ResumeAttempt;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0198 §5: a stream whose connection dropped is resumed on a new connection, and the session goes on as if the
 * connection had never gone: the counts carry over, unacknowledged stanzas come again, the address and presence stay.
 */
@StanzalabTest
class Resumption {

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "a stream cut without a closing tag is resumed with <resumed/> naming the former SM-ID in "
                  + "'previd' and, in 'h', the number of the client's stanzas the server handled before the cut")
    @Test
    void droppedStreamIsResumedWithTheServersCount(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        former.stream().sendMessage(bob.jid(), "before the outage");
        former.stream().sync(); // a ping answered: both stanzas are handled before the cut
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());

        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);

        assertTrue(attempt.resumed(), "resuming the stream cut a moment ago must succeed: " + attempt.answer().toXml());
        assertEquals(former.id(), attempt.answer().attribute("previd").orElse(null),
                "'previd' of <resumed/>: " + attempt.answer().toXml());
        assertEquals(2, StreamManagement.h(attempt.answer()),
                "'h' of <resumed/> after the client sent a message and a ping: " + attempt.answer().toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "the counts carry over to the resumed stream: after two stanzas before the cut and one after "
                  + "resuming, an <r/> is answered with h='3', not restarted from zero")
    @Test
    void countCarriesOverToTheResumedStream(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        former.stream().sendMessage(bob.jid(), "before the outage");
        former.stream().sync();
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());

        attempt.stream().sendMessage(bob.jid(), "after resuming");

        assertEquals(3, StreamManagement.requestAck(attempt.stream(), 3),
                "'h' after two stanzas before the cut and one on the resumed stream");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "after resuming, the server sends again every stanza the client's 'h' did not acknowledge, "
                  + "each exactly once and in the original order")
    @Test
    void unacknowledgedStanzasAreSentAgainOnceInOrder(Lab lab) {
        Outage outage = Outage.afterThreeMessages(lab, "unacknowledged");

        ResumeAttempt attempt = outage.resumeAcknowledgingBeforeFirst(0);

        assertEquals(List.of("unacknowledged 1", "unacknowledged 2", "unacknowledged 3"), outage.resent(attempt),
                "messages delivered again after resuming with an 'h' that acknowledges none of them");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "the 'h' of <resume/> acknowledges like an <a/>: stanzas it covers are not sent again, only "
                  + "those after it")
    @Test
    void acknowledgedStanzasAreNotSentAgain(Lab lab) {
        Outage outage = Outage.afterThreeMessages(lab, "partly acknowledged");

        ResumeAttempt attempt = outage.resumeAcknowledgingBeforeFirst(1);

        assertEquals(List.of("partly acknowledged 2", "partly acknowledged 3"), outage.resent(attempt),
                "messages delivered again after resuming with an 'h' that acknowledges the first of three");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "a message sent to the session's full JID while its connection was cut is delivered on the "
                  + "resumed stream")
    @Test
    void messageSentWhileCutArrivesAfterResuming(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        bob.sendMessage(former.fullJid(), "sent during the outage");
        bob.sync();

        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);

        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());
        StreamManagement.receive(attempt.stream(), "sent during the outage");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "the resumed stream continues the former session with its full JID: a message sent to that "
                  + "JID after resuming reaches the new connection")
    @Test
    void resumedSessionKeepsItsFullJid(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());

        bob.sendMessage(former.fullJid(), "after resuming");

        StreamManagement.receive(attempt.stream(), "after resuming");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = SHOULD,
          requirement = "the server keeps the session's presence across the outage, so the client need not send it "
                  + "again: a message to the bare JID after resuming reaches the resumed stream rather than offline "
                  + "storage")
    @Test
    void resumedSessionKeepsItsPresence(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        former.stream().available();
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);
        lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());

        bob.send("<message type='chat' id='" + bob.newId("bare") + "' to='" + alice.jid() + "'><body>to the bare JID"
                + "</body></message>");

        StreamManagement.receive(attempt.stream(), "to the bare JID");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = SHOULD,
          requirement = "when a stream is resumed while the former connection is still open, the server ends the "
                  + "former one with a <conflict/> stream error")
    @Test
    void resumingAnOpenStreamEndsItWithConflict(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();

        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);

        lab.requireThat(attempt.resumed(), "the server does not resume a stream whose connection is still open: "
                + attempt.answer().toXml());
        StreamError error = former.stream().expectStreamError();
        assertEquals("conflict", error.condition(), "stream error ending the former connection: " + error.element().toXml());
    }

    /** Three messages from bob reached alice's resumable stream, unacknowledged, and then the connection dropped. */
    private static final class Outage {
        private final Lab lab;
        private final User alice;
        private final RawSession bob;
        private final Resumable former;
        private final String prefix;
        private final List<XmlElement> receivedBeforeCut;

        private Outage(Lab lab, User alice, RawSession bob, Resumable former, String prefix) {
            this.lab = lab;
            this.alice = alice;
            this.bob = bob;
            this.former = former;
            this.prefix = prefix;
            this.receivedBeforeCut = StreamManagement.stanzasSinceEnabled(former.stream());
        }

        static Outage afterThreeMessages(Lab lab, String prefix) {
            User alice = lab.newUser();
            RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
            Resumable former = StreamManagement.resumableStream(lab, alice);
            for (int i = 1; i <= 3; i++) {
                bob.sendMessage(former.fullJid(), prefix + " " + i);
            }
            StreamManagement.receive(former.stream(), prefix + " 3");
            Outage outage = new Outage(lab, alice, bob, former, prefix);
            StreamManagement.cut(former.stream());
            return outage;
        }

        /**
         * Resumes with an 'h' that acknowledges everything received before the first of the three messages, and
         * {@code more} of the messages on top.
         */
        ResumeAttempt resumeAcknowledgingBeforeFirst(int more) {
            int first = -1;
            for (int i = 0; i < receivedBeforeCut.size(); i++) {
                if (Stanzas.messageWithBody(prefix + " 1").test(receivedBeforeCut.get(i))) {
                    first = i;
                    break;
                }
            }
            if (first < 0) {
                throw new TestError("the first message was not among the stanzas received before the cut");
            }
            ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), first + more);
            lab.requireThat(attempt.resumed(), "the server did not resume the stream: " + attempt.answer().toXml());
            return attempt;
        }

        /**
         * The three messages as the resumed stream got them, up to a marker bob sends after resuming: the server
         * delivers to one session in order, so anything sent again comes before the marker.
         */
        List<String> resent(ResumeAttempt attempt) {
            bob.sendMessage(former.fullJid(), prefix + " marker");
            StreamManagement.receive(attempt.stream(), prefix + " marker");
            List<XmlElement> stanzas = attempt.stream().received().stream().filter(StreamManagement::isStanza).toList();
            return StreamManagement.bodies(stanzas, b -> b.startsWith(prefix + " ") && !b.endsWith("marker"));
        }
    }
}
