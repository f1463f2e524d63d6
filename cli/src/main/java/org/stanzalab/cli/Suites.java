package org.stanzalab.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.stanzalab.engine.SpecRef;
import org.stanzalab.engine.TestCases;
import org.stanzalab.engine.TestId;
import org.stanzalab.report.TestIds;

/** Finds and runs the compliance suites through the JUnit Platform Launcher. */
final class Suites {
    static final String PACKAGE = "org.stanzalab.suites";

    private Suites() {
    }

    static LauncherDiscoveryRequestBuilder request(SelectionOptions selection) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(PACKAGE))
                .filters(new TestSelection(selection))
                .configurationParameter(TestId.INCLUDE_PARAMETER, String.join("\n", selection.tests))
                .configurationParameter(TestId.EXCLUDE_PARAMETER, String.join("\n", selection.excludes))
                // Only our tests: no implicit listeners or engines' own config files from the class path.
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false");
    }

    static LauncherDiscoveryRequest executionRequest(SelectionOptions selection, int parallel, Duration testCeiling) {
        return request(selection)
                .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel > 1))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.timeout.default", testCeiling.toMillis() + " ms")
                .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD")
                .build();
    }

    static List<PlannedTest> discover(SelectionOptions selection) {
        return planned(plan(request(selection).build()), selection);
    }

    /** Every selected test of a plan, each case of a parameterised test on its own, in plan order. */
    static List<PlannedTest> planned(TestPlan plan, SelectionOptions selection) {
        TestSelection filter = new TestSelection(selection);
        List<PlannedTest> planned = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            for (TestIdentifier each : plan.getDescendants(root)) {
                MethodSource source = TestIds.methodSource(each).orElse(null);
                if (source == null || !(each.isTest() || TestCases.isParameterised(source.getJavaMethod()))) {
                    continue;
                }
                SpecRef spec = TestIds.spec(each).orElse(null);
                String specKey = spec == null ? "" : spec.documentKey();
                TestSelection.caseIds(source).stream().filter(id -> filter.selected(id, specKey))
                        .forEach(id -> planned.add(new PlannedTest(id, spec)));
            }
        }
        return planned;
    }

    /** A test or one case of a parameterised test, as known before the run; spec is null when @Spec is missing. */
    record PlannedTest(String id, SpecRef spec) {
    }

    static TestPlan plan(LauncherDiscoveryRequest request) {
        return LauncherFactory.create().discover(request);
    }

    /** Runs a plan discovered by {@link #plan}, so the suites are scanned once per run. */
    static void execute(TestPlan plan, TestExecutionListener... listeners) {
        LauncherFactory.create().execute(plan, listeners);
    }
}
