package org.stanzalab.suites.rfc7590;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.tls.Port;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.certs.SubjectName;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.tls.CertificateChain;
import org.stanzalab.wire.tls.CipherSuite;
import org.stanzalab.wire.tls.ProbeEndpoint;
import org.stanzalab.wire.tls.ScriptedTlsServer;
import org.stanzalab.wire.tls.TlsProber;
import org.stanzalab.wire.tls.TlsScan;
import org.stanzalab.wire.tls.TlsVersion;

/**
 * Each rule of the rfc7590 suite, seen failing against a scripted server that breaks it and passing against one
 * that keeps it: the scans are real (the prober against loopback servers), only the servers are made up.
 */
class PortRulesTest {
    private static final String DOMAIN = "example.test";
    private static final CertKit CA = CertKit.newCa("Stanzalab rfc7590 rule tests");
    private static TlsScan weak;
    private static TlsScan good;
    private static TlsScan clientOrderRsaFirst;
    private static TlsScan serverOrderRsaFirst;

    /** Accepts everything RFC 7525 forbids or advises against, in its own order. */
    private static final List<String> WEAK_SUITES = List.of("TLS_RSA_WITH_NULL_SHA", "TLS_RSA_WITH_RC4_128_SHA",
            "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA", "TLS_RSA_WITH_DES_CBC_SHA", "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_AES_128_CBC_SHA");

    @BeforeAll
    static void scan() throws Exception {
        try (ScriptedTlsServer server = ScriptedTlsServer.scripted("jabber:client", ScriptedTlsServer.accepting(
                Set.of(TlsVersion.SSL3, TlsVersion.TLS10, TlsVersion.TLS11, TlsVersion.TLS12), WEAK_SUITES, true))) {
            weak = scan(server, ProbeEndpoint.Start.STARTTLS_CLIENT);
        }
        ServerIdentity identity = CA.issue(List.of(SubjectName.dns(DOMAIN), SubjectName.srvServer(DOMAIN)));
        try (ScriptedTlsServer server = ScriptedTlsServer.jsse("jabber:server", identity.serverContext(), new String[] {"TLSv1.2", "TLSv1.3"},
                new String[] {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_AES_128_GCM_SHA256"})) {
            good = scan(server, ProbeEndpoint.Start.STARTTLS_SERVER);
        }
        List<String> mixed = List.of("TLS_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
        try (ScriptedTlsServer server = ScriptedTlsServer.scripted("jabber:client",
                ScriptedTlsServer.accepting(Set.of(TlsVersion.TLS12), mixed, false))) {
            clientOrderRsaFirst = scan(server, ProbeEndpoint.Start.STARTTLS_CLIENT);
        }
        try (ScriptedTlsServer server = ScriptedTlsServer.scripted("jabber:client",
                ScriptedTlsServer.accepting(Set.of(TlsVersion.TLS12), mixed, true))) {
            serverOrderRsaFirst = scan(server, ProbeEndpoint.Start.STARTTLS_CLIENT);
        }
    }

    private static TlsScan scan(ScriptedTlsServer server, ProbeEndpoint.Start start) {
        return new TlsProber(new ProbeEndpoint("127.0.0.1", server.port(), DOMAIN, start, Duration.ofSeconds(3))).scan(CA.trustManager());
    }


    @Test
    void versionRulesFailOnOldVersionsAndPassOnTls12AndLater() {
        for (TlsVersion old : List.of(TlsVersion.SSL3, TlsVersion.TLS10, TlsVersion.TLS11)) {
            assertThrows(AssertionFailedError.class, () -> PortRules.refuses(weak, Port.C2S, old, "test"), old.label());
            assertDoesNotThrow(() -> PortRules.refuses(good, Port.S2S, old, "test"), old.label());
        }
        assertDoesNotThrow(() -> PortRules.acceptsTls12(good, Port.S2S));
        try (ScriptedTlsServer only10 = ScriptedTlsServer.scripted("jabber:client",
                ScriptedTlsServer.accepting(Set.of(TlsVersion.TLS10), WEAK_SUITES, true))) {
            TlsScan scan = scan(only10, ProbeEndpoint.Start.STARTTLS_CLIENT);
            assertThrows(AssertionFailedError.class, () -> PortRules.acceptsTls12(scan, Port.C2S));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aPortWithoutTlsFailsTheTls12Rule() throws Exception {
        try (ScriptedTlsServer plain = ScriptedTlsServer.withoutStartTls()) {
            TlsScan scan = scan(plain, ProbeEndpoint.Start.STARTTLS_CLIENT);
            assertThrows(ServerFailure.class, () -> PortRules.acceptsTls12(scan, Port.C2S));
        }
    }

    @Test
    void suiteRulesFailOnEachForbiddenKindAndPassOnAModernServer() {
        List<java.util.function.Predicate<CipherSuite>> kinds = List.of(CipherSuite::isNullCipher, CipherSuite::isRc4,
                s -> s.strengthBits() > 0 && s.strengthBits() < 80, s -> s.strengthBits() < 128, CipherSuite::isRsaKeyTransport);
        for (var kind : kinds) {
            assertThrows(AssertionFailedError.class, () -> PortRules.acceptsNone(weak, Port.C2S, kind, "these"));
            assertDoesNotThrow(() -> PortRules.acceptsNone(good, Port.S2S, kind, "these"));
        }
        assertThrows(AssertionFailedError.class, () -> PortRules.supportsForwardSecrecy(weak, Port.C2S));
        assertThrows(AssertionFailedError.class, () -> PortRules.acceptsARecommendedSuite(weak, Port.C2S));
        assertDoesNotThrow(() -> PortRules.supportsForwardSecrecy(good, Port.S2S));
        assertDoesNotThrow(() -> PortRules.acceptsARecommendedSuite(good, Port.S2S));
    }

    @Test
    void forwardSecrecyMustWinOverTheServersOwnOrder() {
        // Following the client, who lists forward-secret suites first, is preferring them; an own order putting RSA
        // key transport first is not.
        assertDoesNotThrow(() -> PortRules.prefersForwardSecrecy(clientOrderRsaFirst, Port.C2S));
        assertThrows(AssertionFailedError.class, () -> PortRules.prefersForwardSecrecy(serverOrderRsaFirst, Port.C2S));
        assertThrows(AssertionFailedError.class, () -> PortRules.prefersForwardSecrecy(weak, Port.C2S), "no forward secrecy at all");
        assertTrue(PortRules.prefersForwardSecrecy(good, Port.S2S).contains("every suite"));
    }

    @Test
    void certificateRulesFailOnUntrustedExpiredMisnamedAndWeakCertificates() throws Exception {
        CertificateChain goodChain = good.certificate().orElseThrow();
        assertDoesNotThrow(() -> PortRules.trusted(goodChain, Port.S2S, Instant.now()));
        assertDoesNotThrow(() -> PortRules.namesTheDomain(goodChain, Port.S2S, DOMAIN));
        assertDoesNotThrow(() -> PortRules.keyIsStrongEnough(goodChain, Port.S2S));

        assertThrows(AssertionFailedError.class, () -> PortRules.trusted(chainOf(CertKit.selfSigned(DOMAIN)), Port.C2S, Instant.now()));
        assertThrows(Throwable.class, () -> PortRules.trusted(chainOf(CA.expired(DOMAIN)), Port.C2S, Instant.now()));
        assertThrows(AssertionFailedError.class, () -> PortRules.namesTheDomain(chainOf(CA.wrongName(DOMAIN)), Port.S2S, DOMAIN));
        assertThrows(AssertionFailedError.class, () -> PortRules.keyIsStrongEnough(chainOf(CA.weakKey(DOMAIN)), Port.S2S));
        // An SRV-ID for the client service does not name the domain for peers.
        assertThrows(AssertionFailedError.class, () -> PortRules.namesTheDomain(
                chainOf(CA.issue(List.of(SubjectName.srvClient(DOMAIN)))), Port.S2S, DOMAIN));
        assertDoesNotThrow(() -> PortRules.namesTheDomain(chainOf(CA.issue(List.of(SubjectName.xmppAddr(DOMAIN)))), Port.S2S, DOMAIN));
    }

    @Test
    void aPortWithoutAMixHasNoPreferenceToJudge() throws Exception {
        try (ScriptedTlsServer split = ScriptedTlsServer.scripted("jabber:client", (version, offered) -> offered.stream()
                .filter(s -> version == TlsVersion.TLS12 ? s.name().equals("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
                        : version == TlsVersion.TLS11 && s.name().equals("TLS_RSA_WITH_AES_128_CBC_SHA")).findFirst())) {
            TlsScan scan = scan(split, ProbeEndpoint.Start.STARTTLS_CLIENT);
            assertThrows(Impossible.class, () -> PortRules.prefersForwardSecrecy(scan, Port.C2S));
        }
    }

    /** The chain a JSSE server with this identity presents, as the prober reads it. */
    private static CertificateChain chainOf(ServerIdentity identity) throws Exception {
        try (ScriptedTlsServer server = ScriptedTlsServer.jsse(null, identity.serverContext(), new String[] {"TLSv1.3"},
                new String[] {"TLS_AES_128_GCM_SHA256"})) {
            TlsScan scan = new TlsProber(new ProbeEndpoint("127.0.0.1", server.port(), DOMAIN, ProbeEndpoint.Start.DIRECT,
                    Duration.ofSeconds(3))).scan(CA.trustManager());
            return scan.certificate().orElseThrow(() -> new AssertionError(scan.certificateProblem()));
        }
    }
}
