package org.stanzalab.suites.rfc7525;

import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * RFC 7525 (BCP 195) §4.3 on peer servers' certificates: a 1024-bit RSA key or a SHA-1 signature. The XMPP RFCs
 * set no rule on either, so a server that authenticates such a peer breaks no XMPP requirement; the best current
 * practice asks for 2048-bit RSA keys and SHA-256 signatures, at the SHOULD level.
 */
@StanzalabTest
class PeerCertificateStrength {
    static Stream<Arguments> weakOverEachTls() {
        return Stream.of(Tls.values()).flatMap(tls -> Stream.of(BadCertificate.WEAK_KEY, BadCertificate.SHA1_SIGNATURE)
                .map(bad -> Arguments.of(tls + "-" + bad, tls, bad)));
    }

    @Spec(document = "RFC 7525", section = "4.3", level = SHOULD,
          requirement = "keys of fewer than 2048 RSA bits and SHA-1 certificate signatures are not relied on: a peer"
                  + " server presenting one is not authenticated by SASL EXTERNAL")
    @ParameterizedTest(name = "{0}")
    @MethodSource("weakOverEachTls")
    void externalRefusedForWeakCertificate(String key, Tls tls, BadCertificate bad, Lab lab) {
        RemoteServer remote = lab.remoteServer(bad);
        RemoteServer.Outgoing outcome = remote.connectOut(tls, Auth.EXTERNAL);
        if (outcome.authenticated()) {
            throw new ServerFailure(lab.domain() + " authenticated " + remote.domain()
                    + " by SASL EXTERNAL with a weak certificate (" + bad.problem() + ")");
        }
        lab.transcript().note("verdict", lab.domain() + " refused: " + outcome.refusal());
    }
}
