package org.stanzalab.report.profile;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.ProfileVerdict.RowVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestId;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.Text;

/**
 * Decides a profile from a run's results. A row fails when a MUST-level test of it failed (or any test it holds
 * strictly, see {@link Profile.Row#strict()}), or when all of its tests
 * were impossible (the server lacks what the row requires). It passes when its tests passed, SHOULD- and MAY-level
 * failures noted but not counted against it. It stays undecided when no test of it ran, when tests could not run
 * (errors), or when no test can decide it. The profile fails when any row fails and passes only when all pass.
 */
public final class ProfileJudge {
    private static final String SPEC_PREFIX = "spec:";
    /** How much of a test's reason a row's note quotes. */
    private static final int NOTE_CHARS = 160;

    private ProfileJudge() {
    }

    public static ProfileVerdict judge(Profile profile, List<TestResult> results) {
        List<RowVerdict> rows = profile.rows().stream().map(row -> judge(row, results)).toList();
        RowOutcome verdict = rows.stream().anyMatch(r -> r.verdict() == RowOutcome.FAILED) ? RowOutcome.FAILED
                : rows.stream().allMatch(r -> r.verdict() == RowOutcome.PASSED) ? RowOutcome.PASSED
                : RowOutcome.UNDECIDED;
        return new ProfileVerdict(profile.id(), profile.title(), profile.source(), verdict, rows);
    }

    static RowVerdict judge(Profile.Row row, List<TestResult> results) {
        if (row.undecidable() != null) {
            return verdict(row, RowOutcome.UNDECIDED, List.of(), "no test can decide this: " + row.undecidable());
        }
        if (row.pending() != null) {
            return verdict(row, RowOutcome.UNDECIDED, List.of(), "waits for the suite " + row.pending());
        }
        if (!row.anyOf().isEmpty()) {
            return judgeAlternatives(row, results);
        }
        Predicate<TestResult> strict = matcher(row.strict());
        Predicate<TestResult> selected = matcher(row.tests()).or(strict);
        List<TestResult> mine = results.stream().filter(selected).toList();
        if (mine.isEmpty()) {
            return verdict(row, RowOutcome.UNDECIDED, List.of(), "none of its tests ran (run with --profile to include them)");
        }
        List<TestResult> mustFailures = mine.stream()
                .filter(t -> t.outcome() == Outcome.FAILED && (level(t) == Level.MUST || strict.test(t))).toList();
        List<TestResult> otherFailures = mine.stream()
                .filter(t -> t.outcome() == Outcome.FAILED && level(t) != Level.MUST && !strict.test(t)).toList();
        List<TestResult> errors = of(mine, Outcome.ERROR);
        List<TestResult> passed = of(mine, Outcome.PASSED);
        if (!mustFailures.isEmpty()) {
            return verdict(row, RowOutcome.FAILED, ids(mustFailures), mustFailures.size() + " of " + mine.size()
                    + (row.strict().isEmpty() ? " tests failed a MUST, e.g. " : " tests failed a MUST or a test the row holds strictly, e.g. ") + mustFailures.get(0).id() + ": "
                    + Text.firstLine(mustFailures.get(0).reason(), NOTE_CHARS));
        }
        if (!errors.isEmpty()) {
            return verdict(row, RowOutcome.UNDECIDED, ids(errors), errors.size() + " of " + mine.size() + " tests could not run");
        }
        if (passed.isEmpty() && otherFailures.isEmpty()) {
            List<TestResult> impossible = of(mine, Outcome.IMPOSSIBLE);
            return verdict(row, RowOutcome.FAILED, ids(impossible), "the server lacks what this row requires: "
                    + Text.firstLine(impossible.get(0).reason(), NOTE_CHARS));
        }
        String note = mine.size() + (mine.size() == 1 ? " test: " : " tests: ") + passed.size() + " passed"
                + (otherFailures.isEmpty() ? "" : ", " + otherFailures.size() + " failed a SHOULD or MAY (not held against the row)")
                + (mine.size() - passed.size() - otherFailures.size() > 0
                        ? ", " + (mine.size() - passed.size() - otherFailures.size()) + " impossible" : "");
        return verdict(row, RowOutcome.PASSED, ids(passed), note);
    }

    /** One passing alternative passes the row; it fails only when every alternative failed. */
    private static RowVerdict judgeAlternatives(Profile.Row row, List<TestResult> results) {
        List<RowVerdict> each = row.anyOf().stream().map(tests -> judge(
                new Profile.Row(row.id(), row.title(), row.standards(), tests, null, null), results)).toList();
        for (int i = 0; i < each.size(); i++) {
            if (each.get(i).verdict() == RowOutcome.PASSED) {
                return verdict(row, RowOutcome.PASSED, each.get(i).decidedBy(),
                        "passes by " + String.join(", ", row.anyOf().get(i)) + ": " + each.get(i).note());
            }
        }
        StringBuilder notes = new StringBuilder();
        for (int i = 0; i < each.size(); i++) {
            notes.append(i == 0 ? "" : "; ").append(String.join(", ", row.anyOf().get(i))).append(": ").append(each.get(i).note());
        }
        boolean allFailed = each.stream().allMatch(v -> v.verdict() == RowOutcome.FAILED);
        return verdict(row, allFailed ? RowOutcome.FAILED : RowOutcome.UNDECIDED,
                each.stream().flatMap(v -> v.decidedBy().stream()).toList(),
                (allFailed ? "every alternative failed: " : "no alternative passed: ") + notes);
    }

    /** A test matches a selector "spec:RFC 6120" by its document, or a test glob by its id. */
    public static Predicate<TestResult> matcher(List<String> selectors) {
        Predicate<TestResult> any = t -> false;
        for (String selector : selectors) {
            if (selector.startsWith(SPEC_PREFIX)) {
                String key = SpecRef.normalize(selector.substring(SPEC_PREFIX.length()));
                any = any.or(t -> t.spec() != null && t.spec().documentKey().equals(key));
            } else {
                Pattern glob = TestId.glob(selector);
                any = any.or(t -> glob.matcher(t.id()).matches());
            }
        }
        return any;
    }

    /** The documents named by "spec:" selectors, normalised as --spec takes them. */
    public static List<String> specSelectors(List<String> selectors) {
        return selectors.stream().filter(s -> s.startsWith(SPEC_PREFIX))
                .map(s -> SpecRef.normalize(s.substring(SPEC_PREFIX.length()))).toList();
    }

    /** The selectors that are test ids or globs. */
    public static List<String> testSelectors(List<String> selectors) {
        return selectors.stream().filter(s -> !s.startsWith(SPEC_PREFIX)).toList();
    }

    private static RowVerdict verdict(Profile.Row row, RowOutcome outcome, List<String> decidedBy, String note) {
        return new RowVerdict(row.id(), row.title(), row.standards(), outcome, decidedBy, note);
    }

    private static Level level(TestResult t) {
        return Optional.ofNullable(t.spec()).map(SpecRef::level).orElse(Level.MUST);
    }

    private static List<TestResult> of(List<TestResult> tests, Outcome outcome) {
        return tests.stream().filter(t -> t.outcome() == outcome).toList();
    }

    private static List<String> ids(List<TestResult> tests) {
        return tests.stream().map(TestResult::id).toList();
    }
}
