package org.stanzalab.suites.rfc7622;

import static org.stanzalab.engine.raw.Stanzas.describe;
import static org.stanzalab.engine.raw.Stanzas.errorCondition;
import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.messageWithBody;
import static org.stanzalab.engine.raw.Stanzas.replyTo;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.util.Optional;
import java.util.Set;

import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/** What the server must answer to a stanza whose address the test chose, stated the way RFC 7622 states it. */
final class Answers {
    /** The conditions with which a server says that a stanza's address is malformed. */
    private static final Set<String> ADDRESS_REFUSALS = Set.of("jid-malformed", "bad-request");

    private Answers() {
    }

    /**
     * The stanza sent to an address that breaks the rules must come back as a {@code <jid-malformed/>} error
     * (RFC 7622 §4, RFC 6120 §8.3.3.8).
     */
    static void assertMalformed(RawSession sender, String id, String to, String rule) {
        XmlElement reply = sender.await("the error answering the stanza to " + show(to), replyTo(id))
                .orElseThrow(() -> new ServerFailure("the stanza to " + show(to) + " was not refused within the reply timeout; RFC 7622 §4 requires a <jid-malformed/> error because "
                + rule));
        if (!hasType(reply, "error") || !"jid-malformed".equals(errorCondition(reply))) {
            throw new ServerFailure("the stanza to " + show(to) + " must be refused with <jid-malformed/> (RFC 7622 §4) because "
                    + rule + ", but the server answered " + describe(reply));
        }
    }

    /** Like {@link #assertMalformed}, for an IQ whose payload carries the address (a roster item, say). */
    static void assertRefused(XmlElement reply, Set<String> allowed, String what, String rule) {
        if (!hasType(reply, "error") || !allowed.contains(errorCondition(reply))) {
            throw new ServerFailure(what + " must be refused with " + conditions(allowed) + " (RFC 7622 §4) because " + rule
                    + ", but the server answered " + describe(reply));
        }
    }

    /**
     * The address is valid, so whatever the server does with the stanza, it must not call the address malformed:
     * neither with {@code <jid-malformed/>} nor with {@code <bad-request/>}, which is how some servers refuse a bad
     * address (the stanza has nothing else wrong with it). Routing errors (no such user, service unavailable) are the
     * server's to choose. The server checks an address as it takes the stanza in, so an error for it precedes the
     * answer to a ping sent right after; errors that come later are routing errors anyway.
     */
    static void assertNotMalformed(RawSession sender, String id, String to, String why) {
        sender.sync();
        Optional<XmlElement> reply = sender.alreadyReceived(replyTo(id));
        String condition = reply.map(Stanzas::errorCondition).orElse(null);
        if (condition != null && ADDRESS_REFUSALS.contains(condition)) {
            throw new ServerFailure("the stanza to " + show(to) + " was refused as <" + condition + "/>, but " + why
                    + ": " + reply.get().toXml());
        }
    }

    /** The message must reach the recipient; if it does not, the failure says what the sender got back instead. */
    static XmlElement assertDelivered(RawSession sender, String id, RawSession recipient, String body, String to, String why) {
        return recipient.await("the message to " + show(to), messageWithBody(body))
                .orElseThrow(() -> new ServerFailure("the message to " + show(to) + " did not reach " + recipient.user().role() + " (" + recipient.jid() + ") within the reply timeout, but "
                + why + ". The sender got back: " + sender.alreadyReceived(replyTo(id)).map(Stanzas::describe)
                .orElse("nothing")));
    }

    /** Compares strings code point by code point; the failure shows invisible and non-ASCII code points as U+XXXX. */
    static void assertSameString(String expected, String actual, String what) {
        if (!expected.equals(actual)) {
            throw new ServerFailure(what + ": expected " + show(expected) + " but was " + show(actual));
        }
    }

    private static String conditions(Set<String> allowed) {
        return allowed.stream().sorted().map(c -> "<" + c + "/>").reduce((a, b) -> a + " or " + b).orElse("an error");
    }
}
