package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.target.Federation;
import org.stanzalab.engine.target.SaslChoice;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Services;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.BadCertificate;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.DialbackRequest;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerNamespaces;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.StreamFeatures;
import org.stanzalab.wire.server.XmppListener;

/**
 * The checks of {@link PeerCertificates} seen failing: a scripted "server under test" (the wire layer's server side
 * on loopback) that authenticates every peer, whatever its certificate, makes each of them fail; one that checks
 * certificates as RFC 6120 asks (here without revocation, which the scripted one does not check) makes them pass.
 */
class PeerCertificatesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The faults the scripted strict server detects (it looks at no CRL or OCSP responder). */
    private static final List<BadCertificate> DETECTED = PeerCertificates.INVALID.stream()
            .filter(b -> b != BadCertificate.REVOKED).toList();

    @TempDir
    Path dir;
    private CertKit ca;
    private XmppListener serverUnderTest;
    private Lab lab;
    private Thread script;

    @BeforeEach
    void start() throws Exception {
        ca = CertKit.newCa("Scripted peer CA");
        ca.writePem(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        serverUnderTest = XmppListener.open(ListenerOptions.server("sut.test").at("127.0.0.1", 0)
                .withIdentity(ca.issue("sut.test")).withTimeout(TIMEOUT));
        int toolPort;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            toolPort = free.getLocalPort();
        }
        Federation federation = new Federation(Optional.of(dir.resolve("ca.crt")), Optional.of(dir.resolve("ca.key")),
                "127.0.0.1", toolPort, serverUnderTest.port(), OptionalInt.empty());
        Target target = new Target("sut.test", "127.0.0.1", 5222, TlsMode.STARTTLS, Trust.insecure(),
                new Timeouts(TIMEOUT, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(200)), SaslChoice.any(),
                Services.none().withFederation(federation));
        lab = Lab.open(Run.start(Run.newId(), List.of(new Server("scripted", target, connector -> new NoAccounts())),
                line -> { }));
    }

    @AfterEach
    void stop() throws Exception {
        lab.close();
        serverUnderTest.close();
        if (script != null) {
            script.join(TIMEOUT.toMillis());
        }
    }

    /** A server that authenticates every peer: EXTERNAL succeeds and every dialback key is "valid", unchecked. */
    private void lenient() {
        runScript(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            stream.openStream(StreamFeatures.none().mechanisms("EXTERNAL").dialback());
            XmlElement first = stream.expect(e -> e.is("auth", XmppNamespaces.SASL) || e.is("result", ServerNamespaces.DIALBACK),
                    "<auth/> or <db:result/>");
            if (first.name().equals("auth")) {
                stream.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
                stream.openStream(StreamFeatures.none());
            } else {
                stream.answerDialbackResult(new DialbackRequest(first.attribute("from").orElse(null),
                        first.attribute("to").orElse(null), null, first.text()), true);
            }
            stream.answerClose(TIMEOUT);
        });
    }

    /** A server that checks certificates against its CA and asks nobody about dialback keys (all invalid). */
    private void strict() {
        runScript(stream -> stream.acceptServerStream(new ServerAccounts().trustCertificatesOf(ca), true,
                (request, id) -> false));
    }

    private interface Script {
        void run(ServerStream stream) throws Exception;
    }

    private void runScript(Script steps) {
        script = new Thread(() -> {
            try (ServerStream stream = serverUnderTest.accept(TIMEOUT)) {
                steps.run(stream);
            } catch (Exception refusedOrDone) {
                // The tool's side decides; the script just ends.
            }
        }, "scripted server under test");
        script.setDaemon(true);
        script.start();
    }

    /** These checks make no accounts. */
    private static final class NoAccounts implements AccountProvisioner {
        @Override
        public void preflight() {
        }

        @Override
        public Credentials acquire() {
            throw new IllegalStateException("this test needs no accounts");
        }

        @Override
        public void release(Credentials account) {
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void close() {
        }
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "UNKNOWN_CA", "REVOKED"})
    void externalCheckFailsWhenTheServerAcceptsAnyCertificate(BadCertificate bad) {
        lenient();
        SecurityBreach breach = assertThrows(SecurityBreach.class, () -> new PeerCertificates()
                .externalRefusedForInvalidCertificate("starttls-" + bad, Tls.STARTTLS, bad, lab));
        assertTrue(breach.getMessage().contains("authenticated " + bad.label() + ".tool.test by SASL EXTERNAL"), breach.getMessage());
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "UNKNOWN_CA"})
    void externalCheckPassesWhenTheServerValidates(BadCertificate bad) {
        assertTrue(DETECTED.contains(bad));
        strict();
        assertDoesNotThrow(() -> new PeerCertificates()
                .externalRefusedForInvalidCertificate("starttls-" + bad, Tls.STARTTLS, bad, lab));
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "WRONG_NAME", "SELF_SIGNED"})
    void dialbackCheckFailsWhenTheServerTakesTheCertificateForProof(BadCertificate bad) {
        lenient();
        assertThrows(SecurityBreach.class, () -> new PeerCertificates()
                .dialbackNotTakenFromInvalidCertificate(bad.label(), bad, lab));
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "WRONG_NAME", "SELF_SIGNED"})
    void dialbackCheckPassesWhenTheServerAsksTheAuthoritativeServer(BadCertificate bad) {
        strict();
        assertDoesNotThrow(() -> new PeerCertificates().dialbackNotTakenFromInvalidCertificate(bad.label(), bad, lab));
    }
}
