package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.federation.PeerProbes;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * RFC 6120 §8.1.1.2 and §8.1.2.2: on a server-to-server stream the tool authenticated (as {@code spoof.tool.test} or {@code addressing.tool.test}), every
 * stanza names its addressee in a domain of the receiving server and its sender in a domain the peer authenticated.
 * A stanza that breaks either rule is not processed: the stream is closed with the condition the section names. A
 * spoofed sender delivered to a user is a security-relevant failure.
 */
@StanzalabTest
class ServerToServerAddressing {
    /** The domain the tool authenticates as for the 'from' cases (the 'to' cases use {@link #TO_DOMAIN}). */
    static final String TOOL_DOMAIN = "spoof.tool.test";
    static final String TO_DOMAIN = "addressing.tool.test";

    /** What is wrong with the 'from' of a stanza the tool sends as {@link #TOOL_DOMAIN}. */
    enum BadFrom {
        OWN_DOMAIN("own-domain", true, lab -> "someone@" + lab.domain() + "/desk"),
        OTHER_DOMAIN("other-domain", true, lab -> "someone@elsewhere.example/desk"),
        SUBDOMAIN("subdomain", true, lab -> "someone@sub." + TOOL_DOMAIN + "/desk"),
        MISSING("missing", false, lab -> null),
        MALFORMED("malformed", false, lab -> "@" + TOOL_DOMAIN);

        private final String key;
        /** A well-formed address of a domain the peer did not authenticate: delivering it impersonates someone. */
        final boolean spoofed;
        final Function<Lab, String> from;

        BadFrom(String key, boolean spoofed, Function<Lab, String> from) {
            this.key = key;
            this.spoofed = spoofed;
            this.from = from;
        }

        /** §8.1.2.2: invalid-from for a domain not authenticated, improper-addressing for a missing or invalid one. */
        Set<String> conditions() {
            // An address that breaks the address rules cannot match the authenticated domain either, so a server
            // that says invalid-from for it names a true fault; improper-addressing is the one the text gives.
            return spoofed ? Set.of("invalid-from") : this == MISSING ? Set.of("improper-addressing")
                    : Set.of("improper-addressing", "invalid-from");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.1.2.2", level = MUST,
          requirement = "a stanza from a peer server whose 'from' is missing, is not a valid address, or names a domain"
                  + " the peer did not authenticate (the server's own, a subdomain of the peer's, another) is not"
                  + " delivered: the stream is closed with <invalid-from/> (<improper-addressing/> when the 'from' is"
                  + " missing or invalid)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadFrom.class)
    void stanzaWithBadFromIsRefused(BadFrom bad, Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer(TOOL_DOMAIN);
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        RemoteServer.Outgoing stream = authenticated(lab, remote);
        String from = bad.from.apply(lab);
        String body = "from " + bad + " " + UUID.randomUUID();
        String afterBody = "after " + UUID.randomUUID();

        stream.send(message(from, alice.jid().toString(), body));
        // A stanza the peer may send, after the bad one: if it arrives the stream evidently went on (RFC 6120 §10.1:
        // in order, so the bad one was handled first).
        stream.send(message("someone@" + TOOL_DOMAIN + "/desk", alice.jid().toString(), afterBody));

        PeerProbes.Ending ending = PeerProbes.awaitEnding(lab, stream.stream(), lab.timeouts().reply().multipliedBy(2),
                () -> hasBody(alice, afterBody));
        expectNotDelivered(lab, alice, bob, body, "the stanza with 'from' " + describe(from), ending.ended());
        if (ending.error().isEmpty() || !bad.conditions().contains(ending.error().get().condition())) {
            throw new ServerFailure(lab.domain() + " did not deliver the stanza with 'from' " + describe(from)
                    + " sent by " + TOOL_DOMAIN + ", but answered with: " + ending.describe() + " (expected "
                    + bad.conditions() + ")" + bouncesSeen(remote, stream));
        }
    }

    /** What is wrong with the 'to' of a stanza the tool sends as {@link #TO_DOMAIN}. */
    enum BadTo {
        MISSING("missing", Set.of("improper-addressing")),
        UNSERVED("unserved-domain", Set.of("host-unknown", "host-gone"));

        private final String key;
        final Set<String> conditions;

        BadTo(String key, Set<String> conditions) {
            this.key = key;
            this.conditions = conditions;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.1.1.2", level = MUST,
          requirement = "a stanza from a peer server without a 'to', or addressed to a domain the receiving server does"
                  + " not serve, closes the stream with <improper-addressing/> or <host-unknown/> (or <host-gone/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTo.class)
    void stanzaWithBadToIsRefused(BadTo bad, Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer(TO_DOMAIN);
        RemoteServer.Outgoing stream = authenticated(lab, remote);
        String to = bad == BadTo.MISSING ? null : "someone@" + ServerToServerStreams.UNSERVED;

        stream.send(message("someone@" + TO_DOMAIN + "/desk", to, "to " + bad));

        PeerProbes.Ending ending = PeerProbes.awaitEnding(lab, stream.stream(), lab.timeouts().reply().multipliedBy(2),
                () -> false);
        if (ending.error().isEmpty() || !bad.conditions.contains(ending.error().get().condition())) {
            throw new ServerFailure(lab.domain() + " answered a stanza with 'to' " + describe(to) + " from "
                    + TO_DOMAIN + " with: " + ending.describe() + " (expected " + bad.conditions + ")"
                    + bouncesSeen(remote, stream));
        }
    }

    /** A stream authenticated as {@code remote}'s domain: SASL EXTERNAL, else dialback; not run if neither works. */
    static RemoteServer.Outgoing authenticated(Lab lab, RemoteServer remote) {
        RemoteServer.Outgoing external = remote.connectOut(Tls.STARTTLS, Auth.EXTERNAL);
        if (external.authenticated()) {
            return external;
        }
        RemoteServer.Outgoing dialback = remote.connectOut(Tls.STARTTLS, Auth.DIALBACK);
        if (dialback.authenticated()) {
            return dialback;
        }
        throw new TestError("not run: " + lab.domain() + " accepted " + remote.domain() + " (a good certificate) neither"
                + " by SASL EXTERNAL (" + external.refusal() + ") nor by dialback (" + dialback.refusal() + ")");
    }

    /**
     * Fails if {@code alice} got the message with {@code body}. After the stream ended, a marker from {@code bob}
     * decides: the server handled the stanza before it sent the stream error we read, so anything it delivered
     * was on its way to alice before the marker was sent. While the stream goes on, the stanza sent after it on the
     * same stream has already arrived, so the mailbox is complete.
     */
    static void expectNotDelivered(Lab lab, Session alice, Session bob, String body, String what, boolean streamEnded) {
        if (streamEnded) {
            try {
                alice.expectNothingBefore(bob.sendMarkerTo(alice), Message.class, what, m -> body.equals(m.getBody()));
                return;
            } catch (ServerFailure delivered) {
                throw new SecurityBreach(lab.domain() + " delivered " + what + " to " + alice.bareJid() + ": "
                        + delivered.getMessage());
            }
        }
        alice.received().stream().filter(s -> s instanceof Message m && body.equals(m.getBody())).findFirst()
                .ifPresent(m -> {
                    throw new SecurityBreach(lab.domain() + " delivered " + what + " to " + alice.bareJid() + ": "
                            + m.toXML());
                });
    }

    private static boolean hasBody(Session session, String body) {
        return session.received().stream().anyMatch(s -> s instanceof Message m && body.equals(m.getBody()));
    }

    /**
     * Error stanzas the server sent back to the tool's domain, as evidence: over its own stream to it, or (as some
     * servers do) over the tool's stream.
     */
    private static String bouncesSeen(RemoteServer remote, RemoteServer.Outgoing stream) {
        List<XmlElement> errors = java.util.stream.Stream.concat(remote.stanzas().stream(), stream.stream().received().stream())
                .filter(e -> "error".equals(e.attribute("type").orElse("")) && !StreamError.isStreamError(e)).toList();
        return errors.isEmpty() ? "" : "; it sent back " + errors.get(0).toXml();
    }

    static String message(String from, String to, String body) {
        return "<message xmlns='" + ServerNamespaces.SERVER + "'" + (from == null ? "" : " from='" + XmlEscape.attribute(from) + "'")
                + (to == null ? "" : " to='" + XmlEscape.attribute(to) + "'") + " type='chat' id='" + UUID.randomUUID()
                + "'><body>" + XmlEscape.text(body) + "</body></message>";
    }

    private static String describe(String address) {
        return address == null ? "(none)" : "'" + address + "'";
    }
}
