package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class GuessableValuesTest {

    @Test
    void countersAreSeenThroughASharedPrefixAndSuffix() {
        assertTrue(GuessableValues.looksLikeACounter(List.of("17", "18", "19")));
        assertTrue(GuessableValues.looksLikeACounter(List.of("res-17", "res-18", "res-19")));
        assertTrue(GuessableValues.looksLikeACounter(List.of("s9x", "s10x", "s11x")));
    }

    @Test
    void valuesTheReferenceServersGenerateAreNotCounters() {
        assertFalse(GuessableValues.looksLikeACounter(List.of("QZrBS0AXef1_", "gCjoxVpr7zj-", "T46g7LqJOdzB")));
        assertFalse(GuessableValues.looksLikeACounter(List.of("489064754752342809816755", "643219089055969827025378")));
        assertFalse(GuessableValues.looksLikeACounter(List.of("a89e3e65-ec67-4a00-bea3-ba49463a759f",
                "64690e66-6dec-4ace-b81e-7387e602675e")));
    }
}
