package org.stanzalab.report.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;

/**
 * What changed, test by test, between an older and a newer run. Tests are matched by id.
 * <ul>
 * <li>new failure: passed, impossible or absent before, failed now</li>
 * <li>new error: anything else before (also failed or absent), error now</li>
 * <li>newly impossible: passed before, impossible now; the server lost a feature the test needs</li>
 * <li>new pass: failed, error or impossible before, passed now</li>
 * <li>other: error → failed, failed → impossible, error → impossible</li>
 * <li>added: absent before, passed or impossible now (absent → failed/error is a new failure/error)</li>
 * <li>removed: in the older run only, whatever its verdict (a different selection is not a regression)</li>
 * </ul>
 * A <em>regression</em> is a new failure, a new error or a newly impossible test.
 */
public final class Comparison {

    /** The identity of one compared run. */
    public record Side(String startedAt, TargetInfo target, Summary summary) {
        static Side of(RunResult run) {
            return new Side(run.startedAt(), run.target(), run.summary());
        }
    }

    private final Side older;
    private final Side newer;
    private final List<Change> changes;
    private final int unchanged;

    private Comparison(Side older, Side newer, List<Change> changes, int unchanged) {
        this.older = older;
        this.newer = newer;
        this.changes = List.copyOf(changes);
        this.unchanged = unchanged;
    }

    public static Comparison of(RunResult older, RunResult newer) {
        Map<String, TestResult> before = byId(older.tests());
        Map<String, TestResult> after = byId(newer.tests());
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        List<Change> changes = new ArrayList<>();
        int unchanged = 0;
        for (String id : ids) {
            TestResult was = before.get(id);
            TestResult now = after.get(id);
            if (was != null && was.leftOutByAccounts() || now != null && now.leftOutByAccounts()) {
                // Left out by one run's reused accounts: no verdict on the server to compare.
                continue;
            }
            ChangeKind kind = ChangeKind.classify(outcome(was), outcome(now));
            if (kind == null) {
                unchanged++;
                continue;
            }
            TestResult described = now != null ? now : was;
            changes.add(new Change(id, kind, outcome(was), outcome(now), described.spec(),
                    now == null ? null : now.reason(), now != null && now.isSecurityFailure()));
        }
        changes.sort(Comparator.comparing(Change::kind).thenComparing(Change::id));
        return new Comparison(Side.of(older), Side.of(newer), changes, unchanged);
    }

    /** Every change, grouped by kind (in the order of {@link ChangeKind}) and sorted by id within a kind. */
    public List<Change> changes() {
        return changes;
    }

    public List<Change> changes(ChangeKind kind) {
        return changes.stream().filter(c -> c.kind() == kind).toList();
    }

    /** The changes of each kind that has any, in the order of {@link ChangeKind}. */
    public Map<ChangeKind, List<Change>> groups() {
        Map<ChangeKind, List<Change>> groups = new EnumMap<>(ChangeKind.class);
        changes.forEach(c -> groups.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c));
        return groups;
    }

    public int count(ChangeKind kind) {
        return (int) changes.stream().filter(c -> c.kind() == kind).count();
    }

    public List<Change> regressions() {
        return changes.stream().filter(c -> c.kind().isRegression()).toList();
    }

    public boolean hasRegression() {
        return !regressions().isEmpty();
    }

    /** True when any test's verdict differs, including tests that only one of the runs has. */
    public boolean hasChange() {
        return !changes.isEmpty();
    }

    /** Tests in both runs with the same verdict. */
    public int unchanged() {
        return unchanged;
    }

    public Side older() {
        return older;
    }

    public Side newer() {
        return newer;
    }

    /** "2 regressions, 1 new pass, 0 other changes, 0 added, 855 removed, 40 unchanged". */
    public String summaryLine() {
        return plural(regressions().size(), "regression", "regressions") + ", "
                + plural(count(ChangeKind.NEW_PASS), "new pass", "new passes") + ", "
                + plural(count(ChangeKind.OTHER), "other change", "other changes") + ", "
                + count(ChangeKind.ADDED) + " added, "
                + count(ChangeKind.REMOVED) + " removed, "
                + unchanged + " unchanged";
    }

    private static String plural(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static Outcome outcome(TestResult test) {
        return test == null ? null : test.outcome();
    }

    /** A run should not hold an id twice; if one does, its first verdict counts. */
    private static Map<String, TestResult> byId(List<TestResult> tests) {
        Map<String, TestResult> map = new LinkedHashMap<>();
        for (TestResult t : tests) {
            map.putIfAbsent(t.id(), t);
        }
        return map;
    }
}
