package org.stanzalab.wire.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireConnectException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.transport.FramedTransport.Element;
import org.stanzalab.wire.transport.FramedTransport.End;
import org.stanzalab.wire.transport.FramedTransport.Header;

/** The transport against a tiny in-process WebSocket server (plain ws on loopback) that plays scripted frames. */
class WebSocketTransportTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** What the fake server does once the handshake is done: write raw frames, read what the client sent. */
    interface Script {
        void play(InputStream in, OutputStream out) throws IOException;
    }

    private static URI serve(String protocolAnswer, Script script) throws IOException {
        ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        CompletableFuture.runAsync(() -> {
            try (server; Socket s = server.accept()) {
                s.setSoTimeout(5000);
                InputStream in = s.getInputStream();
                String request = readHead(in);
                String key = request.lines().filter(l -> l.toLowerCase().startsWith("sec-websocket-key:"))
                        .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElseThrow();
                String accept = Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1").digest(
                        (key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").getBytes(StandardCharsets.US_ASCII)));
                OutputStream out = s.getOutputStream();
                out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: " + accept + "\r\n"
                        + (protocolAnswer == null ? "" : "Sec-WebSocket-Protocol: " + protocolAnswer + "\r\n") + "\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
                script.play(in, out);
            } catch (Exception e) {
                // the test sees the consequences
            }
        });
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/xmpp-websocket");
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("eof in handshake");
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    /** One unmasked server frame: opcode 1 text, 0 continuation, 8 close. */
    private static void frame(OutputStream out, boolean fin, int opcode, byte[] payload) throws IOException {
        out.write((fin ? 0x80 : 0) | opcode);
        if (payload.length < 126) {
            out.write(payload.length);
        } else {
            out.write(126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(payload);
        out.flush();
    }

    private static void text(OutputStream out, String text) throws IOException {
        frame(out, true, 1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Reads one masked client frame and returns its text. */
    private static String readClientFrame(InputStream in) throws IOException {
        int b0 = in.read();
        int b1 = in.read();
        if (b0 < 0 || b1 < 0) {
            throw new IOException("eof");
        }
        long length = b1 & 0x7f;
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        byte[] mask = in.readNBytes(4);
        byte[] data = in.readNBytes((int) length);
        for (int i = 0; i < data.length; i++) {
            data[i] ^= mask[i % 4];
        }
        return new String(data, StandardCharsets.UTF_8);
    }

    @Test
    void openAndElementsAreParsedAndFragmentsJoined() throws Exception {
        URI uri = serve("xmpp", (in, out) -> {
            String open = readClientFrame(in);
            assertTrue(open.startsWith("<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='a.example'"), open);
            text(out, "<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' from='a.example' id='s1' version='1.0'/>");
            // One element in two fragments, then a whitespace keepalive RFC 7395 §3.8 forbids.
            frame(out, false, 1, "<stream:features xmlns:stream='http://etherx.jabber.org/streams'>".getBytes(StandardCharsets.UTF_8));
            frame(out, true, 0, "</stream:features>".getBytes(StandardCharsets.UTF_8));
            text(out, " ");
            text(out, "<error xmlns='http://etherx.jabber.org/streams'><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></error>");
            text(out, "<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
            readClientFrame(in);
        });
        try (WebSocketTransport ws = WebSocketTransport.connect(uri, null, WAIT, TrafficListener.NONE)) {
            assertEquals("xmpp", ws.subprotocol());
            ws.open("a.example");

            Header header = assertInstanceOf(Header.class, ws.next(WAIT));
            assertEquals("s1", header.attributes().get("id"));
            Element features = assertInstanceOf(Element.class, ws.next(WAIT));
            assertEquals("<stream:features xmlns:stream='http://etherx.jabber.org/streams'></stream:features>", features.xml());
            assertInstanceOf(Element.class, ws.next(WAIT));
            End end = assertInstanceOf(End.class, ws.next(WAIT));
            assertTrue(end.streamErrorXml().orElseThrow().contains("host-unknown"));
            assertEquals(" ", ws.receivedMessages().get(2), "the whitespace message is kept for the tests");
        }
    }

    @Test
    void aMessageThatIsNotOneElementFailsTheRead() throws Exception {
        URI uri = serve("xmpp", (in, out) -> {
            text(out, "<message xmlns='jabber:client'/><message xmlns='jabber:client'/>");
            readClientFrame(in);
        });
        try (WebSocketTransport ws = WebSocketTransport.connect(uri, null, WAIT, TrafficListener.NONE)) {
            assertThrows(WireProtocolException.class, () -> ws.next(WAIT));
        }
    }

    @Test
    void serverWithoutTheXmppSubprotocolIsRefused() throws Exception {
        URI uri = serve(null, (in, out) -> readClientFrame(in));
        assertThrows(WireConnectException.class, () -> WebSocketTransport.connect(uri, null, WAIT, TrafficListener.NONE));
    }

    @Test
    void connectionClosedWithoutCloseEndsTheStream() throws Exception {
        URI uri = serve("xmpp", (in, out) -> frame(out, true, 8, new byte[] {0x03, (byte) 0xe8}));
        try (WebSocketTransport ws = WebSocketTransport.connect(uri, null, WAIT, TrafficListener.NONE)) {
            End end = assertInstanceOf(End.class, ws.next(WAIT));
            assertEquals(Optional.empty(), end.streamErrorXml());
            assertTrue(ws.awaitInputClosed(WAIT));
        }
    }

    @Test
    void silenceIsATimeout() throws Exception {
        URI uri = serve("xmpp", (in, out) -> readClientFrame(in));
        try (WebSocketTransport ws = WebSocketTransport.connect(uri, null, WAIT, TrafficListener.NONE)) {
            long start = System.nanoTime();
            assertThrows(WireTimeoutException.class, () -> ws.next(Duration.ofMillis(200)));
            assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 3000);
            assertEquals(List.of(), ws.receivedMessages());
        }
    }
}
