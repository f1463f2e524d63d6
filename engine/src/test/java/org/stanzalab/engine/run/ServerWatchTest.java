package org.stanzalab.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

class ServerWatchTest {

    private static Target target(int port) {
        return new Target("example.test", "127.0.0.1", port, TlsMode.STARTTLS, Trust.insecure(), Timeouts.defaults());
    }

    @Test
    void aListeningServerIsReachable() throws Exception {
        try (ServerSocket server = new ServerSocket(0)) {
            List<String> said = new ArrayList<>();
            ServerWatch watch = new ServerWatch(target(server.getLocalPort()), said::add);
            assertTrue(watch.confirmReachable());
            assertFalse(watch.isGone());
            assertTrue(said.isEmpty());
        }
    }

    @Test
    void aServerThatWentAwayIsAnnouncedOnceAndStaysGone() throws Exception {
        int port;
        try (ServerSocket server = new ServerSocket(0)) {
            port = server.getLocalPort();
        }
        List<String> said = new ArrayList<>();
        ServerWatch watch = new ServerWatch(target(port), said::add);

        assertFalse(watch.confirmReachable());
        assertFalse(watch.confirmReachable());

        assertTrue(watch.isGone());
        assertEquals(1, said.size(), "announced exactly once: " + said);
        assertTrue(said.get(0).contains("127.0.0.1:" + port), said.get(0));
    }
}
