package org.stanzalab.engine.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stanzalab.model.Grade;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.tls.ProbeEndpoint;
import org.stanzalab.wire.tls.ScriptedTlsServer;
import org.stanzalab.wire.tls.TlsProber;
import org.stanzalab.wire.tls.TlsScan;
import org.stanzalab.wire.tls.TlsVersion;

/** Grades of scripted ports: every cap and deduction the table promises, and the letters they lead to. */
class PortGradingTest {
    private static final String DOMAIN = "example.test";
    private static final CertKit CA = CertKit.newCa("Stanzalab grading tests");

    private static TlsScan scan(ScriptedTlsServer server, ProbeEndpoint.Start start) {
        return new TlsProber(new ProbeEndpoint("127.0.0.1", server.port(), DOMAIN, start, Duration.ofSeconds(3))).scan(CA.trustManager());
    }

    private static Grade jsse(ServerIdentity identity, String[] protocols, String[] suites, Port port) throws Exception {
        try (ScriptedTlsServer server = ScriptedTlsServer.jsse(port.serverToServer() ? "jabber:server" : "jabber:client",
                identity.serverContext(), protocols, suites)) {
            return PortGrading.grade(scan(server, port.start()), port, DOMAIN, Instant.now());
        }
    }

    private static boolean capped(Grade grade, Grade.Letter letter, String words) {
        return grade.caps().stream().anyMatch(c -> c.highest() == letter && c.reason().contains(words));
    }

    @Test
    void aModernPortWithAGoodCertificateGetsAnA() throws Exception {
        Grade grade = jsse(CA.issue(DOMAIN), new String[] {"TLSv1.2", "TLSv1.3"},
                new String[] {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"}, Port.C2S);
        assertEquals(Grade.Letter.A, grade.letter(), grade.toString());
        assertTrue(grade.caps().isEmpty(), grade.caps().toString());
    }

    @Test
    void weakProtocolsAndSuitesAreCappedWithTheirReasons() throws Exception {
        try (ScriptedTlsServer server = ScriptedTlsServer.scripted("jabber:client", ScriptedTlsServer.accepting(
                Set.of(TlsVersion.SSL3, TlsVersion.TLS10, TlsVersion.TLS12),
                List.of("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA"), true))) {
            Grade grade = PortGrading.grade(scan(server, ProbeEndpoint.Start.STARTTLS_CLIENT), Port.C2S, DOMAIN, Instant.now());
            assertTrue(capped(grade, Grade.Letter.C, "SSLv3"), grade.caps().toString());
            assertTrue(capped(grade, Grade.Letter.B, "TLS 1.0 or 1.1"), grade.caps().toString());
            assertTrue(capped(grade, Grade.Letter.C, "RC4"), grade.caps().toString());
            assertTrue(capped(grade, Grade.Letter.C, "64-bit block"), grade.caps().toString());
            assertTrue(capped(grade, Grade.Letter.B, "no forward-secret suite"), grade.caps().toString());
            // the scripted server has no certificate to read: F whatever else
            assertEquals(Grade.Letter.F, grade.letter());
            assertTrue(grade.deductions().stream().anyMatch(d -> d.explanation().startsWith("protocol support")), grade.deductions().toString());
            assertTrue(grade.deductions().stream().anyMatch(d -> d.explanation().startsWith("cipher strength")), grade.deductions().toString());
        }
    }

    @Test
    void nullExportAndAnonymousSuitesAreF() throws Exception {
        for (String suite : List.of("TLS_RSA_WITH_NULL_SHA", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_DH_anon_WITH_AES_128_CBC_SHA")) {
            try (ScriptedTlsServer server = ScriptedTlsServer.scripted("jabber:client",
                    ScriptedTlsServer.accepting(Set.of(TlsVersion.TLS12), List.of(suite, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"), true))) {
                Grade grade = PortGrading.grade(scan(server, ProbeEndpoint.Start.STARTTLS_CLIENT), Port.C2S, DOMAIN, Instant.now());
                assertTrue(grade.caps().stream().anyMatch(c -> c.highest() == Grade.Letter.F && c.reason().contains(suite)), suite + ": " + grade.caps());
            }
        }
    }

    @Test
    void untrustedExpiredMisnamedAndWeakCertificatesCapTheGrade() throws Exception {
        String[] protocols = {"TLSv1.2", "TLSv1.3"};
        String[] suites = {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_AES_256_GCM_SHA384"};
        assertTrue(capped(jsse(CertKit.selfSigned(DOMAIN), protocols, suites, Port.S2S), Grade.Letter.F, "not trusted"));
        assertTrue(capped(jsse(CA.expired(DOMAIN), protocols, suites, Port.C2S), Grade.Letter.F, "expired"));
        assertTrue(capped(jsse(CA.wrongName(DOMAIN), protocols, suites, Port.S2S), Grade.Letter.F, "does not name " + DOMAIN));
        Grade weakKey = jsse(CA.weakKey(DOMAIN), protocols, suites, Port.C2S);
        assertTrue(capped(weakKey, Grade.Letter.B, "weaker than 2048-bit"), weakKey.caps().toString());
        Grade sha1 = jsse(CA.sha1Signed(DOMAIN), protocols, suites, Port.C2S);
        assertTrue(capped(sha1, Grade.Letter.C, "SHA1"), sha1.caps().toString());
    }

    @Test
    void aClosedPortHasNoGradeAndAPortWithoutTlsGetsF() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TlsScan none = new TlsProber(new ProbeEndpoint("127.0.0.1", closed, DOMAIN, ProbeEndpoint.Start.DIRECT, Duration.ofSeconds(2)))
                .scan(CA.trustManager());
        assertNull(PortGrading.grade(none, Port.C2S_DIRECT, DOMAIN, Instant.now()));
        try (ScriptedTlsServer plain = ScriptedTlsServer.withoutStartTls()) {
            assertEquals(Grade.Letter.F, PortGrading.grade(scan(plain, ProbeEndpoint.Start.STARTTLS_CLIENT), Port.C2S, DOMAIN, Instant.now()).letter());
        }
    }
}
