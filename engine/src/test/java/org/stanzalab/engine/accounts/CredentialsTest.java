package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class CredentialsTest {

    @Test
    void parsesUserAndPasswordWithColonsInPassword() {
        Credentials c = Credentials.parse("admin:pa:ss:word");
        assertEquals("admin", c.username());
        assertEquals("pa:ss:word", c.password());
    }

    @Test
    void dropsTheDomainOfAFullAddress() {
        assertEquals("alice", Credentials.parse("alice@example.org:pw12").username());
    }

    @Test
    void neverPrintsThePassword() {
        Credentials c = Credentials.parse("alice:topsecret99");
        assertFalse(c.toString().contains("topsecret99"));
    }

    @Test
    void rejectsMissingParts() {
        assertThrows(IllegalArgumentException.class, () -> Credentials.parse("alice"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.parse(":pw"));
        assertThrows(IllegalArgumentException.class, () -> Credentials.parse("alice:"));
    }
}
