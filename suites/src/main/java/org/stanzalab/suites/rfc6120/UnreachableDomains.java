package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.SilentPeer;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * Stanzas to domains the server cannot reach (RFC 6120 §10.4.3): the server must tell the sender, with
 * remote-server-not-found when the domain cannot be resolved and remote-server-timeout when it resolves but no stream
 * can be negotiated. The RFC sets no time limit ("a reasonable amount of time", §8.3.3.17), so each test states its
 * bound: the server must give up and say so within it.
 */
@StanzalabTest
class UnreachableDomains {
    /**
     * How long a failed resolution may take: a lookup that fails answers within seconds, and a resolver that gets no
     * answer gives up after a few tries of a few seconds each (the usual 5 s times 2 attempts, plus the SRV and the
     * address lookups).
     */
    static final Duration NOT_FOUND_BOUND = Duration.ofSeconds(30);
    /**
     * How long a server may keep trying a peer that accepts the connection and then stays silent: two minutes, above the
     * default negotiation timeouts of the common servers (Prosody gives up after 90 s) and still far below what a user
     * waiting for an answer would call reasonable.
     */
    static final Duration TIMEOUT_BOUND = Duration.ofSeconds(120);

    /** nowhere.tool.test resolves (servers/up maps it) to an address where nothing listens, so the connection is refused. */
    static final String REFUSING = "nowhere.tool.test";
    /** silent.tool.test resolves to an address where the tool answers the stream header and then says nothing. */
    static final String SILENT = "silent.tool.test";

    /** How the sender addresses the unreachable domain. */
    enum Kind {
        MESSAGE("message"), IQ("iq");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        /** Sends a stanza of this kind to {@code to} and returns its id. */
        String send(RawSession sender, String to) {
            String id = sender.newId("unreachable");
            sender.send(this == MESSAGE
                    ? "<message type='chat' id='" + id + "' to='" + to + "'><body>is anyone there?</body></message>"
                    : "<iq type='get' id='" + id + "' to='" + to + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            return id;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** The error the server sent back for the stanza with this id within the bound; none fails the test. */
    static XmlElement bounce(RawSession sender, String id, String to, Duration bound, List<String> conditions) {
        Optional<XmlElement> error = sender.awaitWithin("an error for '" + id + "' sent to " + to,
                e -> Stanzas.hasId(e, id) && (Stanzas.isStanza(e, "message") || Stanzas.isStanza(e, "iq")), bound);
        if (error.isEmpty()) {
            throw new ServerFailure("nothing came back within " + bound.toSeconds() + " s for the stanza '" + id + "' sent to "
                    + to + ", which the server cannot deliver; expected <" + String.join("/> or <", conditions) + "/>");
        }
        XmlElement answer = error.get();
        String condition = Stanzas.hasType(answer, "error") ? Stanzas.errorCondition(answer) : null;
        if (condition == null || !conditions.contains(condition)) {
            throw new ServerFailure("the stanza to " + to + " came back with " + (condition == null ? "no error" : "<" + condition + "/>")
                    + " instead of <" + String.join("/> or <", conditions) + "/>: " + answer.toXml());
        }
        sender.note("check", "the server answered <" + condition + "/> (error type "
                + answer.children("error", "jabber:client").stream().findFirst().flatMap(e -> e.attribute("type")).orElse("none") + ")");
        return answer;
    }

    @Spec(document = "RFC 6120", section = "10.4.3", level = MUST,
          requirement = "a stanza to a domain that cannot be resolved is answered with remote-server-not-found, within 30 s")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void unresolvableDomainIsRemoteServerNotFound(Kind kind, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        // .invalid never resolves (RFC 2606), so no resolver anywhere can find it
        String to = "someone@sl-" + UUID.randomUUID().toString().substring(0, 8) + ".invalid";

        String id = kind.send(alice, to);

        bounce(alice, id, to, NOT_FOUND_BOUND, List.of("remote-server-not-found"));
    }

    @Spec(document = "RFC 6120", section = "10.4.3", level = MUST,
          requirement = "a stanza to a domain that resolves to an address refusing connections on port 5269 is answered with "
                  + "remote-server-not-found (§8.3.3.16: no response on the port) or remote-server-timeout (§10.4.3: resolved, "
                  + "but no stream), within 30 s")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void domainRefusingConnectionsIsReported(Kind kind, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        String to = "someone@" + REFUSING;

        String id = kind.send(alice, to);

        // The RFC names both: §8.3.3.16 gives "no response on port 5269" as an example of not-found, §10.4.3 says a
        // resolved domain without a stream is a timeout. Either meets the MUST; the transcript says which.
        bounce(alice, id, to, NOT_FOUND_BOUND, List.of("remote-server-not-found", "remote-server-timeout"));
    }

    @Spec(document = "RFC 6120", section = "10.4.3", level = MUST,
          requirement = "a message and an IQ to a domain whose server accepts the connection and answers the stream header but then "
                  + "negotiates nothing are each answered with remote-server-timeout, within 120 s")
    @Test
    // the stated bound, a wait for the peer's address (below) and the set-up: longer than the run's default ceiling
    @Timeout(value = 270, unit = TimeUnit.SECONDS)
    void silentPeerIsRemoteServerTimeout(Lab lab) {
        // ./check runs the suites of both reference servers side by side, and only one can play the peer at a time
        SilentPeer peer = SilentPeer.listen(SILENT, TIMEOUT_BOUND, lab.transcript());
        lab.cleanup("stop playing " + SILENT, peer);
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        String to = "someone@" + SILENT;

        String message = Kind.MESSAGE.send(alice, to);
        String iq = Kind.IQ.send(alice, to);

        long start = System.nanoTime();
        bounce(alice, message, to, TIMEOUT_BOUND, List.of("remote-server-timeout"));
        Duration left = TIMEOUT_BOUND.minusNanos(System.nanoTime() - start);
        bounce(alice, iq, to, left.isNegative() ? Duration.ZERO : left, List.of("remote-server-timeout"));
        alice.note("check", "the server connected to " + SILENT + " " + peer.connections() + " time(s) and gave up after "
                + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
    }
}
