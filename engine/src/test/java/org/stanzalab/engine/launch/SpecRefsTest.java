package org.stanzalab.engine.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.stanzalab.engine.Level;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

/** The result model gets the requirement as the annotation states it, and a failure's security mark from the test. */
class SpecRefsTest {

    @Test
    void theRequirementIsCarriedOver() throws NoSuchMethodException {
        SpecRef spec = SpecRefs.of(Fixture.class.getDeclaredMethod("wrongConditionForAForgedLogin")).orElseThrow();

        assertEquals("RFC 6120 §6.5.6 (MUST)", spec.citation());
        assertEquals("another user's authzid is refused", spec.requirement());
    }

    @Test
    void onlyAFailureThatIsTheBreachItselfIsSecurityRelevant() {
        ResultCollector collector = new ResultCollector(false, result -> { });
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(Fixture.class))
                .configurationParameter("junit.jupiter.conditions.deactivate", "*").build(), collector);

        Map<String, Boolean> marked = collector.results().stream()
                .collect(Collectors.toMap(TestResult::name, TestResult::isSecurityFailure));
        assertEquals(Map.of("wrongConditionForAForgedLogin()", false, "forgedLoginAccepted()", true, "passes()", false), marked);
    }

    /** Run only through the launcher above: surefire leaves nested classes alone. */
    static class Fixture {
        @Spec(document = "RFC 6120", section = "6.5.6", level = Level.MUST, requirement = "another user's authzid is refused")
        @Test
        void wrongConditionForAForgedLogin() {
            throw new ServerFailure("refused, but with <not-authorized/> instead of <invalid-authzid/>");
        }

        @Spec(document = "RFC 6120", section = "6.5.6", level = Level.MUST, requirement = "another user's authzid is refused")
        @Test
        void forgedLoginAccepted() {
            throw new SecurityBreach("alice was bound as bob");
        }

        @Spec(document = "RFC 6120", section = "6.5.6", level = Level.MUST, requirement = "another user's authzid is refused")
        @Test
        void passes() {
        }
    }
}
