package org.stanzalab.wire.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.certs.SubjectName;
import org.stanzalab.wire.server.ServerIdentity;

/** The prober's findings against scripted servers whose versions, suites and order are known. */
class TlsProberTest {
    private static final String DOMAIN = "example.test";
    private static final CertKit CA = CertKit.newCa("Stanzalab TLS prober tests");

    private static TlsScan scan(ScriptedTlsServer port, ProbeEndpoint.Start start) {
        return new TlsProber(new ProbeEndpoint("127.0.0.1", port.port(), DOMAIN, start, Duration.ofSeconds(3))).scan(CA.trustManager());
    }

    private static List<String> names(TlsScan scan, TlsVersion version) {
        return scan.versions().get(version).suites().stream().map(CipherSuite::name).toList();
    }

    @Test
    void findsEveryVersionAndSuiteAScriptedServerAccepts() throws Exception {
        List<String> suites = List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_RC4_128_SHA",
                "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_RSA_WITH_NULL_SHA", "TLS_DH_anon_WITH_AES_128_CBC_SHA",
                "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_AES_128_GCM_SHA256");
        try (ScriptedTlsServer port = ScriptedTlsServer.scripted("jabber:client",
                ScriptedTlsServer.accepting(Set.of(TlsVersion.SSL3, TlsVersion.TLS10, TlsVersion.TLS12, TlsVersion.TLS13), suites, true))) {
            TlsScan scan = scan(port, ProbeEndpoint.Start.STARTTLS_CLIENT);

            assertTrue(scan.scanned(), scan.problem().orElse(""));
            assertTrue(scan.accepts(TlsVersion.SSL3));
            assertTrue(scan.accepts(TlsVersion.TLS10));
            assertFalse(scan.accepts(TlsVersion.TLS11));
            assertTrue(scan.accepts(TlsVersion.TLS12));
            assertTrue(scan.accepts(TlsVersion.TLS13));
            // In the server's order; the GCM suite only where the version has it.
            assertEquals(List.of("TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_RSA_WITH_NULL_SHA",
                    "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"), names(scan, TlsVersion.TLS10));
            assertEquals(List.of("TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_RSA_WITH_RC4_128_SHA", "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA",
                    "TLS_RSA_WITH_NULL_SHA", "TLS_DH_anon_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA"), names(scan, TlsVersion.TLS12));
            assertEquals(List.of("TLS_AES_128_GCM_SHA256"), names(scan, TlsVersion.TLS13));
            assertEquals(Optional.of(true), scan.versions().get(TlsVersion.TLS12).serverOrder());
            assertEquals(Optional.of("alert handshake_failure"), scan.versions().get(TlsVersion.TLS11).refusal());
            // The scripted server prefers its forward-secret suite whatever the client's order.
            TlsScan.Preference preference = scan.preference().orElseThrow();
            assertTrue(preference.forwardSecretFirst().isForwardSecret());
            assertTrue(preference.forwardSecretLast().isForwardSecret());
        }
    }

    @Test
    void tellsTheClientsOrderFromTheServers() throws Exception {
        List<String> suites = List.of("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        try (ScriptedTlsServer port = ScriptedTlsServer.scripted("jabber:server",
                ScriptedTlsServer.accepting(Set.of(TlsVersion.TLS12), suites, false))) {
            TlsScan scan = scan(port, ProbeEndpoint.Start.STARTTLS_SERVER);

            assertEquals(Optional.of(false), scan.versions().get(TlsVersion.TLS12).serverOrder());
            TlsScan.Preference preference = scan.preference().orElseThrow();
            assertTrue(preference.forwardSecretFirst().isForwardSecret());
            assertFalse(preference.forwardSecretLast().isForwardSecret(), "a server following the client picks RSA when it comes first");
        }
    }

    @Test
    void readsARealTlsStackAndItsCertificateNames() throws Exception {
        ServerIdentity identity = CA.issue(List.of(SubjectName.dns(DOMAIN), SubjectName.srvServer(DOMAIN), SubjectName.xmppAddr(DOMAIN)));
        String[] suites = {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384"};
        try (ScriptedTlsServer port = ScriptedTlsServer.jsse("jabber:client", identity.serverContext(), new String[] {"TLSv1.2", "TLSv1.3"}, suites)) {
            TlsScan scan = scan(port, ProbeEndpoint.Start.STARTTLS_CLIENT);

            assertFalse(scan.accepts(TlsVersion.TLS10));
            assertFalse(scan.accepts(TlsVersion.TLS11));
            assertFalse(scan.accepts(TlsVersion.SSL3));
            String key = identity.certificate().getPublicKey().getAlgorithm();
            assertEquals(List.of(key.equals("EC") ? "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256" : "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
                    names(scan, TlsVersion.TLS12));
            assertEquals(List.of("TLS_AES_256_GCM_SHA384"), names(scan, TlsVersion.TLS13));
            CertificateChain chain = scan.certificate().orElseThrow(() -> new AssertionError(scan.certificateProblem()));
            assertTrue(chain.trusted(), chain.trustProblem().orElse(""));
            assertTrue(chain.dnsIdMatches(DOMAIN));
            assertEquals(List.of("_xmpp-server." + DOMAIN), chain.srvIds());
            assertEquals(List.of(DOMAIN), chain.xmppAddrs());
            assertTrue(chain.dateProblem(java.time.Instant.now()).isEmpty());
        }
    }

    @Test
    void anUntrustedChainIsReadAndNamedUntrusted() throws Exception {
        ServerIdentity identity = CertKit.selfSigned(DOMAIN);
        try (ScriptedTlsServer port = ScriptedTlsServer.jsse(null, identity.serverContext(), new String[] {"TLSv1.3"}, new String[] {"TLS_AES_128_GCM_SHA256"})) {
            TlsScan scan = scan(port, ProbeEndpoint.Start.DIRECT);

            CertificateChain chain = scan.certificate().orElseThrow(() -> new AssertionError(scan.certificateProblem()));
            assertFalse(chain.trusted());
            assertTrue(scan.accepts(TlsVersion.TLS13));
            assertFalse(scan.accepts(TlsVersion.TLS12));
        }
    }

    @Test
    void aPortWithoutStartTlsAndAClosedPortAreProblemsNotFindings() throws Exception {
        try (ScriptedTlsServer port = ScriptedTlsServer.withoutStartTls()) {
            TlsScan scan = scan(port, ProbeEndpoint.Start.STARTTLS_CLIENT);
            assertTrue(scan.reachable());
            assertTrue(scan.problem().orElseThrow().contains("no STARTTLS"), scan.problem().orElseThrow());
        }
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        TlsScan none = new TlsProber(new ProbeEndpoint("127.0.0.1", closed, DOMAIN, ProbeEndpoint.Start.DIRECT, Duration.ofSeconds(2)))
                .scan(CA.trustManager());
        assertFalse(none.reachable());
    }

    @Test
    void catalogReadsSuiteProperties() {
        CipherSuite rc4 = CipherSuite.byName("TLS_RSA_WITH_RC4_128_SHA").orElseThrow();
        assertTrue(rc4.isRc4() && rc4.isRsaKeyTransport() && !rc4.isForwardSecret());
        assertEquals(112, CipherSuite.byName("TLS_RSA_WITH_3DES_EDE_CBC_SHA").orElseThrow().strengthBits());
        assertTrue(CipherSuite.byName("TLS_DH_anon_WITH_AES_128_CBC_SHA").orElseThrow().isAnonymous());
        assertFalse(CipherSuite.byName("TLS_DH_anon_WITH_AES_128_CBC_SHA").orElseThrow().isForwardSecret());
        assertTrue(CipherSuite.byName("TLS_RSA_EXPORT_WITH_DES40_CBC_SHA").orElseThrow().isExport());
        assertTrue(CipherSuite.forVersion(TlsVersion.TLS10).stream().noneMatch(s -> s.name().contains("GCM")));
        assertEquals(5, CipherSuite.forVersion(TlsVersion.TLS13).size());
    }
}
