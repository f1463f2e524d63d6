package org.stanzalab.wire.server;

import org.stanzalab.wire.certs.CertKit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.stanzalab.wire.NegotiatedTls;
import org.stanzalab.wire.SaslFailureException;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.RecordingListener;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramMechanism;

/** The server side scripted against the wire driver's own client side, over loopback. */
class ServerSideTest {
    private static final CertKit CA = CertKit.newCa("Stanzalab wire test CA");
    private static final ServerIdentity TOOL = CA.issue("tool.test");
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @FunctionalInterface
    interface Script<T> {
        T run() throws Exception;
    }

    /**
     * Runs the server's part beside the test's client part, on a thread of its own (the common pool may have a
     * single thread on a small machine, and two scripts may have to wait for each other).
     */
    private static <T> CompletableFuture<T> serve(Script<T> script) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(script.run());
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "server-script");
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    private static ListenerOptions clientListener() {
        return ListenerOptions.client("tool.test").withIdentity(TOOL).withTimeout(TIMEOUT);
    }

    private static WireEndpoint endpointOf(XmppListener listener) {
        return new WireEndpoint("127.0.0.1", listener.port(), "tool.test", CA.trustingContext(), true, TIMEOUT);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PLAIN", "SCRAM-SHA-1", "SCRAM-SHA-256"})
    void clientLogsInBindsAndExchangesMessages(String mechanism) throws Exception {
        ServerAccounts accounts = new ServerAccounts().add("alice", "secret");
        RecordingListener serverTranscript = new RecordingListener();
        try (XmppListener listener = XmppListener.open(clientListener())) {
            CompletableFuture<String> server = serve(() -> {
                try (ServerStream stream = listener.accept()) {
                    stream.onTraffic(serverTranscript);
                    String jid = stream.acceptClientLogin(accounts, mechanism);
                    XmlElement message = stream.expect(e -> e.is("message", XmppNamespaces.CLIENT), "a message");
                    stream.send("<message from='bob@tool.test' to='" + jid + "'><body>pong</body></message>");
                    assertTrue(stream.closeStream(TIMEOUT));
                    return jid + " " + message.childText("body", XmppNamespaces.CLIENT).orElse("");
                }
            });
            try (WireStream client = WireStream.connect(endpointOf(listener))) {
                StreamHeader header = client.openStream();
                assertEquals("tool.test", header.from());
                assertTrue(client.readFeatures().hasChild("starttls", XmppNamespaces.TLS));
                XmlElement features = client.startTls();
                assertEquals("tool.test", client.negotiatedTls().orElseThrow().peerCertificates().get(0)
                        .getSubjectX500Principal().getName().replace("CN=", ""));
                assertTrue(features.toXml().contains(mechanism), features.toXml());
                if (mechanism.equals("PLAIN")) {
                    client.authenticatePlain("alice", "secret");
                } else {
                    scram(client, ScramMechanism.named(mechanism), "alice", "secret");
                }
                String jid = client.bind("phone");
                assertEquals("alice@tool.test/phone", jid);
                client.send("<message to='bob@tool.test'><body>ping</body></message>");
                XmlElement reply = client.expect(e -> e.is("message", XmppNamespaces.CLIENT), "the reply");
                assertEquals("pong", reply.childText("body", XmppNamespaces.CLIENT).orElseThrow());
                client.closeStream();
                assertEquals("alice@tool.test/phone ping", server.get(20, TimeUnit.SECONDS));
            }
        }
        assertTrue(serverTranscript.lines().stream().anyMatch(l -> l.startsWith("* TLS established: TLS")),
                serverTranscript.all());
        assertTrue(serverTranscript.lines().contains("< <message to='bob@tool.test'><body>ping</body></message>"),
                serverTranscript.all());
        assertFalse(serverTranscript.all().contains(base64("\0alice\0secret")),
                "the client's password stays out of the server's transcript");
    }

    /** The restart after SASL success is the client's; ScramClient only computes the messages. */
    private static void scram(WireStream client, ScramMechanism mechanism, String user, String password) throws Exception {
        ScramClient scram = new ScramClient(mechanism);
        client.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='" + mechanism + "'>"
                + base64(scram.clientFirst(user)) + "</auth>");
        XmlElement challenge = client.expect(e -> e.is("challenge", XmppNamespaces.SASL), "challenge");
        scram.readServerFirst(unbase64(challenge.text()));
        client.send("<response xmlns='" + XmppNamespaces.SASL + "'>" + base64(scram.clientFinal(password)) + "</response>");
        XmlElement success = client.expect(e -> e.is("success", XmppNamespaces.SASL), "success");
        assertEquals(scram.expectedServerSignature(), scram.serverSignatureIn(unbase64(success.text())));
        client.openStream();
        client.readFeatures();
    }

    @Test
    void wrongPasswordGetsNotAuthorizedAndTheStreamGoesOn() throws Exception {
        ServerAccounts accounts = new ServerAccounts().add("alice", "secret");
        try (XmppListener listener = XmppListener.open(clientListener())) {
            CompletableFuture<String> server = serve(() -> {
                try (ServerStream stream = listener.accept()) {
                    stream.openStream(StreamFeatures.none().startTls(true));
                    stream.acceptStartTls();
                    stream.openStream(StreamFeatures.none().mechanisms("SCRAM-SHA-256", "PLAIN"));
                    SaslFailureException refused = assertThrows(SaslFailureException.class, () -> stream.acceptSasl(accounts));
                    String second = stream.acceptSasl(accounts);
                    stream.openStream(StreamFeatures.none().bind());
                    return refused.condition() + " then " + second;
                }
            });
            try (WireStream client = WireStream.connect(endpointOf(listener))) {
                client.openStream();
                client.readFeatures();
                client.startTls();
                SaslFailureException e = assertThrows(SaslFailureException.class,
                        () -> client.authenticatePlain("alice", "wrong"));
                assertEquals("not-authorized", e.condition());
                client.authenticatePlain("alice", "secret");
                assertEquals("not-authorized then alice", server.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void tlsOptionsAreAppliedAndWhatWasNegotiatedIsVisibleOnBothSides() throws Exception {
        ListenerOptions options = clientListener().withDirectTls().withTls(TlsOptions.DEFAULT
                .withApplicationProtocols("xmpp-client"));
        try (XmppListener listener = XmppListener.open(options)) {
            CompletableFuture<NegotiatedTls> server = serve(() -> {
                try (ServerStream stream = listener.accept()) {
                    stream.openStream(StreamFeatures.none().mechanisms("PLAIN"));
                    stream.wire().awaitClosure(TIMEOUT);
                    return stream.negotiatedTls().orElseThrow();
                }
            });
            TlsOptions clientTls = TlsOptions.DEFAULT.withProtocols("TLSv1.2")
                    .withCipherSuites("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256").withServerName("sni.tool.test");
            try (WireStream client = WireStream.connectDirectTls(endpointOf(listener).withTlsOptions(clientTls))) {
                client.openStream();
                client.readFeatures();
                NegotiatedTls seen = client.negotiatedTls().orElseThrow();
                assertEquals("TLSv1.2", seen.protocol());
                assertEquals("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", seen.cipherSuite());
                assertEquals("xmpp-client", seen.applicationProtocol().orElseThrow());
                assertEquals(TOOL.chain(), seen.peerCertificates());
                client.closeStream();
                client.close();
                NegotiatedTls serverSaw = server.get(20, TimeUnit.SECONDS);
                assertEquals("sni.tool.test", serverSaw.requestedServerName().orElseThrow());
                assertEquals("TLSv1.2", serverSaw.protocol());
                assertTrue(serverSaw.peerCertificates().isEmpty());
            }
        }
    }

    @Test
    void withoutServerNameNoSniIsSent() throws Exception {
        try (XmppListener listener = XmppListener.open(clientListener().withDirectTls())) {
            CompletableFuture<NegotiatedTls> server = serve(() -> {
                try (ServerStream stream = listener.accept()) {
                    return stream.negotiatedTls().orElseThrow();
                }
            });
            try (WireStream client = WireStream.connectDirectTls(endpointOf(listener)
                    .withTlsOptions(TlsOptions.DEFAULT.withoutServerName()))) {
                assertFalse(server.get(20, TimeUnit.SECONDS).requestedServerName().isPresent());
            }
        }
    }

    @Test
    void aBadCertificateIsRefusedByAVerifyingClient() throws Exception {
        ListenerOptions wrongName = clientListener().withIdentity(CA.issue("other.test")).withDirectTls();
        try (XmppListener listener = XmppListener.open(wrongName)) {
            CompletableFuture<Exception> server = serve(() -> {
                try (ServerStream ignored = listener.accept()) {
                    return null;
                } catch (Exception e) {
                    return e;
                }
            });
            WireException e = assertThrows(WireException.class, () -> WireStream.connectDirectTls(endpointOf(listener)));
            assertTrue(e.getMessage().contains("tool.test"), e.getMessage());
            assertTrue(server.get(20, TimeUnit.SECONDS) instanceof WireException);
        }
    }

    @Test
    void dialbackBetweenTwoToolDomains() throws Exception {
        String secret = "dialback secret of origin.test";
        ListenerOptions receiving = ListenerOptions.server("tool.test").withIdentity(TOOL).withTimeout(TIMEOUT);
        ListenerOptions authoritative = ListenerOptions.server("origin.test").withIdentity(CA.issue("origin.test"))
                .withTimeout(TIMEOUT);
        try (XmppListener tool = XmppListener.open(receiving); XmppListener origin = XmppListener.open(authoritative)) {
            WireEndpoint originEndpoint = new WireEndpoint("127.0.0.1", origin.port(), "origin.test",
                    CA.trustingContext(), true, TIMEOUT);
            CompletableFuture<Boolean> authority = serve(() -> {
                try (ServerStream stream = origin.accept()) {
                    stream.openStream(StreamFeatures.none().startTls(true));
                    stream.acceptStartTls();
                    stream.openStream(StreamFeatures.none().dialback());
                    return stream.answerDialbackVerify(secret);
                }
            });
            CompletableFuture<String> server = serve(() -> {
                try (ServerStream stream = tool.accept()) {
                    String from = stream.acceptServerStream(new ServerAccounts(), false,
                            Dialback.askAuthoritativeServer(domain -> originEndpoint));
                    XmlElement message = stream.expect(e -> e.is("message", ServerNamespaces.SERVER), "a message");
                    return from + ": " + message.childText("body", ServerNamespaces.SERVER).orElse("");
                }
            });
            WireEndpoint toolEndpoint = new WireEndpoint("127.0.0.1", tool.port(), "tool.test", CA.trustingContext(),
                    true, TIMEOUT);
            try (WireStream outgoing = originateOrExplain(toolEndpoint, secret, server, authority)) {
                outgoing.send("<message from='a@origin.test' to='b@tool.test'><body>hi</body></message>");
                assertEquals("origin.test: hi", server.get(20, TimeUnit.SECONDS));
                assertTrue(authority.get(20, TimeUnit.SECONDS));
            }
        }
    }

    /** If originating fails, the receiving side's or the authority's failure is the story. */
    private static WireStream originateOrExplain(WireEndpoint endpoint, String secret, CompletableFuture<?>... sides)
            throws Exception {
        try {
            return Dialback.originate(endpoint, "origin.test", secret);
        } catch (WireException e) {
            for (CompletableFuture<?> side : sides) {
                side.get(20, TimeUnit.SECONDS);
            }
            throw e;
        }
    }

    @Test
    void externalAuthenticatesAServerByItsCertificate() throws Exception {
        ServerIdentity origin = CA.issue("origin.test");
        ServerAccounts accounts = new ServerAccounts().trustCertificatesOf(CA);
        try (XmppListener tool = XmppListener.open(ListenerOptions.server("tool.test").withIdentity(TOOL).withTimeout(TIMEOUT))) {
            CompletableFuture<String> server = serve(() -> {
                try (ServerStream stream = tool.accept()) {
                    return stream.acceptServerStream(accounts, true, (request, id) -> false);
                }
            });
            WireEndpoint endpoint = new WireEndpoint("127.0.0.1", tool.port(), "tool.test", CA.clientContext(origin),
                    true, TIMEOUT);
            try (WireStream client = WireStream.connect(endpoint)) {
                String header = "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams'"
                        + " from='origin.test' to='tool.test' version='1.0'>";
                client.send(header);
                client.readStreamHeader();
                client.readFeatures();
                client.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
                client.expect(e -> e.is("proceed", XmppNamespaces.TLS), "proceed");
                client.upgradeToTls();
                client.send(header);
                client.readStreamHeader();
                assertTrue(client.readFeatures().toXml().contains("EXTERNAL"));
                client.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='EXTERNAL'>=</auth>");
                client.expect(e -> e.is("success", XmppNamespaces.SASL), "success");
                client.send(header);
                client.readStreamHeader();
                client.readFeatures();
                assertEquals("origin.test", server.get(20, TimeUnit.SECONDS));
            }
        }
    }

    @Test
    void aSilentPeerEndsInATimeoutNotAHang() throws Exception {
        ListenerOptions quick = clientListener().withTimeout(Duration.ofMillis(300));
        try (XmppListener listener = XmppListener.open(quick)) {
            assertThrows(WireTimeoutException.class, listener::accept);
            try (WireStream silent = WireStream.connect(endpointOf(listener)); ServerStream stream = listener.accept()) {
                long start = System.nanoTime();
                assertThrows(WireTimeoutException.class, stream::awaitStreamHeader);
                assertTrue(System.nanoTime() - start < Duration.ofSeconds(5).toNanos());
            }
        }
    }

    @Test
    void onlyLoopbackAddressesAreServed() {
        assertThrows(IllegalArgumentException.class,
                () -> XmppListener.open(ListenerOptions.client("tool.test").at("0.0.0.0", 0)));
    }

    private static String base64(String text) {
        return java.util.Base64.getEncoder().encodeToString(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    private static String unbase64(String text) {
        return new String(java.util.Base64.getDecoder().decode(text.strip()), java.nio.charset.StandardCharsets.UTF_8);
    }
}
