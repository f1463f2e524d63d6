package org.stanzalab.cli;

import java.util.ArrayList;
import java.util.List;

import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.stanzalab.engine.TestCases;
import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.launch.TestIds;
import org.stanzalab.engine.target.Server;
import org.stanzalab.model.SpecRef;

/** The command line's selection (--spec, --test, --exclude, --profile) on the engine's {@link Runner}. */
final class Suites {
    private Suites() {
    }

    /** A runner over the suites, narrowed to the selection; the caller adds servers and execution settings. */
    static Runner runner(SelectionOptions selection) {
        return Runner.create()
                .filter(new TestSelection(selection))
                .include(selection.tests)
                .exclude(selection.excludes);
    }

    static List<PlannedTest> discover(SelectionOptions selection) {
        return planned(runner(selection).plan(), selection);
    }

    /** What a run against these servers would plan (one server leaves the cross-domain tests out); contacts none. */
    static List<PlannedTest> discover(SelectionOptions selection, List<Server> servers) {
        return planned(runner(selection).servers(servers).plan(), selection);
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
}
