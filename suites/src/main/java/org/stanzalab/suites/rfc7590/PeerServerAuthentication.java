package org.stanzalab.suites.rfc7590;

import static org.stanzalab.engine.Level.SHOULD;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.PeerProbes;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * RFC 7590 §3.4: servers should authenticate other servers. Where RFC 6120 lets dialback stand in for a certificate
 * that cannot be verified (encrypted but unauthenticated, RFC 7590's "better than nothing"), these tests ask for
 * the stronger practice, at the SHOULD level: a peer whose certificate fails validation is refused even with a
 * valid dialback key, and a message is not sent to a domain whose certificate fails validation. Profiles that
 * require certificate-verified federation (NTA 7532) rest on these.
 */
@StanzalabTest
class PeerServerAuthentication {
    private static final java.util.List<BadCertificate> INVALID = java.util.List.of(BadCertificate.EXPIRED,
            BadCertificate.NOT_YET_VALID, BadCertificate.WRONG_NAME, BadCertificate.SELF_SIGNED, BadCertificate.UNKNOWN_CA,
            BadCertificate.REVOKED);

    static Stream<Arguments> invalid() {
        return INVALID.stream().map(bad -> Arguments.of(bad.label(), bad));
    }

    @Spec(document = "RFC 7590", section = "3.4", level = SHOULD,
          requirement = "a server should authenticate peer servers: one whose certificate fails validation is refused,"
                  + " even when its dialback key checks out")
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void dialbackPeerWithInvalidCertificateRefused(String key, BadCertificate bad, Lab lab) {
        RemoteServer remote = lab.remoteServer(bad);
        RemoteServer.Outgoing outcome = remote.connectOut(Tls.STARTTLS, Auth.DIALBACK);
        if (!outcome.authenticated()) {
            lab.requireThat(!outcome.dialbackNotOffered(), lab.domain() + " offers no server dialback (XEP-0220) after TLS: "
                    + outcome.refusal());
            lab.transcript().note("verdict", lab.domain() + " refused: " + outcome.refusal());
            return;
        }
        throw new ServerFailure(lab.domain() + " accepted " + remote.domain() + " on its dialback key"
                + " although its certificate is bad (" + bad.problem() + "): the peer is encrypted but not authenticated");
    }

    @Spec(document = "RFC 7590", section = "3.4", level = SHOULD,
          requirement = "authenticated server-to-server connections are preferred: a peer whose certificate validates"
                  + " and whose dialback key checks out is accepted, and its message reaches the user")
    @Test
    void dialbackPeerWithValidCertificateAccepted(Lab lab) {
        RemoteServer remote = lab.trustedRemoteServer("tool.test");
        Session alice = lab.newUser().connect();
        RemoteServer.Outgoing outcome = remote.connectOut(Tls.STARTTLS, Auth.DIALBACK);
        lab.requireThat(!outcome.dialbackNotOffered(), lab.domain() + " offers no server dialback (XEP-0220) after TLS: "
                + outcome.refusal());
        if (!outcome.authenticated()) {
            throw new ServerFailure(lab.domain() + " refused " + remote.domain() + ", whose certificate is good and whose"
                    + " dialback key its authoritative server confirms: " + outcome.refusal());
        }
        PeerProbes.messageReachesUser(lab, remote, outcome, alice);
    }

    @Spec(document = "RFC 7590", section = "3.4", level = SHOULD,
          requirement = "a server should authenticate the servers it sends to: a message for a domain whose certificate"
                  + " fails validation is not sent to it")
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void noMessageToPeerWithInvalidCertificate(String key, BadCertificate bad, Lab lab) {
        RemoteServer remote = lab.remoteServer(bad);
        Session alice = lab.newUser().connect();

        PeerProbes.Sent sent = PeerProbes.userWritesToRemote(lab, remote, alice, lab.timeouts().reply().multipliedBy(3));

        if (sent.arrived().isPresent()) {
            throw new ServerFailure(lab.domain() + " sent " + alice.bareJid() + "'s message"
                    + " to " + remote.domain() + " although that server's certificate is bad (" + bad.problem() + "): "
                    + sent.arrived().get().toXml());
        }
        lab.transcript().note("verdict", "not delivered; " + (remote.incomingConnections() == 0
                ? lab.domain() + " did not connect to " + remote.domain()
                : lab.domain() + " connected " + remote.incomingConnections() + " time(s) and gave up")
                + sent.bounce().map(b -> "; the user got an error back: " + b.toXML()).orElse("; no error came back"));
    }

    @Spec(document = "RFC 7590", section = "3.4", level = SHOULD,
          requirement = "authenticated server-to-server connections are preferred: a message for a domain whose"
                  + " certificate validates reaches it")
    @Test
    void messageToPeerWithValidCertificateDelivered(Lab lab) {
        RemoteServer remote = lab.trustedRemoteServer("good.tool.test");
        Session alice = lab.newUser().connect();

        PeerProbes.Sent sent = PeerProbes.userWritesToRemote(lab, remote, alice, lab.timeouts().reply().multipliedBy(3));

        if (sent.arrived().isEmpty()) {
            throw new ServerFailure(lab.domain() + " did not deliver " + alice.bareJid()
                    + "'s message to " + remote.domain() + ", whose certificate is good ("
                    + (remote.incomingConnections() == 0 ? "it never connected" : "it connected "
                    + remote.incomingConnections() + " time(s)") + ")"
                    + sent.bounce().map(b -> "; the user got " + b.toXML()).orElse(""));
        }
    }
}
