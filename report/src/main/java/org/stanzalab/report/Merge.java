package org.stanzalab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stanzalab.model.Distress;
import org.stanzalab.model.Interruption;
import org.stanzalab.model.LeftAccount;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TestResult;

/**
 * Joins partial runs of one server (a suite split by hand, or a run interrupted and then finished) into one run.
 * A test that ran more than once keeps the verdict of the run that started later; when the verdicts differ the
 * merged run says so in a notice, since a verdict that changes between runs is worth a look.
 */
public final class Merge {
    private Merge() {
    }

    /** The runs must be of one server (the caller checks); their order does not matter, their start times do. */
    public static RunResult of(List<RunResult> runs) {
        if (runs.isEmpty()) {
            throw new IllegalArgumentException("nothing to merge");
        }
        // Stable: runs that started in the same second keep the order they were given in.
        List<RunResult> byStart = runs.stream().sorted(Comparator.comparing(r -> r.startedAt() == null ? "" : r.startedAt())).toList();
        Map<String, TestResult> tests = new LinkedHashMap<>();
        Set<String> notices = new LinkedHashSet<>();
        List<String> changed = new ArrayList<>();
        Set<String> notRun = new LinkedHashSet<>();
        Set<LeftAccount> left = new LinkedHashSet<>();
        double wall = 0;
        double fixedWaits = 0;
        int retries = 0;
        Integer from = null;
        Integer to = null;
        java.util.Map<String, org.stanzalab.model.PortPosture> ports = new java.util.LinkedHashMap<>();
        for (RunResult run : byStart) {
            for (TestResult test : run.tests()) {
                TestResult before = tests.put(test.id(), test);
                if (before != null && before.outcome() != test.outcome()) {
                    changed.add(test.id() + " (" + before.outcome().word() + " -> " + test.outcome().word() + ")");
                }
            }
            notices.addAll(run.notices());
            notRun.addAll(run.notRun());
            left.addAll(run.leftAccounts());
            run.ports().forEach(port -> ports.put(port.server() + " " + port.port(), port));   // a later scan of a port wins
            if (run.summary() != null) {
                wall += run.summary().wallSeconds();
                fixedWaits += run.summary().fixedWaitSeconds();
            }
            Distress d = run.distress();
            if (d != null) {
                retries += d.setUpRetries();
                from = from == null ? d.parallelismFrom() : Math.max(from, d.parallelismFrom());
                to = to == null ? d.parallelismTo() : Math.min(to, d.parallelismTo());
            }
        }
        notRun.removeIf(id -> tests.containsKey(id) || tests.keySet().stream().anyMatch(t -> t.startsWith(id + "[")));
        notices.add("merged from " + runs.size() + " runs started " + byStart.get(0).startedAt() + " to "
                + byStart.get(byStart.size() - 1).startedAt() + "; a test run more than once keeps its later verdict");
        if (!changed.isEmpty()) {
            notices.add(changed.size() + " test(s) ran more than once with different verdicts (the later kept): "
                    + String.join(", ", changed));
        }
        List<TestResult> list = tests.values().stream().sorted(Comparator.comparing(TestResult::id)).toList();
        List<String> stillNotRun = notRun.stream().sorted().toList();
        Interruption interruption = stillNotRun.isEmpty() ? null
                : new Interruption("joined runs left " + stillNotRun.size() + " selected tests without a verdict", stillNotRun);
        RunResult first = byStart.get(0);
        return new RunResult(RunResult.SCHEMA, first.tool(), first.startedAt(), first.target(), first.servers(),
                Summary.of(list, wall).withFixedWaits(fixedWaits), List.copyOf(notices), List.of(), list,
                interruption, from == null ? null : new Distress(retries, from, to), List.copyOf(left), List.copyOf(ports.values()));
    }
}
