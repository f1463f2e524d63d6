package org.stanzalab.report;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.stanzalab.model.TestResult;

/** The final console table: one row per specification with its verdict counts; and the security-relevant failures. */
public final class SpecTable {
    private SpecTable() {
    }

    public static String render(List<TestResult> tests) {
        Map<String, int[]> rows = new TreeMap<>();
        for (TestResult t : tests) {
            String doc = t.spec() == null ? "(no spec)" : t.spec().document();
            int[] c = rows.computeIfAbsent(doc, k -> new int[5]);
            c[0]++;
            c[1 + t.outcome().ordinal()]++;
        }
        StringBuilder sb = new StringBuilder();
        String format = "%-14s %6s %7s %7s %11s %7s%n";
        sb.append(String.format(Locale.ROOT, format, "specification", "tests", "passed", "failed", "impossible", "errors"));
        int[] total = new int[5];
        for (Map.Entry<String, int[]> row : rows.entrySet()) {
            int[] c = row.getValue();
            sb.append(String.format(Locale.ROOT, format, row.getKey(), c[0], c[1], c[2], c[3], c[4]));
            for (int i = 0; i < 5; i++) {
                total[i] += c[i];
            }
        }
        sb.append(String.format(Locale.ROOT, format, "all", total[0], total[1], total[2], total[3], total[4]));
        return sb.toString();
    }

    /**
     * The failures that let one user act as another, read or change another's data, or get past authentication or
     * encryption: a count line and one line per test with its citation; empty when there are none.
     */
    public static String securityFailures(List<TestResult> tests) {
        List<TestResult> failures = tests.stream().filter(TestResult::isSecurityFailure)
                .sorted(Comparator.comparing(TestResult::id)).toList();
        if (failures.isEmpty()) {
            return "";
        }
        StringBuilder sb = new StringBuilder("security-relevant failures: " + failures.size() + System.lineSeparator());
        failures.forEach(t -> sb.append("  ").append(t.id()).append("  ").append(t.spec().citation()).append(System.lineSeparator()));
        return sb.toString();
    }
}
