package org.stanzalab.engine.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustTest {

    @Test
    void pinMustBeASha256Fingerprint() {
        assertThrows(IllegalArgumentException.class, () -> Trust.pinned("abc"));
        Trust pinned = Trust.pinned("AB:".repeat(31) + "AB");
        assertFalse(pinned.verifyHostname(), "a pin names the certificate, so no name check is added");
        assertFalse(pinned.isInsecure());
    }

    @Test
    void insecureTrustSaysSo() {
        Trust insecure = Trust.insecure();
        assertTrue(insecure.isInsecure());
        assertTrue(insecure.toString().startsWith("INSECURE"));
    }

    @Test
    void unreadableOrEmptyCaFileIsAClearError(@TempDir Path dir) throws Exception {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> Trust.caFile(dir.resolve("nope.crt")));
        assertTrue(missing.getMessage().contains("not readable"), missing.getMessage());
        Path garbage = Files.writeString(dir.resolve("garbage.crt"), "not a certificate");
        assertThrows(IllegalArgumentException.class, () -> Trust.caFile(garbage));
    }

    @Test
    void tlsModesParseFromTheirFlagValues() {
        assertEquals(TlsMode.STARTTLS, TlsMode.parse("starttls"));
        assertEquals(TlsMode.DIRECT, TlsMode.parse("direct"));
        assertEquals(TlsMode.NONE, TlsMode.parse("NONE"));
        assertThrows(IllegalArgumentException.class, () -> TlsMode.parse("ssl3"));
    }
}
