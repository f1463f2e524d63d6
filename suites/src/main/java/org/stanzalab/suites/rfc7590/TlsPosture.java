package org.stanzalab.suites.rfc7590;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.tls.Port;
import org.stanzalab.wire.tls.CipherSuite;
import org.stanzalab.wire.tls.TlsVersion;

/**
 * RFC 7590 §1 makes the TLS best current practice of RFC 7525 binding for XMPP. Each test reads the run's one scan
 * of a port (see {@code wire.tls.TlsProber}: hand-made ClientHellos offering each version and every catalogued
 * suite, as testssl.sh does), so the whole class costs one scan per port. Ports where nothing listens are impossible.
 */
@StanzalabTest
class TlsPosture {

    // ---- protocol versions (RFC 7525 §3.1.1; RFC 8996) ----

    @Spec(document = "RFC 7525", section = "3.1.1", level = MUST,
          requirement = "the server accepts TLS 1.2 on each of its XMPP ports (RFC 7590 §1 binds XMPP to RFC 7525)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void tls12IsAccepted(Port port, Lab lab) {
        PortRules.acceptsTls12(ScannedPort.reachable(lab, port).scan(), port);
    }

    @Spec(document = "RFC 7525", section = "3.1.1", level = MUST,
          requirement = "the server does not negotiate SSL 3.0 on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void sslv3IsRefused(Port port, Lab lab) {
        refused(lab, port, TlsVersion.SSL3, "RFC 7525 §3.1.1 forbids SSL 3.0");
    }

    // RFC 7590 binds XMPP to RFC 7525, which says SHOULD NOT for TLS 1.0 and 1.1; RFC 8996 later made both MUST NOT
    // for BCP 195, but RFC 7590 names RFC 7525, so the level here is RFC 7525's. Profiles that want RFC 8996's rule
    // (nta7532) hold these tests strictly.
    @Spec(document = "RFC 7525", section = "3.1.1", level = SHOULD,
          requirement = "the server does not negotiate TLS 1.0 on any XMPP port (RFC 8996 since forbids it outright)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void tls10IsRefused(Port port, Lab lab) {
        refused(lab, port, TlsVersion.TLS10, "RFC 7525 §3.1.1 advises against TLS 1.0 and RFC 8996 §2 forbids it");
    }

    @Spec(document = "RFC 7525", section = "3.1.1", level = SHOULD,
          requirement = "the server does not negotiate TLS 1.1 on any XMPP port (RFC 8996 since forbids it outright)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void tls11IsRefused(Port port, Lab lab) {
        refused(lab, port, TlsVersion.TLS11, "RFC 7525 §3.1.1 advises against TLS 1.1 and RFC 8996 §3 forbids it");
    }

    // ---- cipher suites (RFC 7525 §4.1, §4.2) ----

    @Spec(document = "RFC 7525", section = "4.1", level = MUST,
          requirement = "the server negotiates no cipher suite with NULL encryption on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void noNullCipherSuites(Port port, Lab lab) {
        noSuites(lab, port, CipherSuite::isNullCipher, "suites without encryption (NULL)");
    }

    @Spec(document = "RFC 7525", section = "4.1", level = MUST,
          requirement = "the server negotiates no RC4 cipher suite on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void noRc4CipherSuites(Port port, Lab lab) {
        noSuites(lab, port, CipherSuite::isRc4, "RC4 suites");
    }

    @Spec(document = "RFC 7525", section = "4.1", level = MUST,
          requirement = "the server negotiates no cipher suite of less than 80 bits of security (the export suites, single DES) on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void noCipherSuitesUnder80Bits(Port port, Lab lab) {
        noSuites(lab, port, s -> s.strengthBits() > 0 && s.strengthBits() < 80, "suites under 80 bits (export, DES)");
    }

    @Spec(document = "RFC 7525", section = "4.1", level = SHOULD,
          requirement = "the server negotiates no cipher suite of less than 128 bits of security (3DES and weaker) on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void noCipherSuitesUnder128Bits(Port port, Lab lab) {
        noSuites(lab, port, s -> s.strengthBits() < 128, "suites under 128 bits");
    }

    @Spec(document = "RFC 7525", section = "4.1", level = SHOULD,
          requirement = "the server negotiates no cipher suite with RSA key transport (no forward secrecy) on any XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void noRsaKeyTransport(Port port, Lab lab) {
        noSuites(lab, port, CipherSuite::isRsaKeyTransport, "suites with RSA key transport");
    }

    @Spec(document = "RFC 7525", section = "4.1", level = MUST,
          requirement = "the server supports forward-secret cipher suites (ECDHE, DHE, or TLS 1.3) on each XMPP port")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void forwardSecrecyIsSupported(Port port, Lab lab) {
        PortRules.supportsForwardSecrecy(ScannedPort.withTls(lab, port), port);
    }

    @Spec(document = "RFC 7525", section = "4.1", level = MUST,
          requirement = "offered forward-secret and other suites, forward-secret first as clients list them, the server negotiates a forward-secret one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void forwardSecrecyIsPreferred(Port port, Lab lab) {
        lab.transcript().note("rfc7590", PortRules.prefersForwardSecrecy(ScannedPort.withTls(lab, port), port));
    }

    @Spec(document = "RFC 7525", section = "4.2", level = SHOULD,
          requirement = "at TLS 1.2 the server accepts at least one of the recommended AEAD suites (ECDHE or DHE with AES-GCM)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void recommendedCipherSuitesAreAccepted(Port port, Lab lab) {
        PortRules.acceptsARecommendedSuite(ScannedPort.withTls(lab, port), port);
    }

    // ---- the certificate (RFC 7590 §3.4, RFC 6120 §13.7.1.2.1, RFC 7525 §4.3) ----

    // Clients must authenticate the server (RFC 7590 §3.4), which they can only do when its chain passes their trust:
    // the run's trust (--ca-file, the system store) stands for theirs. The PKIX check includes the dates.
    @Spec(document = "RFC 7590", section = "3.4", level = MUST,
          requirement = "the certificate on each client port chains to the run's trust anchors and is within its dates, so clients can authenticate the server")
    @ParameterizedTest(name = "{0}")
    @MethodSource("clientPorts")
    void clientPortCertificateIsTrusted(Port port, Lab lab) {
        trusted(lab, port);
    }

    @Spec(document = "RFC 7590", section = "3.4", level = SHOULD,
          requirement = "the certificate on each server-to-server port chains to the run's trust anchors and is within its dates, so peers can authenticate the server")
    @ParameterizedTest(name = "{0}")
    @MethodSource("serverPorts")
    void serverPortCertificateIsTrusted(Port port, Lab lab) {
        trusted(lab, port);
    }

    // The client ports' names are checked by rfc6120.StartTls.certificateNamesTheServiceDomain and
    // xep0368.DirectTls.certificateIsValidForTheDomain; here the ports peers use.
    @Spec(document = "RFC 6120", section = "13.7.1.2.1", level = SHOULD,
          requirement = "the certificate on each server-to-server port names the domain as a DNS-ID, an _xmpp-server SRV-ID or an XmppAddr")
    @ParameterizedTest(name = "{0}")
    @MethodSource("serverPorts")
    void serverPortCertificateNamesTheDomain(Port port, Lab lab) {
        PortRules.namesTheDomain(ScannedPort.certificate(lab, port), port, lab.domain());
    }

    @Spec(document = "RFC 7525", section = "4.3", level = SHOULD,
          requirement = "the certificate's key on each port is at least as strong as 2048-bit RSA")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Port.class)
    void certificateKeyIsStrongEnough(Port port, Lab lab) {
        PortRules.keyIsStrongEnough(ScannedPort.certificate(lab, port), port);
    }

    // ---- helpers ----

    static List<Port> clientPorts() {
        return List.of(Port.C2S, Port.C2S_DIRECT);
    }

    static List<Port> serverPorts() {
        return List.of(Port.S2S, Port.S2S_DIRECT);
    }

    private static void refused(Lab lab, Port port, TlsVersion version, String why) {
        PortRules.refuses(ScannedPort.withTls(lab, port), port, version, why);
    }

    private static void noSuites(Lab lab, Port port, java.util.function.Predicate<CipherSuite> which, String what) {
        PortRules.acceptsNone(ScannedPort.withTls(lab, port), port, which, what);
    }

    private static void trusted(Lab lab, Port port) {
        lab.requireThat(!lab.target().trust().isInsecure(), "the run trusts any certificate (--insecure), so it cannot judge them");
        PortRules.trusted(ScannedPort.certificate(lab, port), port, Instant.now());
    }
}
