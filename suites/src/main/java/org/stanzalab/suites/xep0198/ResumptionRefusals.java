package org.stanzalab.suites.xep0198;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0198.StreamManagement.NS;
import static org.stanzalab.suites.xep0198.StreamManagement.isSm;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.RawSession.Binding;
import org.stanzalab.suites.xep0198.StreamManagement.Resumable;
import org.stanzalab.suites.xep0198.StreamManagement.ResumeAttempt;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** XEP-0198 §5, §7 and §10: the resumptions a server must refuse, and what the client can do after a refusal. */
@StanzalabTest
class ResumptionRefusals {

    private static String unknownId() {
        return "stanzalab-no-such-session-" + UUID.randomUUID();
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "a <resume/> whose 'previd' names no earlier session the server knows gets <failed/>")
    @Test
    void unknownSessionIsNotResumed(Lab lab) {
        ResumeAttempt attempt = StreamManagement.resume(lab, lab.newUser(), unknownId(), 0);

        assertTrue(isSm(attempt.answer(), "failed"), "<resume/> of an SM-ID the server never gave out must get <failed/>, "
                + "got " + attempt.answer().toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = SHOULD,
          requirement = "the <failed/> refusing to resume an unknown session carries <item-not-found/>")
    @Test
    void unknownSessionIsRefusedWithItemNotFound(Lab lab) {
        ResumeAttempt attempt = StreamManagement.resume(lab, lab.newUser(), unknownId(), 0);

        lab.requireThat(isSm(attempt.answer(), "failed"), "the server did not refuse with <failed/>: " + attempt.answer().toXml());
        assertEquals("item-not-found", StreamManagement.failedCondition(attempt.answer()),
                "condition in the <failed/> refusing an unknown SM-ID: " + attempt.answer().toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = SHOULD,
          requirement = "after a refused resumption the client can bind a resource on the same stream, without "
                  + "negotiating the stream and authenticating again")
    @Test
    void resourceCanBeBoundAfterRefusedResumption(Lab lab) {
        User alice = lab.newUser();
        ResumeAttempt attempt = StreamManagement.resume(lab, alice, unknownId(), 0);
        lab.requireThat(isSm(attempt.answer(), "failed"), "the server did not refuse with <failed/>: " + attempt.answer().toXml());

        Binding binding = attempt.stream().requestBinding(null);

        assertFalse(binding.isRefused(), "binding after the refused <resume/> was refused with <" + binding.refusal() + "/>");
        assertTrue(binding.bareJid().equalsIgnoreCase(alice.jid().toString()),
                "bound " + binding.fullJid() + ", not a resource of " + alice.jid());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "5", level = MUST,
          requirement = "a session the client ended with </stream:stream> is over: resuming it gets <failed/>")
    @Test
    void cleanlyClosedSessionIsNotResumed(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        former.stream().send("<a xmlns='" + NS + "' h='" + received + "'/>");
        former.stream().send("</stream:stream>");
        former.stream().awaitServerClosingTag();

        ResumeAttempt attempt = StreamManagement.resume(lab, alice, former.id(), received);

        assertTrue(isSm(attempt.answer(), "failed"), "<resume/> of a session closed with </stream:stream> must get "
                + "<failed/>, got " + attempt.answer().toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "10", level = MUST,
          requirement = "no session is resumed on a stream that has not authenticated: a <resume/> before SASL, even "
                  + "with the SM-ID of a session waiting to be resumed, is refused")
    @Test
    void resumptionBeforeAuthenticationIsRefused(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        RawSession intruder = lab.raw().secure();

        intruder.send("<resume xmlns='" + NS + "' previd='" + XmlEscape.attribute(former.id()) + "' h='" + received + "'/>");

        String outcome = refusalOrFailure(intruder);
        intruder.note("xep0198", "the unauthenticated <resume/> ended in " + outcome);
        ownerCanStillResume(lab, alice, former, received);
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "10", level = MUST,
          requirement = "resuming needs authentication as the session's own account: another account's <resume/> "
                  + "with a valid SM-ID is refused, and the session stays the owner's")
    @Test
    void resumptionByAnotherAccountIsRefused(Lab lab) {
        User alice = lab.newUser();
        Resumable former = StreamManagement.resumableStream(lab, alice);
        long received = StreamManagement.stanzasSinceEnabled(former.stream()).size();
        StreamManagement.cut(former.stream());
        RawSession mallory = lab.raw().authenticate(lab.newUser());

        mallory.send("<resume xmlns='" + NS + "' previd='" + XmlEscape.attribute(former.id()) + "' h='" + received + "'/>");

        String outcome = refusalOrFailure(mallory);
        mallory.note("xep0198", "another account's <resume/> ended in " + outcome);
        ownerCanStillResume(lab, alice, former, received);
    }

    /**
     * What ended a resumption attempt that must not succeed: a {@code <failed/>}, a stream error, or the connection
     * closed. A {@code <resumed/>} fails the test, and so does no answer at all (XEP-0198 §6: an error owes a
     * {@code <failed/>}).
     */
    private static String refusalOrFailure(RawSession stream) {
        try {
            XmlElement answer = stream.wire().expect(e -> isSm(e, "resumed") || isSm(e, "failed") || StreamError.isStreamError(e),
                    "<resumed/>, <failed/> or a stream error answering <resume/>");
            if (isSm(answer, "resumed")) {
                throw new ServerFailure("the server resumed the session for a stream that may not resume it: " + answer.toXml());
            }
            return answer.toXml();
        } catch (StreamClosedException e) {
            return "the end of the connection: " + e.getMessage();
        } catch (WireTimeoutException e) {
            throw new ServerFailure("the server neither refused the <resume/> nor ended the stream: " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not wait for the answer to <resume/>: " + e.getMessage(), e);
        }
    }

    /** The refusal meant something only if the SM-ID was good: its owner resumes the session with it. */
    private static void ownerCanStillResume(Lab lab, User owner, Resumable former, long received) {
        ResumeAttempt own = StreamManagement.resume(lab, owner, former.id(), received);
        if (!own.resumed()) {
            throw new TestError("not run: the owner could not resume the session either, so the refusal proves nothing: "
                    + own.answer().toXml());
        }
    }
}
