package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.suites.ScriptedServerUnderTest;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * The checks of {@link PeerCertificates} seen failing: a scripted server under test that authenticates every peer,
 * whatever its certificate, makes each of them fail; one that checks certificates as RFC 6120 asks (without
 * revocation, which the scripted one does not check) makes them pass.
 */
class PeerCertificatesTest {
    @TempDir
    Path dir;
    private ScriptedServerUnderTest server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServerUnderTest(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "UNKNOWN_CA", "REVOKED"})
    void externalCheckFailsWhenTheServerAcceptsAnyCertificate(BadCertificate bad) {
        server.lenient();
        SecurityBreach breach = assertThrows(SecurityBreach.class, () -> new PeerCertificates()
                .externalRefusedForInvalidCertificate("starttls-" + bad, Tls.STARTTLS, bad, server.lab()));
        assertTrue(breach.getMessage().contains("authenticated " + bad.label() + ".tool.test by SASL EXTERNAL"), breach.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "UNKNOWN_CA"})
    void externalCheckPassesWhenTheServerValidates(BadCertificate bad) {
        server.strict();
        assertDoesNotThrow(() -> new PeerCertificates()
                .externalRefusedForInvalidCertificate("starttls-" + bad, Tls.STARTTLS, bad, server.lab()));
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "WRONG_NAME", "SELF_SIGNED"})
    void dialbackCheckFailsWhenTheServerTakesTheCertificateForProof(BadCertificate bad) {
        server.lenient();
        assertThrows(SecurityBreach.class, () -> new PeerCertificates()
                .dialbackNotTakenFromInvalidCertificate(bad.label(), bad, server.lab()));
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "WRONG_NAME", "SELF_SIGNED"})
    void dialbackCheckPassesWhenTheServerAsksTheAuthoritativeServer(BadCertificate bad) {
        server.strict();
        assertDoesNotThrow(() -> new PeerCertificates().dialbackNotTakenFromInvalidCertificate(bad.label(), bad, server.lab()));
    }
}
