package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.Test;

// Tests close streams inside try-with-resources on purpose: the fake peer waits for that EOF.
@SuppressWarnings("try")
class TlsTest {
    private static final String PROCEED = "<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>";

    /** Peer side of a full STARTTLS exchange; returns the SNI names the client sent. */
    private static List<SNIServerName> playStartTls(FakePeer.Connection c) throws Exception {
        c.awaitReceived("<stream:stream");
        c.send(FakePeer.HEADER + FakePeer.FEATURES_STARTTLS);
        c.awaitReceived("<starttls");
        c.send(PROCEED);
        SSLSocket tls = c.upgradeToTls(TestCertificates.serverContext());
        List<SNIServerName> sni = ((ExtendedSSLSession) tls.getSession()).getRequestedServerNames();
        c.awaitReceived("<stream:stream");
        c.send(FakePeer.HEADER + FakePeer.FEATURES_SASL);
        return sni;
    }

    private static WireEndpoint endpoint(FakePeer peer, String domain, SSLContext context, boolean verify) {
        // Generous: the first handshake in a JVM pays for warming up the JCA providers, slow on a loaded machine.
        return new WireEndpoint("127.0.0.1", peer.endpoint().port(), domain, context, verify, Duration.ofSeconds(15));
    }

    @Test
    void startTlsWithInsecureTrustManager() throws Exception {
        SSLContext insecure = TestCertificates.insecureContext();
        List<List<SNIServerName>> sniSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakePeer peer = FakePeer.start(c -> {
            sniSeen.add(playStartTls(c));
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(endpoint(peer, "xmpp.test", insecure, false))) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            assertTrue(stream.readFeatures().hasChild("starttls", XmppNamespaces.TLS));
            XmlElement features = stream.startTls();
            assertTrue(features.hasChild("mechanisms", XmppNamespaces.SASL));
            assertTrue(stream.isTls());
            stream.close();
            peer.assertScriptCompleted();
            assertEquals(List.of(new SNIHostName("xmpp.test")), sniSeen.get(0));
            assertTrue(transcript.lines().stream().anyMatch(l -> l.startsWith("* TLS established: TLS")), transcript.all());
        }
    }

    @Test
    void startTlsVerifiesHostnameAgainstDomain() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            playStartTls(c);
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(endpoint(peer, "xmpp.test", TestCertificates.trustingContext(), true))) {
            stream.openStream();
            stream.readFeatures();
            stream.startTls();
            assertEquals("xmpp.test", FakePeer.DOMAIN);
        }
    }

    @Test
    void hostnameMismatchIsRefused() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FakePeer.FEATURES_STARTTLS);
            c.awaitReceived("<starttls");
            c.send(PROCEED);
            assertThrows(Exception.class, () -> c.upgradeToTls(TestCertificates.serverContext()));
        }); WireStream stream = WireStream.connect(endpoint(peer, "other.test", TestCertificates.trustingContext(), true))) {
            stream.openStream();
            stream.readFeatures();
            WireTlsException e = assertThrows(WireTlsException.class, stream::startTls);
            assertTrue(e.getMessage().startsWith("TLS handshake with other.test (127.0.0.1:"), e.getMessage());
            assertTrue(e.getMessage().contains("No subject alternative DNS name matching other.test"), e.getMessage());
            peer.assertScriptCompleted();
        }
    }

    @Test
    void startTlsFailureIsReported() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FakePeer.FEATURES_STARTTLS);
            c.awaitReceived("<starttls");
            c.send("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>");
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();
            assertEquals("server answered <starttls/> with <failure/>",
                    assertThrows(WireTlsException.class, stream::startTls).getMessage());
        }
    }

    @Test
    void directTlsOffersXmppClientAlpn() throws Exception {
        List<String> alpnSeen = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (FakePeer peer = FakePeer.start(c -> {
            SSLSocket tls = c.upgradeToTls(TestCertificates.serverContext(), "xmpp-client");
            alpnSeen.add(tls.getApplicationProtocol());
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FakePeer.FEATURES_SASL);
            c.awaitClientEof();
        }); WireStream stream = WireStream.connectDirectTls(
                endpoint(peer, "xmpp.test", TestCertificates.trustingContext(), true))) {
            stream.openStream();
            assertTrue(stream.readFeatures().hasChild("mechanisms", XmppNamespaces.SASL));
            assertTrue(stream.tlsSession().orElseThrow().getProtocol().startsWith("TLS"));
            stream.close();
            peer.assertScriptCompleted();
            assertEquals(List.of("xmpp-client"), alpnSeen);
        }
    }
}
