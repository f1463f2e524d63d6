package org.stanzalab.suites.rfc7525;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.suites.ScriptedServerUnderTest;
import org.stanzalab.wire.certs.BadCertificate;

/** A scripted server that authenticates any peer makes the weak-certificate checks fail. */
class PeerCertificateStrengthTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"WEAK_KEY", "SHA1_SIGNATURE"})
    void weakCertificateCheckFailsWhenTheServerAcceptsIt(BadCertificate bad) throws Exception {
        try (ScriptedServerUnderTest server = new ScriptedServerUnderTest(dir)) {
            server.lenient();
            assertThrows(ServerFailure.class, () -> new PeerCertificateStrength()
                    .externalRefusedForWeakCertificate("starttls-" + bad, Tls.STARTTLS, bad, server.lab()));
        }
    }
}
