package org.stanzalab.suites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestCases;

/**
 * The build fails when a compliance test does not say which requirement it checks, or says it badly.
 * Runs as a unit test of the suites module, so 'mvn test' catches it before any server is involved.
 */
class SpecMetadataTest {
    private static final Pattern DOCUMENT = Pattern.compile("RFC \\d{3,5}|XEP-\\d{4}");
    private static final Pattern SECTION = Pattern.compile("\\d+(\\.\\d+)*|[A-Z](\\.\\d+)*");

    /** Every compliance test method in the suites, once each. */
    static List<Method> complianceTests() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.stanzalab.suites"))
                .build());
        List<Method> methods = new ArrayList<>();
        Set<Method> seen = new HashSet<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .map(MethodSource::getJavaMethod)
                        .filter(m -> m.getDeclaringClass().isAnnotationPresent(StanzalabTest.class))
                        .filter(seen::add)
                        .ifPresent(methods::add);
            }
        }
        return methods;
    }

    @Test
    void everyComplianceTestCitesItsRequirement() {
        List<Method> tests = complianceTests();
        assertFalse(tests.isEmpty(), "no compliance tests were discovered");
        List<String> problems = new ArrayList<>();
        for (Method m : tests) {
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            Spec spec = m.getAnnotation(Spec.class);
            if (spec == null) {
                problems.add(name + ": no @Spec");
                continue;
            }
            if (!DOCUMENT.matcher(spec.document()).matches()) {
                problems.add(name + ": document '" + spec.document() + "' is not written like 'RFC 6120' or 'XEP-0030'");
            }
            if (!SECTION.matcher(spec.section()).matches()) {
                problems.add(name + ": section '" + spec.section() + "' is not a section number");
            }
            if (spec.requirement().strip().length() < 20) {
                problems.add(name + ": the requirement needs to be said in words");
            }
            if (spec.document().startsWith("XEP") && spec.version().isBlank()) {
                problems.add(name + ": a XEP citation needs the XEP version it was written against");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Lists, selections and expected verdicts name each case up front, so its key must be knowable and tidy. */
    @Test
    void everyParameterisedTestNamesItsCasesUpFront() {
        List<String> problems = new ArrayList<>();
        for (Method m : complianceTests()) {
            if (!TestCases.isParameterised(m)) {
                continue;
            }
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            try {
                List<String> keys = TestCases.keys(m);
                Set<String> unique = new HashSet<>();
                for (String key : keys) {
                    if (!key.matches(TestCases.KEY_PATTERN)) {
                        problems.add(name + ": case key '" + key + "' must match " + TestCases.KEY_PATTERN);
                    }
                    if (!unique.add(key)) {
                        problems.add(name + ": case key '" + key + "' is used twice");
                    }
                }
                if (keys.isEmpty()) {
                    problems.add(name + ": no cases");
                }
            } catch (IllegalStateException e) {
                problems.add(e.getMessage());
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    @Test
    void everySuiteClassUsesTheStanzalabExtension() {
        TestPlan plan = LauncherFactory.create().discover(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage("org.stanzalab.suites")).build());
        List<String> unmarked = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier id : plan.getDescendants(root)) {
                id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                        .map(MethodSource::getJavaClass)
                        .filter(c -> c.getPackageName().startsWith("org.stanzalab.suites.") && !c.isAnnotationPresent(StanzalabTest.class))
                        .filter(c -> !isUnitTest(c))
                        .ifPresent(c -> unmarked.add(c.getName()));
            }
        }
        assertTrue(unmarked.isEmpty(), "suite classes without @StanzalabTest: " + unmarked);
    }

    /** A unit test of a suite's helpers lives beside this class, in the module's test classes, not among the suites. */
    private static boolean isUnitTest(Class<?> c) {
        return c.getProtectionDomain().getCodeSource().getLocation()
                .equals(SpecMetadataTest.class.getProtectionDomain().getCodeSource().getLocation());
    }
}
