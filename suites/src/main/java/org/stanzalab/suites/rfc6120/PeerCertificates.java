package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * RFC 6120 §13.7.2 between servers: the tool connects to the server under test as a remote domain
 * ({@code LABEL.tool.test}) presenting a certificate with exactly one fault, and the server must not take that
 * certificate as proof of the domain's identity. The good certificate's counterpart is in xep0178.
 */
@StanzalabTest
class PeerCertificates {
    /** The faults that make a certificate fail validation under §13.7.2 itself (weak keys and SHA-1 do not: rfc7525). */
    static final List<BadCertificate> INVALID = List.of(BadCertificate.EXPIRED, BadCertificate.NOT_YET_VALID,
            BadCertificate.WRONG_NAME, BadCertificate.SELF_SIGNED, BadCertificate.UNKNOWN_CA, BadCertificate.REVOKED);

    static Stream<Arguments> invalidOverEachTls() {
        return Stream.of(Tls.values()).flatMap(tls -> INVALID.stream().map(bad -> Arguments.of(tls + "-" + bad, tls, bad)));
    }

    static Stream<Arguments> invalid() {
        return INVALID.stream().map(bad -> Arguments.of(bad.label(), bad));
    }

    @Spec(document = "RFC 6120", section = "13.7.2", level = MUST,
          requirement = "a server validates a peer server's certificate (path, validity, revocation, name) and never"
                  + " authenticates the peer with SASL EXTERNAL on a certificate that fails")
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidOverEachTls")
    void externalRefusedForInvalidCertificate(String key, Tls tls, BadCertificate bad, Lab lab) {
        RemoteServer remote = lab.remoteServer(bad);
        RemoteServer.Outgoing outcome = remote.connectOut(tls, Auth.EXTERNAL);
        if (outcome.authenticated()) {
            throw new SecurityBreach(lab.domain() + " authenticated " + remote.domain()
                    + " by SASL EXTERNAL although its certificate is bad (" + bad.problem() + ")");
        }
        lab.transcript().note("verdict", lab.domain() + " refused: " + outcome.refusal());
    }

    @Spec(document = "RFC 6120", section = "13.7.2", level = MUST,
          requirement = "a certificate that fails validation is no proof of identity: a server must not accept a peer"
                  + " over dialback on the strength of such a certificate when the peer's own authoritative server"
                  + " denies the key")
    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void dialbackNotTakenFromInvalidCertificate(String key, BadCertificate bad, Lab lab) {
        RemoteServer remote = lab.remoteServer(bad).answerVerifyInvalid();
        RemoteServer.Outgoing outcome = remote.connectOut(Tls.STARTTLS, Auth.DIALBACK);
        if (outcome.authenticated()) {
            throw new SecurityBreach(lab.domain() + " accepted " + remote.domain() + " over dialback"
                    + " although its certificate is bad (" + bad.problem() + ") and its authoritative server"
                    + (remote.incomingConnections() == 0 ? ", never asked," : "") + " denies the key");
        }
        lab.requireThat(!outcome.dialbackNotOffered(), lab.domain() + " offers no server dialback (XEP-0220) after TLS,"
                + " so it cannot be asked to accept a peer by it: " + outcome.refusal());
        lab.transcript().note("verdict", lab.domain() + " refused: " + outcome.refusal());
    }
}
