package org.stanzalab.engine.clienttest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.TestResult;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;

/**
 * The bad endpoints with scripted clients (the wire driver, and Smack): a careful client passes each scenario and
 * a careless one, which trusts any certificate or authenticates without TLS, fails it; the verdicts need the good
 * endpoint, and no password reaches a verdict or a transcript.
 */
class BadServerTest {
    private static final String USER = "tester";
    private static final String PASSWORD = "unit-test-password";
    private static final Duration WAIT = Duration.ofSeconds(5);
    private static CertKit ca;

    private BadServer server;
    private final Instant started = Instant.now();

    @BeforeAll
    static void makeCa() {
        ca = CertKit.newCa("Stanzalab BadServerTest CA");
    }

    @BeforeEach
    void serve() throws Exception {
        server = BadServer.start(new BadServer.Options("127.0.0.1", 0, 0, ca, Duration.ofSeconds(3),
                Duration.ofSeconds(1), s -> true, USER, PASSWORD));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void carefulClientPassesBadCertificatesOnBothPorts() throws Exception {
        logInToGood();
        assertThrows(WireTlsException.class, () -> starttls("expired.bad.test", careful()));
        assertThrows(WireTlsException.class, () -> WireStream.connectDirectTls(direct("wrong-name.bad.test", careful())));

        RunResult run = judge();
        assertEquals(Outcome.PASSED, verdict(run, "starttls.good").outcome());
        assertEquals(Outcome.PASSED, verdict(run, "direct-tls.good").outcome());
        assertEquals(Outcome.PASSED, verdict(run, "starttls.expired").outcome());
        assertEquals(Outcome.PASSED, verdict(run, "direct-tls.wrong-name").outcome());
        assertEquals(ClientAction.REFUSED_TLS, recordOf("starttls.expired").action());
    }

    @Test
    void carelessClientFailsBadCertificatesAndItsPasswordStaysOut() throws Exception {
        logInToGood();
        try (WireStream wire = starttls("self-signed.bad.test", careless())) {
            assertThrows(SaslFailureException.class, () -> wire.authenticatePlain(USER, PASSWORD));
        }
        try (WireStream wire = WireStream.connectDirectTls(direct("expired.bad.test", careless()))) {
            wire.openStream();
            wire.readFeatures();
            assertThrows(SaslFailureException.class, () -> wire.authenticate("SCRAM-SHA-1", USER, PASSWORD));
        }

        RunResult run = judge();
        TestResult selfSigned = verdict(run, "starttls.self-signed");
        assertEquals(Outcome.FAILED, selfSigned.outcome());
        assertTrue(selfSigned.securityRelevant());
        assertTrue(selfSigned.reason().startsWith("RFC 6120 §13.7.2 (MUST)"), selfSigned.reason());
        assertTrue(selfSigned.reason().contains("<auth mechanism='PLAIN'>"), selfSigned.reason());
        assertEquals(Outcome.FAILED, verdict(run, "direct-tls.expired").outcome());
        assertNoPassword(run);
    }

    @Test
    void withoutTlsAClientThatAsksForItAnywayPassesAndOneThatAuthenticatesFails() throws Exception {
        logInToGood();
        try (WireStream wire = WireStream.connect(plain("no-tls.bad.test"))) {
            wire.openStream();
            XmlElement features = wire.readFeatures();
            assertFalse(features.hasChild("starttls", XmppNamespaces.TLS), "no <starttls/> on offer");
            wire.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
            wire.expect(e -> e.is("failure", XmppNamespaces.TLS), "the TLS failure");
        }
        try (WireStream wire = WireStream.connect(plain("plain-without-tls.bad.test"))) {
            wire.openStream();
            wire.readFeatures();
            assertThrows(SaslFailureException.class, () -> wire.authenticatePlain(USER, PASSWORD));
        }

        RunResult run = judge();
        assertEquals(Outcome.PASSED, verdict(run, "no-tls").outcome());
        assertEquals(ClientAction.TRIED_TLS_ANYWAY, recordOf("no-tls").action());
        TestResult plain = verdict(run, "plain-without-tls");
        assertEquals(Outcome.FAILED, plain.outcome());
        assertTrue(plain.reason().startsWith("RFC 7590 §3.1 (MUST)"), plain.reason());
        assertNoPassword(run);
    }

    @Test
    void aStallIsPassedByGivingUpAndFailedByWaitingPastTheBound() throws Exception {
        logInToGood();
        try (WireStream patient = WireStream.connect(plain("stall.bad.test"))) {
            patient.openStream();
            // The tool's bound is 1 s: it closes the stream on this client, which never gave up.
            assertThrows(StreamClosedException.class, () -> patient.readFeatures());
        }
        RunResult waited = judge();
        TestResult stall = verdict(waited, "stall");
        assertEquals(Outcome.FAILED, stall.outcome());
        assertFalse(stall.securityRelevant(), "waiting lets nobody in");

        server.close();
        serve();
        logInToGood();
        try (WireStream impatient = WireStream.connect(plain("stall.bad.test"))) {
            impatient.openStream();
            impatient.close(); // gives up at once
        }
        assertEquals(Outcome.PASSED, verdict(judge(), "stall").outcome());
    }

    @Test
    void withoutTheGoodEndpointNothingIsJudged() throws Exception {
        assertThrows(WireTlsException.class, () -> starttls("expired.bad.test", careful()));
        RunResult run = judge();
        assertEquals(Outcome.ERROR, verdict(run, "starttls.good").outcome());
        TestResult expired = verdict(run, "starttls.expired");
        assertEquals(Outcome.ERROR, expired.outcome());
        assertTrue(expired.reason().startsWith("not judged"), expired.reason());
        assertEquals(Outcome.ERROR, verdict(run, "starttls.revoked").outcome(), "never connected");
    }

    @Test
    void directTlsWithoutServerNameFailsXep0368AndAnUnknownDomainIsOnlyANotice() throws Exception {
        logInToGood();
        WireEndpoint noSni = direct("good.bad.test", careless())
                .withTlsOptions(org.stanzalab.wire.TlsOptions.DEFAULT.withoutServerName());
        assertThrows(WireException.class, () -> WireStream.connectDirectTls(noSni));
        try (WireStream wire = WireStream.connect(plain("elsewhere.example"))) {
            wire.openStream();
            assertThrows(WireException.class, wire::readFeatures);
        }
        // The server records a connection once it has dealt with it, which may come after the client gave up.
        server.awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(15));
        server.close();
        RunResult run = ClientVerdicts.judge("unit", "127.0.0.1", server.starttlsPort(), server.directTlsPort(),
                BadScenario.all(), server.records().stream().filter(r -> r.scenario() == null
                        || !r.scenario().id().equals("direct-tls.good")).toList(), started, Duration.ofSeconds(1));
        TestResult good = verdict(run, "direct-tls.good");
        assertEquals(Outcome.FAILED, good.outcome(), good.reason());
        assertTrue(good.reason().startsWith("XEP-0368 §3 (MUST)"), good.reason());
        assertTrue(run.notices().stream().anyMatch(n -> n.contains("stream header to='elsewhere.example'")),
                run.notices().toString());
    }

    @Test
    void smackLogsInToTheGoodEndpointAndRefusesTheExpiredOne() throws Exception {
        logIn(smack("good.bad.test"), true);
        logIn(smack("expired.bad.test"), false);
        RunResult run = judge();
        assertEquals(Outcome.PASSED, verdict(run, "starttls.good").outcome());
        assertEquals(Outcome.PASSED, verdict(run, "starttls.expired").outcome());
    }

    // ---------------------------------------------------------------- helpers

    private void logInToGood() throws Exception {
        try (WireStream wire = starttls("good.bad.test", careful())) {
            wire.authenticate("SCRAM-SHA-1", USER, PASSWORD);
            wire.bind("unit");
            wire.closeStream();
        }
        try (WireStream wire = WireStream.connectDirectTls(direct("good.bad.test", careful()))) {
            wire.openStream();
            wire.readFeatures();
            wire.authenticatePlain(USER, PASSWORD);
            wire.closeStream();
        }
    }

    private WireStream starttls(String domain, SSLContext trust) throws WireException {
        WireEndpoint endpoint = plain(domain).withTls(trust, trust != carelessContext);
        WireStream wire = WireStream.connect(endpoint);
        try {
            wire.openStream();
            wire.readFeatures();
            wire.startTls();
            return wire;
        } catch (WireException e) {
            wire.close();
            throw e;
        }
    }

    private WireEndpoint plain(String domain) {
        return new WireEndpoint("127.0.0.1", server.starttlsPort(), domain, null, false, WAIT);
    }

    private WireEndpoint direct(String domain, SSLContext trust) {
        return new WireEndpoint("127.0.0.1", server.directTlsPort(), domain, trust, trust != carelessContext, WAIT);
    }

    private SSLContext careful() {
        return ca.trustingContext();
    }

    private SSLContext carelessContext;

    /** Trusts any certificate and checks no name: what the tool must catch. */
    private SSLContext careless() throws Exception {
        if (carelessContext == null) {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            }}, null);
            carelessContext = context;
        }
        return carelessContext;
    }

    private XMPPTCPConnection smack(String domain) throws Exception {
        return new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain(domain).setHost("127.0.0.1").setPort(server.starttlsPort())
                .setSecurityMode(SecurityMode.required).setCustomX509TrustManager(ca.trustManager())
                .setUsernameAndPassword(USER, PASSWORD).setSendPresence(false)
                .setConnectTimeout((int) WAIT.toMillis()).build());
    }

    private static void logIn(XMPPTCPConnection smack, boolean shouldWork) {
        smack.setReplyTimeout(WAIT.toMillis());
        try {
            smack.connect().login();
            assertTrue(shouldWork, "Smack logged in");
        } catch (Exception e) {
            assertFalse(shouldWork, "Smack could not log in: " + e);
        } finally {
            smack.disconnect();
        }
    }

    private RunResult judge() throws InterruptedException {
        server.awaitIdle(Duration.ofMillis(300), Duration.ofSeconds(15));
        return ClientVerdicts.judge("unit", "127.0.0.1", server.starttlsPort(), server.directTlsPort(),
                BadScenario.all(), server.records(), started, Duration.ofSeconds(1));
    }

    private static TestResult verdict(RunResult run, String scenario) {
        return run.tests().stream().filter(t -> t.id().equals(ClientVerdicts.ID_PREFIX + scenario)).findFirst()
                .orElseThrow(() -> new AssertionError("no verdict for " + scenario));
    }

    private ConnectionRecord recordOf(String scenario) {
        List<ConnectionRecord> found = server.records().stream()
                .filter(r -> r.scenario() != null && r.scenario().id().equals(scenario)).toList();
        assertEquals(1, found.size(), "connections to " + scenario);
        return found.get(0);
    }

    private static void assertNoPassword(RunResult run) {
        String encoded = java.util.Base64.getEncoder().encodeToString(("\0" + USER + "\0" + PASSWORD).getBytes());
        for (TestResult t : run.tests()) {
            String all = t.reason() + " " + t.transcript();
            assertFalse(all.contains(PASSWORD) || all.contains(encoded), "password in " + t.id());
        }
    }
}
