package org.stanzalab.suites.xep0198;

import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * XEP-0198 over the wire driver: the test writes every {@code <enable/>}, {@code <r/>}, {@code <a/>} and
 * {@code <resume/>} itself, and counts the stanzas it received the way a client's 'h' counter does.
 */
public final class StreamManagement {
    public static final String NS = "urn:xmpp:sm:3";

    private StreamManagement() {
    }

    /** A stream of this user, authenticated and bound, whose features offer stream management (else impossible). */
    static RawSession boundStream(Lab lab, User user) {
        RawSession stream = lab.raw().authenticate(user).bind();
        stream.requireFeature(NS, "sm");
        return stream;
    }

    /** Sends {@code <enable/>} (with resume='true' if asked) and returns the server's {@code <enabled/>}, {@code <failed/>} or stream error. */
    static XmlElement sendEnable(RawSession stream, boolean resume) {
        return sendEnable(stream, resume, null);
    }

    /** Like {@link #sendEnable(RawSession, boolean)}, asking for this resumption time in seconds ('max') if not null. */
    static XmlElement sendEnable(RawSession stream, boolean resume, Integer maxSeconds) {
        stream.send("<enable xmlns='" + NS + "'" + (resume ? " resume='true'" : "")
                + (maxSeconds == null ? "" : " max='" + maxSeconds + "'") + "/>");
        return stream.expect("<enabled/> or <failed/> answering <enable/>", e -> isSm(e, "enabled") || isSm(e, "failed")
                || StreamError.isStreamError(e));
    }

    /** A bound stream with stream management enabled; impossible when the server refuses it. */
    public static RawSession enabledStream(Lab lab, User user) {
        RawSession stream = boundStream(lab, user);
        XmlElement answer = sendEnable(stream, false);
        if (!isSm(answer, "enabled")) {
            throw new Impossible("the server offers stream management but refused to enable it: " + answer.toXml());
        }
        return stream;
    }

    /** A bound stream with resumable stream management; impossible when the server does not allow resumption. */
    public static Resumable resumableStream(Lab lab, User user) {
        RawSession stream = boundStream(lab, user);
        XmlElement answer = sendEnable(stream, true);
        if (!isSm(answer, "enabled")) {
            throw new Impossible("the server offers stream management but refused to enable it: " + answer.toXml());
        }
        if (!allowsResumption(answer)) {
            throw new Impossible("the server does not allow this stream to be resumed (no resume='true' on " + answer.toXml() + ")");
        }
        String id = answer.attribute("id").filter(v -> !v.isEmpty()).orElseThrow(() -> new ServerFailure(
                "the server allowed resumption but gave no 'id' to resume with (XEP-0198 §5): " + answer.toXml()));
        // A cut connection leaves the session waiting on the server for minutes, online to its contacts and taking the
        // account's messages: a test that did not resume it ends it here, so the account is left as it was found.
        lab.cleanup("the resumable session " + id, () -> endIfWaiting(lab, user, id, stanzasSinceEnabled(stream).size()));
        return new Resumable(stream, id, stream.jid());
    }

    /** Resumes the session if it still waits (acknowledging what its stream received) and closes it cleanly. */
    private static void endIfWaiting(Lab lab, User user, String id, long received) {
        ResumeAttempt attempt = resume(lab, user, id, received);
        if (attempt.resumed()) {
            attempt.stream().send("<presence type='unavailable'/>");
            attempt.stream().answerClosingTag();
            // Closing the socket at once may reset it before the server has read our closing tag, and a reset stream
            // is one more cut: the server would keep the session waiting again.
            attempt.stream().awaitServerClosingTag(SmackConnector.CLOSE_WAIT);
        }
    }

    /** A stream that may be resumed: the session, its SM-ID and the full JID it was bound to. */
    public record Resumable(RawSession stream, String id, String fullJid) {
    }

    static boolean allowsResumption(XmlElement enabled) {
        String resume = enabled.attribute("resume").orElse("false");
        return resume.equals("true") || resume.equals("1");
    }

    static boolean isSm(XmlElement element, String name) {
        return element.is(name, NS);
    }

    static boolean isStanza(XmlElement element) {
        return Stanzas.isStanza(element, "message") || Stanzas.isStanza(element, "presence") || Stanzas.isStanza(element, "iq");
    }

    /**
     * The stanzas this session received after {@code <enabled/>} or {@code <resumed/>} (counting restarts at
     * neither: stanzas after {@code <resumed/>} continue the count), in arrival order: what its 'h' counts.
     */
    public static List<XmlElement> stanzasSinceEnabled(RawSession stream) {
        List<XmlElement> all = stream.received();
        int start = 0;
        for (int i = 0; i < all.size(); i++) {
            if (isSm(all.get(i), "enabled")) {
                start = i + 1;
            }
        }
        return all.subList(start, all.size()).stream().filter(StreamManagement::isStanza).toList();
    }

    /** Reads until this message has arrived, so the test knows the server has sent it. */
    static XmlElement receive(RawSession stream, String body) {
        return stream.expect("the message '" + body + "'", Stanzas.messageWithBody(body));
    }

    /**
     * Sends {@code <r/>} and returns the 'h' of the server's {@code <a/>}. An {@code <a/>} the server sent on its own
     * before may carry a smaller count; the answer to this request is the first that reaches {@code expected}, so
     * smaller ones are passed over until the reply timeout, and the last one seen is returned then.
     */
    static long requestAck(RawSession stream, long expected) {
        stream.send("<r xmlns='" + NS + "'/>");
        Long last = null;
        while (true) {
            Optional<XmlElement> ack = stream.await("an <a/> answering our <r/>", e -> isSm(e, "a"));
            if (ack.isEmpty()) {
                if (last == null) {
                    throw new ServerFailure("the server did not answer our <r/> with an <a/> (XEP-0198 §4 requires one)");
                }
                return last;
            }
            last = h(ack.get());
            if (last >= expected) {
                return last;
            }
        }
    }

    /** The 'h' attribute of an {@code <a/>}, {@code <resumed/>} or {@code <failed/>}; absent or not a number fails. */
    static long h(XmlElement element) {
        String h = element.attribute("h").orElseThrow(() -> new ServerFailure("the server's <" + element.name()
                + "/> has no 'h' attribute (XEP-0198 §4: an <a/> must have one; §5: so must <resumed/>): " + element.toXml()));
        try {
            long value = Long.parseLong(h);
            if (value < 0 || value > 0xFFFFFFFFL) {
                throw new NumberFormatException();
            }
            return value;
        } catch (NumberFormatException e) {
            throw new ServerFailure("the server's 'h' is not an unsigned 32-bit number: " + element.toXml());
        }
    }

    /** Opens a new connection as the user, authenticates it (no binding) and asks to resume; returns what answered. */
    public static ResumeAttempt resume(Lab lab, User user, String previd, long h) {
        RawSession stream = lab.raw().authenticate(user);
        stream.requireFeature(NS, "sm");
        return new ResumeAttempt(stream, sendResume(stream, previd, h));
    }

    /** Sends {@code <resume/>} and waits for {@code <resumed/>}, {@code <failed/>} or a stream error. */
    static XmlElement sendResume(RawSession stream, String previd, long h) {
        stream.send("<resume xmlns='" + NS + "' previd='" + XmlEscape.attribute(previd) + "' h='" + h + "'/>");
        return stream.expect("<resumed/> or <failed/> answering <resume/>", e -> isSm(e, "resumed") || isSm(e, "failed")
                || StreamError.isStreamError(e));
    }

    /** The new stream and the server's answer to its {@code <resume/>}. */
    public record ResumeAttempt(RawSession stream, XmlElement answer) {
        public boolean resumed() {
            return isSm(answer, "resumed");
        }
    }

    /** The defined stanza error condition inside a {@code <failed/>}, or null if it names none. */
    static String failedCondition(XmlElement failed) {
        return failed.children().stream().filter(c -> c.namespace().equals(XmppNamespaces.STANZA_ERRORS) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst().orElse(null);
    }

    /** Drops the connection the way a network outage would, without a closing tag. */
    public static void cut(RawSession stream) {
        stream.note("xep0198", "dropping the connection without </stream:stream>, as a network outage would");
        stream.wire().abort();
    }

    /** The bodies of the messages among these stanzas that match, in order. */
    static List<String> bodies(List<XmlElement> stanzas, Predicate<String> wanted) {
        return stanzas.stream().filter(e -> Stanzas.isStanza(e, "message"))
                .map(e -> e.childText("body", XmppNamespaces.CLIENT).orElse(null))
                .filter(b -> b != null && wanted.test(b)).toList();
    }
}
