package org.stanzalab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class TestIdTest {

    @Test
    void idsStartBelowTheSuitesPackageAndCarryTheCaseKey() {
        assertEquals("rfc6121.Routing.toBareJid", TestId.of("org.stanzalab.suites.rfc6121.Routing", "toBareJid", null));
        assertEquals("rfc6121.Routing.Inner.x[chat-one]", TestId.of("org.stanzalab.suites.rfc6121.Routing$Inner", "x", "chat-one"));
    }

    @Test
    void aCaseIsNamedByItsKeyUnlessJUnitNamedItByNumber() {
        assertEquals("chat-one", TestId.caseKey("chat-one", "1"));
        assertEquals("4", TestId.caseKey("[4] chat, 1", "4"));
    }

    @Test
    void aPlainPatternSelectsTheMethodItsCasesAndTheClassMembersButNotLongerNames() {
        var method = List.of(TestId.glob("rfc6121.Routing.toBareJid"));
        assertTrue(TestId.selected("rfc6121.Routing.toBareJid", method, List.of()));
        assertTrue(TestId.selected("rfc6121.Routing.toBareJid[chat-one]", method, List.of()));
        assertFalse(TestId.selected("rfc6121.Routing.toBareJidTwice", method, List.of()));
        assertTrue(TestId.selected("rfc6121.Routing.x", List.of(TestId.glob("rfc6121.routing")), List.of()));
    }

    @Test
    void globsSelectSingleCasesAndExcludesWin() {
        var chat = List.of(TestId.glob("*[chat-*"));
        assertTrue(TestId.selected("rfc6121.Routing.toBareJid[chat-one]", chat, List.of()));
        assertFalse(TestId.selected("rfc6121.Routing.toBareJid[headline-one]", chat, List.of()));
        assertFalse(TestId.selected("rfc6121.Routing.toBareJid[chat-one]", chat, TestId.globs("*one]\n")));
    }
}
