package org.stanzalab.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TestResult;

/** The cross-domain results of a run, per way across the federation (first server to second, then back). */
public final class Ways {
    private Ways() {
    }

    /** The tests of each way, first-to-second first; empty for a run without cross-domain cases. */
    public static Map<CrossDomain.Way, List<TestResult>> tests(RunResult run) {
        Map<CrossDomain.Way, List<TestResult>> ways = new LinkedHashMap<>();
        if (run.servers() != null && run.servers().size() >= 2) {
            String first = run.servers().get(0).domain();
            String second = run.servers().get(1).domain();
            ways.put(new CrossDomain.Way(first, second), new ArrayList<>());
            ways.put(new CrossDomain.Way(second, first), new ArrayList<>());
        }
        List<TestResult> tests = run.tests() == null ? List.of() : run.tests();
        for (TestResult test : tests) {
            CrossDomain.way(test.id(), run.servers()).ifPresent(way -> ways.get(way).add(test));
        }
        ways.values().removeIf(List::isEmpty);
        return ways;
    }

    /** The verdict counts of each way. */
    public static Map<CrossDomain.Way, Summary> of(RunResult run) {
        Map<CrossDomain.Way, Summary> summaries = new LinkedHashMap<>();
        tests(run).forEach((way, tests) -> summaries.put(way, Summary.of(tests, 0)));
        return summaries;
    }
}
