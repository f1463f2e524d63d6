package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Set;
import java.util.function.Supplier;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;

/**
 * What RFC 6120 demands once a stream-level error has happened (§4.9.1.1, §4.9.1.2, §4.4): the server opens its
 * own stream if it has not yet, sends a {@code <stream:error/>} with a defined condition, closes its stream with
 * {@code </stream:stream>} and then the TCP connection.
 */
final class StreamEnd {
    /**
     * Every condition §4.9.3 defines. Where a rule obliges the server (MUST) to close the stream "with a stream error"
     * and names the condition only at SHOULD, the MUST method accepts any of these and a SHOULD method grades the name.
     */
    static final Set<String> ANY_DEFINED_CONDITION = Set.of("bad-format", "bad-namespace-prefix", "conflict",
            "connection-timeout", "host-gone", "host-unknown", "improper-addressing", "internal-server-error", "invalid-from",
            "invalid-namespace", "invalid-xml", "not-authorized", "not-well-formed", "policy-violation",
            "remote-connection-failed", "reset", "resource-constraint", "restricted-xml", "see-other-host", "system-shutdown",
            "undefined-condition", "unsupported-encoding", "unsupported-feature", "unsupported-stanza-type",
            "unsupported-version");

    private StreamEnd() {
    }

    /**
     * For a SHOULD on the name of a stream error whose sending a MUST method of its own checks: the stream error the
     * server sent, or, when it sent none, an impossible verdict (there is no condition to grade, and the missing stream
     * error is the MUST method's failure, not to be counted twice).
     */
    static StreamError streamErrorToGrade(Supplier<StreamError> expectation, String violation) {
        try {
            return expectation.get();
        } catch (ServerFailure e) {
            throw new Impossible("no stream error after " + violation + ", so no condition to grade (whether the server "
                    + "may go on is its MUST test's verdict): " + e.getMessage());
        }
    }

    /** The condition a SHOULD asks for (one of {@code preferred}), citing the section that asks. */
    static void assertPreferredCondition(StreamError error, String violation, String section, Set<String> preferred) {
        assertTrue(preferred.contains(error.condition()), "after " + violation + " the stream error should be "
                + describe(preferred) + " (RFC 6120 §" + section + ", SHOULD), but the server sent " + error.element().toXml());
    }

    /**
     * For a violation in the client's initial stream header (or before it): the server must still answer with a
     * response header first (§4.9.1.2), then the stream error and the closing.
     */
    static StreamError expectHeaderThenStreamError(RawSession client, String violation, String section, Set<String> allowed) {
        return expectHeaderThenStreamError(client, violation, section, allowed, true);
    }

    /** As above, for a header the server could not parse, so it cannot read our closing tag either. */
    static StreamError expectHeaderThenStreamError(RawSession client, String violation, String section, Set<String> allowed,
                                                   boolean parseable) {
        StreamHeader header = client.expectResponseHeader();
        assertTrue(header.isXmppStream(), "after " + violation + " the server must still open its own stream before the "
                + "stream error (RFC 6120 §4.9.1.2), but began with " + header.raw());
        return expectStreamErrorAfterHeader(client, violation, section, allowed, parseable);
    }

    /**
     * For a violation in the client's initial stream header, once the response header has been read: the stream
     * error comes instead of the stream features, then the closing.
     */
    static StreamError expectStreamErrorAfterHeader(RawSession client, String violation, String section, Set<String> allowed,
                                                    boolean parseable) {
        return expectConditionAndClosing(client, client.expectStreamErrorInsteadOfFeatures(), violation, section, allowed, parseable);
    }

    /**
     * For a violation on an open stream: a stream error whose condition is one of {@code allowed}, then
     * {@code </stream:stream>}, then the TCP connection closes.
     *
     * @param parseable whether the server can still read our answering closing tag; if the stream is broken at
     *                  the XML level the server may wait for a time of its own choosing before closing TCP
     */
    static StreamError expectStreamErrorAndClosing(RawSession client, String violation, String section, Set<String> allowed,
                                                   boolean parseable) {
        return expectConditionAndClosing(client, client.expectStreamError(), violation, section, allowed, parseable);
    }

    /**
     * For a stream error already taken from the stream: its condition is one of {@code allowed}, then the closing.
     * Where several conditions are allowed, the transcript notes the one the server chose.
     */
    static StreamError expectConditionAndClosing(RawSession client, StreamError error, String violation, String section,
                                                         Set<String> allowed, boolean parseable) {
        assertTrue(allowed.contains(error.condition()), "after " + violation + " the server must send a stream error with "
                + describe(allowed) + " in urn:ietf:params:xml:ns:xmpp-streams (RFC 6120 §" + section + "), but sent "
                + error.element().toXml());
        expectClosing(client, "the " + error.describe() + " stream error", parseable);
        if (allowed.size() > 1) {
            client.note("choice", "the server closed the stream with " + error.describe());
        }
        return error;
    }

    /**
     * The server closes its stream with {@code </stream:stream>} and, once we answered with ours, the TCP
     * connection (RFC 6120 §4.4).
     */
    static void expectClosing(RawSession client, String after, boolean parseable) {
        Closure first = client.awaitServerClosingTag();
        switch (first) {
            case TIMEOUT -> fail("after " + after + " the server must close its stream with </stream:stream> "
                    + "(RFC 6120 §4.9.1.1, §4.4), but it neither closed the stream nor the connection within the reply timeout");
            case EOF -> fail("after " + after + " the server must close its stream with </stream:stream> before "
                    + "closing the connection (RFC 6120 §4.9.1.1, §4.4), but the connection ended without it");
            default -> {
            }
        }
        client.answerClosingTag();
        Closure end = client.awaitClosure();
        if (end == Closure.CLOSING_TAG && !parseable) {
            return; // the server cannot read our closing tag on a broken stream; how long it waits is its choice
        }
        assertTrue(end == Closure.CLOSING_TAG_THEN_EOF, "after " + after + " and both closing tags the server must "
                + "close the TCP connection (RFC 6120 §4.4), but observed " + end);
    }

    static String describe(Set<String> conditions) {
        if (conditions.equals(ANY_DEFINED_CONDITION)) {
            return "a condition defined in RFC 6120 §4.9.3";
        }
        return conditions.size() == 1 ? "<" + conditions.iterator().next() + "/>"
                : "one of " + conditions.stream().sorted().map(c -> "<" + c + "/>").toList();
    }
}
