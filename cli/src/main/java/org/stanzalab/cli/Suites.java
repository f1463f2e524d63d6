package org.stanzalab.cli;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.time.Duration;
import java.util.List;

import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Finds and runs the compliance suites through the JUnit Platform Launcher. */
final class Suites {
    static final String PACKAGE = "org.stanzalab.suites";

    private Suites() {
    }

    static LauncherDiscoveryRequestBuilder request(SelectionOptions selection) {
        return LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(PACKAGE))
                .filters(new TestSelection(selection))
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

    static List<TestIdentifier> discover(SelectionOptions selection) {
        return tests(plan(request(selection).build()));
    }

    static List<TestIdentifier> tests(TestPlan plan) {
        return plan.getRoots().stream()
                .flatMap(root -> plan.getDescendants(root).stream())
                .filter(TestIdentifier::isTest)
                .toList();
    }

    static TestPlan plan(LauncherDiscoveryRequest request) {
        return LauncherFactory.create().discover(request);
    }

    /** Runs a plan discovered by {@link #plan}, so the suites are scanned once per run. */
    static void execute(TestPlan plan, TestExecutionListener... listeners) {
        LauncherFactory.create().execute(plan, listeners);
    }
}
