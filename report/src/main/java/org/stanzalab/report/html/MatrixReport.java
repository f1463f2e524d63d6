package org.stanzalab.report.html;

import static org.stanzalab.report.html.Html.escape;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

/**
 * The interop matrix: one row per test (the union of all runs' ids, grouped by specification), one column per run,
 * each cell the verdict as colour and word with the reason as its tooltip. With two runs or more the page opens on
 * the rows where the runs differ, which is what an interop comparison is for; the toggle is pure CSS, so it works
 * without script.
 */
public final class MatrixReport {
    private static final String ABSENT = "absent";

    private final List<RunResult> runs;
    private final List<Map<String, TestResult>> byId = new ArrayList<>();
    private final StringBuilder html = new StringBuilder(1 << 18);

    private MatrixReport(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
        for (RunResult run : runs) {
            Map<String, TestResult> tests = new HashMap<>();
            HtmlReport.tests(run).forEach(t -> tests.putIfAbsent(t.id(), t));
            byId.add(tests);
        }
    }

    public static void write(List<RunResult> runs, Path file) throws IOException {
        MatrixReport matrix = new MatrixReport(runs);
        matrix.render();
        Html.writePage(file, "Stanzalab interop matrix", matrix.html.toString(), "");
    }

    /** Column labels: the target domain, with the start date (or instant) where that alone tells runs apart. */
    static List<String> labels(List<RunResult> runs) {
        List<String> domains = runs.stream().map(HtmlReport::domain).toList();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            String domain = domains.get(i);
            List<RunResult> same = new ArrayList<>();
            for (int j = 0; j < runs.size(); j++) {
                if (domains.get(j).equals(domain)) {
                    same.add(runs.get(j));
                }
            }
            if (same.size() == 1) {
                labels.add(domain);
                continue;
            }
            String date = date(runs.get(i));
            long sameDate = same.stream().filter(r -> date(r).equals(date)).count();
            labels.add(domain + " " + (sameDate > 1 ? HtmlReport.when(runs.get(i).startedAt()) : date));
        }
        return labels;
    }

    private static String date(RunResult run) {
        String at = run.startedAt() == null ? "" : run.startedAt();
        return at.length() >= 10 ? at.substring(0, 10) : at;
    }

    /** Test ids per specification document, each in the order the runs first list it. */
    private Map<String, List<String>> rows() {
        Map<String, TestResult> firstSeen = new LinkedHashMap<>();
        for (RunResult run : runs) {
            HtmlReport.tests(run).forEach(t -> firstSeen.putIfAbsent(t.id(), t));
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        SpecOrder.group(new ArrayList<>(firstSeen.values()))
                .forEach((doc, tests) -> groups.put(doc, tests.stream().map(TestResult::id).toList()));
        return groups;
    }

    /** True when the runs do not all give the same verdict (a test missing from a run counts as different). */
    boolean differs(String id) {
        Set<String> words = new HashSet<>();
        for (Map<String, TestResult> run : byId) {
            TestResult t = run.get(id);
            words.add(t == null ? ABSENT : t.outcome().word());
        }
        return words.size() > 1;
    }

    private void render() {
        List<String> labels = labels(runs);
        Map<String, List<String>> groups = rows();
        int rowCount = groups.values().stream().mapToInt(List::size).sum();
        long differing = groups.values().stream().flatMap(List::stream).filter(this::differs).count();

        html.append("<header class=\"top\"><h1>Stanzalab interop matrix</h1>\n<p class=\"overall o-")
                .append(differing == 0 ? "passed" : "failed").append("\" id=\"overall\"><strong>").append(differing)
                .append("</strong> of ").append(rowCount).append(" tests differ between the ").append(runs.size())
                .append(" runs.</p>\n<dl class=\"facts\">");
        for (int i = 0; i < runs.size(); i++) {
            RunResult run = runs.get(i);
            html.append("<div><dt>").append(escape(labels.get(i))).append("</dt><dd>")
                    .append(escape(run.target() == null ? "" : run.target().host() + ":" + run.target().port()))
                    .append(", started ").append(escape(HtmlReport.when(run.startedAt()))).append("</dd></div>");
        }
        html.append("</dl></header>\n");
        html.append("<input type=\"checkbox\" id=\"only-diff\"").append(runs.size() >= 2 ? " checked" : "")
                .append("><label class=\"toggle\" for=\"only-diff\">Only rows where the runs differ (").append(differing).append(")</label>\n");
        html.append("<p class=\"note\">Hover a cell (or focus it) for the reason of its verdict. A test missing from a run"
                + " shows as <em>absent</em> and counts as a difference.</p>\n<main>\n<table class=\"matrix\"><thead><tr>"
                + "<th scope=\"col\">Test</th><th scope=\"col\" class=\"col-sec\">Section</th>");
        for (String label : labels) {
            html.append("<th scope=\"col\" class=\"cell\">").append(escape(label)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int columns = 2 + runs.size();
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            boolean groupDiffers = group.getValue().stream().anyMatch(this::differs);
            html.append("<tr class=\"").append(groupDiffers ? "differ" : "same").append(" grouprow\"><th class=\"group\" colspan=\"")
                    .append(columns).append("\" scope=\"colgroup\">").append(escape(group.getKey())).append("</th></tr>\n");
            for (String id : group.getValue()) {
                row(id);
            }
        }
        html.append("</tbody>\n<tfoot>");
        for (Outcome o : Outcome.values()) {
            html.append("<tr><th scope=\"row\" colspan=\"2\">").append(o.word()).append("</th>");
            for (Map<String, TestResult> run : byId) {
                long n = run.values().stream().filter(t -> t.outcome() == o).count();
                html.append("<td class=\"cell\"><span class=\"b b-").append(o.word()).append("\">").append(n).append("</span></td>");
            }
            html.append("</tr>");
        }
        html.append("<tr><th scope=\"row\" colspan=\"2\">tests run</th>");
        byId.forEach(run -> html.append("<td class=\"cell\">").append(run.size()).append("</td>"));
        html.append("</tr></tfoot></table>\n</main>\n");
    }

    private void row(String id) {
        SpecRef spec = null;
        for (Map<String, TestResult> run : byId) {
            TestResult t = run.get(id);
            if (t != null && t.spec() != null) {
                spec = t.spec();
                break;
            }
        }
        html.append("<tr class=\"").append(differs(id) ? "differ" : "same").append("\"><th scope=\"row\"><code>")
                .append(escape(id)).append("</code></th><td>").append(spec == null ? "" : "§" + escape(spec.section()))
                .append("</td>");
        for (Map<String, TestResult> run : byId) {
            TestResult t = run.get(id);
            String word = t == null ? ABSENT : t.outcome().word();
            String title = t == null ? "this run has no such test" : t.reason() == null ? word : t.reason();
            html.append("<td class=\"cell\" title=\"").append(escape(title)).append("\"><span class=\"b b-").append(word)
                    .append("\" tabindex=\"0\">").append(word).append("</span></td>");
        }
        html.append("</tr>\n");
    }
}
