package org.stanzalab.engine.smack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

/** A server that never answers our closing tag costs a short bounded wait, not the reply timeout. */
class CloseWaitTest {

    @Test
    void aServerThatNeverClosesItsStreamCostsOnlyTheCloseWait() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> serveWithoutEverClosing(listener));
            server.setDaemon(true);
            server.start();
            Timeouts slow = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofMillis(100));
            SmackConnector connector = new SmackConnector(new Target("example.test", "127.0.0.1", listener.getLocalPort(),
                    TlsMode.NONE, Trust.insecure(), slow));
            XMPPTCPConnection connection = connector.newConnection(null, null, null, null, "close-wait");
            connection.connect();

            long start = System.nanoTime();
            SmackConnector.disconnect(connection);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertTrue(took.compareTo(SmackConnector.CLOSE_WAIT.plusSeconds(2)) < 0,
                    "closing took " + took.toMillis() + " ms with a reply timeout of 20 s");
        }
    }

    /** Opens a stream offering SASL PLAIN, then only reads: the closing tag is never answered. */
    private static void serveWithoutEverClosing(ServerSocket listener) {
        try (Socket client = listener.accept()) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            byte[] buffer = new byte[4096];
            StringBuilder seen = new StringBuilder();
            while (seen.indexOf("<stream:stream") < 0 || seen.indexOf(">", seen.indexOf("<stream:stream")) < 0) {
                int n = in.read(buffer);
                if (n < 0) {
                    return;
                }
                seen.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
            out.write(("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'"
                    + " from='example.test' id='s1' version='1.0'><stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
                    + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>").getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (in.read(buffer) >= 0) {
                // Read and ignore everything, our closing tag included.
            }
        } catch (java.io.IOException e) {
            // The client went away: the test is over.
        }
    }
}
