package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Level;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * Not a suite: the smallest test that needs two servers, run by {@link TwoDomainsTest} through the engine's Runner.
 * Its name keeps Surefire from running it on its own, without a run.
 */
@StanzalabTest
class OneUserOnEachDomain {

    @Test
    @Spec(document = "RFC 6120", section = "4.1", level = Level.MUST,
            requirement = "A server accepts client streams for its own domain, whatever other servers there are.")
    void eachServerLogsInItsOwnUser(Lab lab) {
        String other = lab.domains().get(1);
        try (Session here = lab.newUser().connect(); Session there = lab.domain(other).newUser().connect()) {
            assertAll(
                    () -> assertEquals(lab.domain(), here.bareJid().getDomain().toString(), "primary user's domain"),
                    () -> assertEquals(other, there.bareJid().getDomain().toString(), "second user's domain"));
        }
    }
}
