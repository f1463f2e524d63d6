package org.stanzalab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class CrossDomainTest {
    private static final List<TargetInfo> PAIR = List.of(new TargetInfo("prosody", "prosody.test", "127.0.0.1", 5222, "starttls", "ca"),
            new TargetInfo("ejabberd", "ejabberd.test", "127.0.0.2", 5222, "starttls", "ca"));

    @Test
    void theCaseKeyAndTheRunsServerOrderGiveTheDirection() {
        assertEquals("prosody.test -> ejabberd.test",
                CrossDomain.way("federation.rfc6120.X.m[first-to-second]", PAIR).orElseThrow().label());
        assertEquals("ejabberd.test -> prosody.test",
                CrossDomain.way("federation.rfc6120.X.m[second-to-first]", PAIR).orElseThrow().label());
        assertEquals("ejabberd.test -> prosody.test",
                CrossDomain.way("federation.rfc6120.X.m[second-to-first-chat]", PAIR).orElseThrow().label(), "a key with more after it");
        assertEquals("ejabberd.test -> prosody.test",
                CrossDomain.way("federation.rfc6120.X.m[first-to-second]", List.of(PAIR.get(1), PAIR.get(0))).orElseThrow().label(),
                "the other server order turns it round");
    }

    @Test
    void noDirectionWhereThereIsNone() {
        assertTrue(CrossDomain.way("rfc6120.X.m[first-to-second]", PAIR).isEmpty(), "not a cross-domain test");
        assertTrue(CrossDomain.way("federation.rfc6120.X.m[chat]", PAIR).isEmpty(), "no direction in the key");
        assertTrue(CrossDomain.way("federation.rfc6120.X.m[first-to-secondary]", PAIR).isEmpty(), "a longer word is not the key");
        assertTrue(CrossDomain.way("federation.rfc6120.X.m[first-to-second]", PAIR.subList(0, 1)).isEmpty(), "one server");
    }

    @Test
    void bothDirectionsShareARow() {
        assertEquals("federation.a.B.c", CrossDomain.withoutDirection("federation.a.B.c[first-to-second]"));
        assertEquals("federation.a.B.c", CrossDomain.withoutDirection("federation.a.B.c[second-to-first]"));
        assertEquals("federation.a.B.c[chat]", CrossDomain.withoutDirection("federation.a.B.c[second-to-first-chat]"));
        assertEquals("rfc6120.A.b[first-to-second]", CrossDomain.withoutDirection("rfc6120.A.b[first-to-second]"));
    }
}
