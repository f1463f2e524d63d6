package org.stanzalab.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

/**
 * A run's failures as the distinct problems a server developer works through: one test method and one cause. The
 * cause is the first line of the reason with what differs from case to case taken out (quoted values, JIDs,
 * numbers, generated ids and asides in parentheses that cite nothing), so the twenty cases of one parameterised test that the server gets wrong the same
 * way are one problem, and those it gets wrong another way another.
 */
public final class Problems {
    /**
     * @param method   the test method's id (a parameterised test's id without its case)
     * @param cause    the normalised first line of the reason the cases share
     * @param example  the first case's own first line without the citation, for a reader
     * @param cases    the failures, in id order
     */
    public record Problem(String method, SpecRef spec, boolean securityRelevant, String cause, String example,
                          List<TestResult> cases) {
    }

    private static final int CAUSE_CHARS = 240;
    private static final Pattern QUOTED = Pattern.compile("'[^'\\n]*'|\"[^\"\\n]*\"");
    private static final Pattern JID = Pattern.compile("[^\\s'\"<>@/()\\[\\]]+@[^\\s'\"<>/()\\[\\]]+(/[^\\s'\"<>()]*)?");
    private static final Pattern GENERATED = Pattern.compile("\\b(?=[0-9a-fA-F-]*\\d)[0-9a-fA-F]+(-[0-9a-fA-F]+)*\\b");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    /** Asides such as "(two-equal, id route-#)" name the case; those that cite a section stay. */
    private static final Pattern ASIDE = Pattern.compile("\\([^()§]*\\)");

    private Problems() {
    }

    /** The failures grouped into problems: security-relevant first, then by level (MUST first), then most cases. */
    public static List<Problem> of(List<TestResult> tests) {
        Map<String, List<TestResult>> groups = new LinkedHashMap<>();
        tests.stream().filter(t -> t.outcome() == Outcome.FAILED).sorted(Comparator.comparing(TestResult::id))
                .forEach(t -> groups.computeIfAbsent(method(t.id()) + "\n" + cause(t.reason()), k -> new ArrayList<>()).add(t));
        List<Problem> problems = new ArrayList<>();
        groups.forEach((key, cases) -> {
            TestResult first = cases.get(0);
            problems.add(new Problem(method(first.id()), first.spec(), cases.stream().anyMatch(TestResult::isSecurityFailure),
                    key.substring(key.indexOf('\n') + 1), withoutCitation(first.spec(), firstLine(first.reason())), List.copyOf(cases)));
        });
        problems.sort(Comparator.comparing((Problem p) -> !p.securityRelevant())
                .thenComparing(p -> p.spec() == null || p.spec().level() == null ? Level.values().length : p.spec().level().ordinal())
                .thenComparing(p -> -p.cases().size())
                .thenComparing(Problem::method));
        return problems;
    }

    /** "xep0045.Rooms.x[case]" -> "xep0045.Rooms.x". */
    public static String method(String id) {
        int bracket = id.indexOf('[');
        return bracket < 0 ? id : id.substring(0, bracket);
    }

    /** The first line of a reason with case-specific values replaced, so that equal causes compare equal. */
    public static String cause(String reason) {
        String line = firstLine(reason);
        line = QUOTED.matcher(line).replaceAll("'…'");
        line = JID.matcher(line).replaceAll("JID");
        line = GENERATED.matcher(line).replaceAll("#");
        line = NUMBER.matcher(line).replaceAll("#");
        line = ASIDE.matcher(line).replaceAll("(…)");
        return line.length() > CAUSE_CHARS ? line.substring(0, CAUSE_CHARS) + "…" : line;
    }

    /** "ejabberd.test: 105 failures, 31 problems". */
    public static String headline(String domain, List<TestResult> tests, List<Problem> problems) {
        long failures = tests.stream().filter(t -> t.outcome() == Outcome.FAILED).count();
        return domain + ": " + failures + (failures == 1 ? " failure, " : " failures, ") + problems.size()
                + (problems.size() == 1 ? " problem" : " problems");
    }

    private static String withoutCitation(SpecRef spec, String line) {
        return spec != null && line.startsWith(spec.citation() + ":") ? line.substring(spec.citation().length() + 1).strip() : line;
    }

    private static String firstLine(String reason) {
        return reason == null ? "(no reason recorded)" : reason.lines().findFirst().orElse("").strip();
    }
}
