package org.stanzalab.engine.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Level;
import org.stanzalab.engine.Spec;
import org.stanzalab.model.SpecRef;

/** The result model's requirement carries everything the annotation says, the security mark included. */
class SpecRefsTest {

    @Spec(document = "RFC 6120", section = "6.5.6", level = Level.MUST, securityRelevant = true,
          requirement = "another user's authzid is refused")
    void securityRelevant() {
    }

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.2", level = Level.SHOULD, requirement = "ping is answered")
    void ordinary() {
    }

    @Test
    void theSecurityMarkIsCarriedOver() throws NoSuchMethodException {
        SpecRef spec = SpecRefs.of(getClass().getDeclaredMethod("securityRelevant")).orElseThrow();

        assertTrue(spec.securityRelevant());
        assertEquals("RFC 6120 §6.5.6 (MUST)", spec.citation());
    }

    @Test
    void aRequirementIsNotSecurityRelevantUnlessMarked() throws NoSuchMethodException {
        SpecRef spec = SpecRefs.of(getClass().getDeclaredMethod("ordinary")).orElseThrow();

        assertFalse(spec.securityRelevant());
        assertEquals("2.0.1", spec.version());
    }
}
