package org.stanzalab.suites.rfc7590;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.suites.ScriptedServerUnderTest;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * The incoming dialback check at the SHOULD level fails against a scripted server that accepts any dialback key
 * over any certificate, and passes against one that validates certificates. (The outgoing checks need a real user
 * and are seen failing against both reference servers for the revoked certificate.)
 */
class PeerServerAuthenticationTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "UNKNOWN_CA"})
    void dialbackCheckFailsWhenTheServerAcceptsTheKeyOverABadCertificate(BadCertificate bad) throws Exception {
        try (ScriptedServerUnderTest server = new ScriptedServerUnderTest(dir)) {
            server.lenient();
            assertThrows(ServerFailure.class, () -> new PeerServerAuthentication()
                    .dialbackPeerWithInvalidCertificateRefused(bad.label(), bad, server.lab()));
        }
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "UNKNOWN_CA"})
    void dialbackCheckPassesWhenTheServerRefuses(BadCertificate bad) throws Exception {
        try (ScriptedServerUnderTest server = new ScriptedServerUnderTest(dir)) {
            server.strict();
            assertDoesNotThrow(() -> new PeerServerAuthentication()
                    .dialbackPeerWithInvalidCertificateRefused(bad.label(), bad, server.lab()));
        }
    }
}
