package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

// Tests close streams inside try-with-resources on purpose: the fake peer waits for that EOF.
@SuppressWarnings("try")
class WireStreamTest {
    private static final String SASL_SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";

    /** Answers the client's header with the canned header and the given features. */
    private static void greet(FakePeer.Connection c, String features) throws Exception {
        c.awaitReceived("<stream:stream");
        c.send(FakePeer.HEADER + features);
    }

    @Test
    void opensStreamAndReadsFeatures() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            String header = c.awaitReceived("<stream:stream");
            assertEquals(WireStream.defaultStreamHeader("xmpp.test"), header);
            c.send(FakePeer.HEADER + FakePeer.FEATURES_SASL);
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            StreamHeader header = stream.openStream();
            assertEquals("s-1", header.id());
            assertEquals("xmpp.test", header.from());
            assertTrue(header.isXmppStream());
            XmlElement features = stream.readFeatures();
            assertEquals("PLAIN", features.child("mechanisms", XmppNamespaces.SASL).orElseThrow()
                    .childText("mechanism", XmppNamespaces.SASL).orElseThrow());
            stream.close();
            peer.assertScriptCompleted();
        }
    }

    @Test
    void assemblesElementArrivingOneByteAtATime() throws Exception {
        String message = "<message from='x@xmpp.test' type='chat'><body>sl\u00f6w</body></message>";
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "");
            c.sendInPieces(message, 1, 1);
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            XmlElement received = stream.next();
            assertEquals("sl\u00f6w", received.childText("body", XmppNamespaces.CLIENT).orElseThrow());
            assertTrue(transcript.lines().contains("< " + message), transcript.all());
        }
    }

    @Test
    void readsTwoElementsSentInOneWrite() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> greet(c, "<presence/><message><body>2</body></message>"));
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            assertEquals("presence", stream.next().name());
            assertEquals("message", stream.next().name());
        }
    }

    @Test
    void expectSkipsButKeepsOtherElements() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> greet(c, "<presence/><message/><iq id='7' type='result'/>"));
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            XmlElement iq = stream.expect(e -> e.name().equals("iq"), "<iq id='7'/>");
            assertEquals("7", iq.attribute("id").orElseThrow());
            assertEquals(List.of("presence", "message", "iq"), stream.received().stream().map(XmlElement::name).toList());
        }
    }

    @Test
    void reportsStreamErrorAndProperClosure() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "");
            c.send("<stream:error><not-well-formed xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>bad</text></stream:error></stream:stream>");
            c.endOutput();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            StreamError error = stream.expectStreamError();
            assertEquals("not-well-formed", error.condition());
            assertEquals("bad", error.text());
            assertEquals(Closure.CLOSING_TAG_THEN_EOF, stream.awaitClosure());
            StreamClosedException closed = assertThrows(StreamClosedException.class, stream::next);
            assertTrue(closed.closingTagReceived());
            assertEquals("server closed the stream with </stream:stream> and the connection after stream error "
                    + "<not-well-formed/> while waiting for the next element", closed.getMessage());
        }
    }

    @Test
    void closureWithClosingTagButConnectionLeftOpen() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "</stream:stream>");
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            assertEquals(Closure.CLOSING_TAG, stream.awaitClosure(Duration.ofMillis(300)));
        }
    }

    @Test
    void closureByEofWithoutClosingTag() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "<presence/>");
            c.endOutput();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            assertEquals(Closure.EOF, stream.awaitClosure());
            StreamClosedException closed = assertThrows(StreamClosedException.class, stream::next);
            assertFalse(closed.closingTagReceived());
            assertTrue(closed.getMessage().startsWith("server closed the connection without </stream:stream>"),
                    closed.getMessage());
        }
    }

    @Test
    void abortResetsTheConnectionWithoutClosingTag() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, FakePeer.FEATURES_SASL);
            // An orderly close would read as EOF, after </stream:stream> if one was sent; a reset reads as an error.
            assertThrows(java.net.SocketException.class, c::awaitClientEof);
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();
            stream.abort();
            stream.abort(); // idempotent
            peer.assertScriptCompleted();
            assertThrows(WireException.class, () -> stream.send("<presence/>"));
        }
    }

    @Test
    void silentPeerGivesBoundedTimeout() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "");
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint(Duration.ofMillis(300)))) {
            stream.openStream();
            long start = System.nanoTime();
            WireTimeoutException timeout = assertThrows(WireTimeoutException.class, stream::readFeatures);
            long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMillis >= 290 && elapsedMillis < 1000, "took " + elapsedMillis + " ms");
            assertEquals("no <stream:features/> within 300 ms", timeout.getMessage());
            assertEquals(Closure.TIMEOUT, stream.awaitClosure(Duration.ofMillis(100)));
        }
    }

    @Test
    void serverCommentIsProtocolErrorAndShowsInTranscript() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> greet(c, "<!-- debug --><stream:features/>"));
             WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            WireProtocolException e = assertThrows(WireProtocolException.class, stream::readFeatures);
            assertEquals("server sent a comment, which XMPP forbids (RFC 6120 §11.1)", e.getMessage());
            assertTrue(transcript.all().contains("< <!-- debug -->"), transcript.all());
            assertThrows(WireProtocolException.class, stream::next); // stays failed, no hang
        }
    }

    @Test
    void serverDtdIsProtocolError() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send("<?xml version='1.0'?><!DOCTYPE stream:stream [<!ENTITY a 'aaaa'>]>" + FakePeer.HEADER);
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            assertEquals("server sent a DTD, which XMPP forbids (RFC 6120 §11.1)",
                    assertThrows(WireProtocolException.class, stream::openStream).getMessage());
        }
    }

    @Test
    void invalidUtf8FromServerIsClearError() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "<message><body>");
            c.sendBytes(new byte[] {(byte) 0xFF, 'x', '<'});
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            WireProtocolException e = assertThrows(WireProtocolException.class, stream::next);
            assertTrue(e.getMessage().contains("invalid UTF-8") && e.getMessage().contains("0xFF"), e.getMessage());
            assertTrue(transcript.all().contains("< <message><body>\\xFFx<"), transcript.all());
        }
    }

    @Test
    void garbageInsteadOfStreamHeader() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send("HTTP/1.1 400 Bad Request\r\n\r\n");
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            String message = assertThrows(WireProtocolException.class, stream::openStream).getMessage();
            assertTrue(message.startsWith("server sent malformed XML: Unexpected character 'H'"), message);
        }
    }

    @Test
    void oversizedElementFromServerIsRejected() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "<message><body>" + "z".repeat(5000));
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint(), new ParserLimits(4096, 64))) {
            stream.openStream();
            assertEquals("server sent <message> larger than the limit of 4096 bytes",
                    assertThrows(WireProtocolException.class, stream::next).getMessage());
        }
    }

    @Test
    void saslPlainRestartsWithBytesFromTheSameReadAndRedactsTranscript() throws Exception {
        String expectedPayload = Base64.getEncoder()
                .encodeToString("\0juliet\0s3cr3t-pw".getBytes(StandardCharsets.UTF_8));
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, FakePeer.FEATURES_SASL);
            String auth = c.awaitReceived("</auth>");
            assertTrue(auth.contains("mechanism='PLAIN'>" + expectedPayload + "</auth>"), auth);
            // Success, the next header and features in one write: the old parser must not eat them.
            c.send(SASL_SUCCESS + FakePeer.HEADER.replace("s-1", "s-2") + FakePeer.FEATURES_BIND);
            // The restarted header and the bind request may arrive in one read, so wait for both at once.
            String restart = c.awaitReceived("</iq>");
            assertTrue(restart.contains("<stream:stream"), restart);
            assertTrue(restart.indexOf("<stream:stream") < restart.indexOf("<resource>balcony</resource>"), restart);
            c.send("<iq type='result' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'>"
                    + "<jid>juliet@xmpp.test/balcony</jid></bind></iq>");
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            stream.readFeatures();
            XmlElement features = stream.authenticatePlain("juliet", "s3cr3t-pw");
            assertTrue(features.hasChild("bind", XmppNamespaces.BIND));
            assertEquals("juliet@xmpp.test/balcony", stream.bind("balcony"));
            stream.close();
            peer.assertScriptCompleted();
            String log = transcript.all();
            assertTrue(log.contains("> <auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>[redacted]</auth>"), log);
            assertFalse(log.contains(expectedPayload) || log.contains("s3cr3t-pw"), log);
            assertTrue(log.contains("< " + FakePeer.HEADER.replace("s-1", "s-2")), log);
        }
    }

    @Test
    void saslFailureCarriesConditionButNoPassword() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, FakePeer.FEATURES_SASL);
            c.awaitReceived("</auth>");
            c.send("<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><not-authorized/>"
                    + "<text>wrong password</text></failure>");
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();
            SaslFailureException e = assertThrows(SaslFailureException.class,
                    () -> stream.authenticatePlain("juliet", "hunter2"));
            assertEquals("not-authorized", e.condition());
            assertEquals("SASL PLAIN authentication failed: <not-authorized/> (wrong password)", e.getMessage());
        }
    }

    @Test
    void bindErrorBecomesStanzaErrorException() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, FakePeer.FEATURES_BIND);
            c.awaitReceived("</iq>");
            c.send("<iq type='error' id='bind-1'><error type='cancel'>"
                    + "<conflict xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error></iq>");
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();
            StanzaErrorException e = assertThrows(StanzaErrorException.class, () -> stream.bind(null));
            assertEquals("conflict", e.condition());
            assertEquals("resource binding failed: server answered with <conflict/> (type cancel)", e.getMessage());
        }
    }

    @Test
    void sendBytesShowsInvalidBytesInTranscript() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            byte[] expected = {'<', 'a', '>', (byte) 0xC3, '(', '<', '/', 'a', '>'};
            String got = c.awaitReceived("</a>");
            assertEquals(new String(expected, StandardCharsets.UTF_8), got);
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.sendBytes(new byte[] {'<', 'a', '>', (byte) 0xC3, '(', '<', '/', 'a', '>'});
            peer.assertScriptCompleted();
            assertTrue(transcript.lines().contains("> <a>\\xC3(</a>"), transcript.all());
            assertTrue(transcript.lines().get(0).startsWith("* connected to 127.0.0.1:"), transcript.all());
        }
    }

    @Test
    void closedPortFailsFastWithClearMessage() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        WireEndpoint endpoint = new WireEndpoint("127.0.0.1", port, "xmpp.test", null, true, Duration.ofSeconds(2));
        long start = System.nanoTime();
        WireConnectException e = assertThrows(WireConnectException.class, () -> WireStream.connect(endpoint));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1500);
        assertEquals("cannot connect to 127.0.0.1:" + port + ": connection refused", e.getMessage());
    }

    @Test
    void closeIsIdempotentAndSendAfterCloseFailsClearly() throws Exception {
        try (FakePeer peer = FakePeer.start(FakePeer.Connection::awaitClientEof);
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.close();
            stream.close();
            assertTrue(assertThrows(WireException.class, () -> stream.send("<presence/>")).getMessage()
                    .endsWith("the stream was closed locally"));
        }
    }

    @Test
    void closeFromAnotherThreadWakesAWaitingCaller() throws Exception {
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "");
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint(Duration.ofSeconds(5)))) {
            stream.openStream();
            Thread closer = new Thread(() -> {
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ignored) {
                    Thread.currentThread().interrupt();
                }
                stream.close();
            });
            closer.start();
            long start = System.nanoTime();
            WireException e = assertThrows(WireException.class, stream::next);
            assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
            assertEquals("the stream was closed locally while waiting for the next element", e.getMessage());
            closer.join();
        }
    }

    @Test
    void customHeaderSentRawThenReadStreamHeader() throws Exception {
        String custom = "<stream:stream to='xmpp.test' version='2.0' xmlns='jabber:client' "
                + "xmlns:stream='http://etherx.jabber.org/streams'>";
        try (FakePeer peer = FakePeer.start(c -> {
            assertEquals(custom, c.awaitReceived("version='2.0'"));
            c.send("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' "
                    + "id='v2' version='1.0'><stream:error><unsupported-version "
                    + "xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>");
            c.endOutput();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.send(custom);
            StreamHeader header = stream.readStreamHeader();
            assertEquals("v2", header.id());
            assertEquals(null, header.lang());
            assertEquals("unsupported-version", stream.expectStreamError().condition());
            assertEquals(Closure.CLOSING_TAG_THEN_EOF, stream.awaitClosure());
        }
    }

    @Test
    void floodBeyondQueueCapacityIsHeldBackNotLost() throws Exception {
        int count = 3000; // more than the reader queues before it stops reading the socket
        try (FakePeer peer = FakePeer.start(c -> {
            greet(c, "");
            StringBuilder flood = new StringBuilder();
            for (int i = 0; i < count; i++) {
                flood.append("<presence id='p").append(i).append("'/>");
            }
            c.send(flood.toString());
            c.awaitClientEof();
        }); WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            Thread.sleep(200); // let the reader hit the queue limit
            for (int i = 0; i < count; i++) {
                assertEquals("p" + i, stream.next().attribute("id").orElseThrow());
            }
        }
    }
}
