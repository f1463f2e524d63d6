package org.stanzalab.engine.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The peer-ca setting: CERT.pem:KEY.pem, relative to the run's home, both files readable. */
class FederationTest {
    @TempDir
    Path dir;

    @Test
    void peerCaNamesCertificateAndKeyRelativeToHome() throws Exception {
        Files.writeString(dir.resolve("ca.crt"), "x");
        Files.writeString(dir.resolve("ca.key"), "x");

        Federation federation = Federation.defaults().withPeerCa("ca.crt:ca.key", dir);

        assertEquals(dir.resolve("ca.crt"), federation.peerCaCertificate().orElseThrow());
        assertEquals(dir.resolve("ca.key"), federation.peerCaKey().orElseThrow());
        assertEquals("127.0.0.3", federation.toolAddress());
        assertEquals(5269, federation.s2sPort());
    }

    @Test
    void badPeerCaSettingsAreRefusedWithAReason() {
        IllegalArgumentException noKey = assertThrows(IllegalArgumentException.class,
                () -> Federation.defaults().withPeerCa("ca.crt", dir));
        assertTrue(noKey.getMessage().contains("CERT.pem:KEY.pem"), noKey.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> Federation.defaults().withPeerCa("nothing.crt:nothing.key", dir));
        assertTrue(missing.getMessage().contains("cannot read"), missing.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Federation.defaults().withS2sPorts(70000, OptionalInt.empty()));
    }
}
