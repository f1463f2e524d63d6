package org.stanzalab.engine.target;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** --sasl: which mechanisms ordinary logins may use, for Smack and for the wire driver. */
class SaslChoiceTest {

    @Test
    void namesAreCheckedAndTakenInCapitalsInTheGivenOrder() {
        assertEquals(List.of("SCRAM-SHA-1", "PLAIN"), SaslChoice.of(List.of("scram-sha-1", "PLAIN", "plain")).mechanisms());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> SaslChoice.of(List.of("NOPE")));
        assertTrue(unknown.getMessage().startsWith("--sasl NOPE: unknown SASL mechanism"), unknown.getMessage());
    }

    @Test
    void aChoiceSmackCannotUseAtAllIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SaslChoice.of(List.of("SCRAM-SHA-256")));
        assertTrue(e.getMessage().contains("Smack"), e.getMessage());
        assertEquals(List.of("SCRAM-SHA-1"), SaslChoice.of(List.of("SCRAM-SHA-256", "SCRAM-SHA-1")).forSmack());
    }

    @Test
    void theWireDriverTakesTheFirstChosenMechanismTheServerOffers() {
        List<String> offered = List.of("SCRAM-SHA-1", "PLAIN", "DIGEST-MD5");
        assertEquals(Optional.of("PLAIN"), SaslChoice.any().forWire(offered), "unrestricted: PLAIN, as before");
        assertEquals(Optional.of("SCRAM-SHA-256"), SaslChoice.any().forWire(List.of("SCRAM-SHA-256", "SCRAM-SHA-1")));
        assertEquals(Optional.of("SCRAM-SHA-1"), SaslChoice.of(List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN")).forWire(offered));
        assertEquals(Optional.empty(), SaslChoice.of(List.of("SCRAM-SHA-1")).forWire(List.of("PLAIN")));
        assertFalse(SaslChoice.of(List.of("DIGEST-MD5")).wireCapable());
    }
}
