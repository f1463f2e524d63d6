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
import java.util.stream.Collectors;

import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.Ways;

/**
 * The interop matrix: one row per test (the union of all runs' ids, grouped by specification), one column per run,
 * each cell the verdict as colour and word with the reason as its tooltip. With two runs or more the page opens on
 * the rows where the runs differ, which is what an interop comparison is for; the toggle is pure CSS, so it works
 * without script.
 *
 * <p>A run over two servers that federate gives each direction of its cross-domain tests a column of its own
 * ("prosody.test -> ejabberd.test"), their rows being the tests without the direction in the case key; its other
 * tests (of the primary) keep a column named after the primary. A cell whose column cannot hold the row (a
 * cross-domain test in a one-server run's column, or the other way round) is <em>n/a</em>, not a difference.
 */
public final class MatrixReport {
    private static final String ABSENT = "absent";
    private static final String NOT_APPLICABLE = "n/a";

    /**
     * One column: a run, or one direction of a federated run's cross-domain tests.
     *
     * @param way the direction, or null for a column of a run's own (not cross-domain) tests
     */
    record Column(RunResult run, CrossDomain.Way way, Map<String, TestResult> byRow) {
        boolean holds(String row) {
            return CrossDomain.isCrossDomain(row) == (way != null);
        }
    }

    private final List<RunResult> runs;
    private final List<Column> columns = new ArrayList<>();
    private final StringBuilder html = new StringBuilder(1 << 18);

    private MatrixReport(List<RunResult> runs) {
        this.runs = List.copyOf(runs);
        columns.addAll(columns(runs));
    }

    /** The columns of the runs, in order: a run's own column, then one per direction where it has any. */
    static List<Column> columns(List<RunResult> runs) {
        List<Column> columns = new ArrayList<>();
        for (RunResult run : runs) {
            Map<CrossDomain.Way, List<TestResult>> ways = Ways.tests(run);
            Map<String, TestResult> own = new LinkedHashMap<>();
            HtmlReport.tests(run).stream().filter(t -> CrossDomain.way(t.id(), run.servers()).isEmpty())
                    .forEach(t -> own.putIfAbsent(t.id(), t));
            if (!own.isEmpty() || ways.isEmpty()) {
                columns.add(new Column(run, null, own));
            }
            ways.forEach((way, tests) -> {
                Map<String, TestResult> byRow = new LinkedHashMap<>();
                tests.forEach(t -> byRow.putIfAbsent(CrossDomain.withoutDirection(t.id()), t));
                columns.add(new Column(run, way, byRow));
            });
        }
        return columns;
    }

    public static void write(List<RunResult> runs, Path file) throws IOException {
        MatrixReport matrix = new MatrixReport(runs);
        matrix.render();
        Html.writePage(file, "Stanzalab interop matrix", matrix.html.toString(), "");
    }

    /** Column labels of runs, one column each: see {@link #columnLabels}. */
    static List<String> labels(List<RunResult> runs) {
        return columnLabels(runs.stream().map(run -> new Column(run, null, Map.of())).toList());
    }

    /**
     * Column labels: the target domain, or the direction ("prosody.test -> ejabberd.test"), with the start date (or
     * instant) where that alone tells columns apart.
     */
    static List<String> columnLabels(List<Column> columns) {
        List<String> names = columns.stream().map(c -> c.way() == null ? HtmlReport.domain(c.run()) : c.way().label()).toList();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            String name = names.get(i);
            List<RunResult> same = new ArrayList<>();
            for (int j = 0; j < columns.size(); j++) {
                if (names.get(j).equals(name)) {
                    same.add(columns.get(j).run());
                }
            }
            if (same.size() == 1) {
                labels.add(name);
                continue;
            }
            RunResult run = columns.get(i).run();
            String date = date(run);
            long sameDate = same.stream().filter(r -> date(r).equals(date)).count();
            labels.add(name + " " + (sameDate > 1 ? HtmlReport.when(run.startedAt()) : date));
        }
        return labels;
    }

    private static String date(RunResult run) {
        String at = run.startedAt() == null ? "" : run.startedAt();
        return at.length() >= 10 ? at.substring(0, 10) : at;
    }

    /** Row ids per specification document, each in the order the columns first list it. */
    private Map<String, List<String>> rows() {
        Map<String, TestResult> firstSeen = new LinkedHashMap<>();
        Map<TestResult, String> rowOf = new HashMap<>();
        for (Column column : columns) {
            column.byRow().forEach((row, t) -> {
                if (firstSeen.putIfAbsent(row, t) == null) {
                    rowOf.put(t, row);
                }
            });
        }
        Map<String, List<String>> groups = new LinkedHashMap<>();
        SpecOrder.group(new ArrayList<>(firstSeen.values()))
                .forEach((doc, tests) -> groups.put(doc, tests.stream().map(rowOf::get).toList()));
        return groups;
    }

    /**
     * True when the columns that can hold the row do not all give the same verdict (a test missing from such a
     * column counts as different).
     */
    boolean differs(String row) {
        Set<String> words = new HashSet<>();
        for (Column column : columns) {
            if (column.holds(row)) {
                TestResult t = column.byRow().get(row);
                words.add(t == null ? ABSENT : t.outcome().word());
            }
        }
        return words.size() > 1;
    }

    private void render() {
        List<String> labels = columnLabels(columns);
        Map<String, List<String>> groups = rows();
        int rowCount = groups.values().stream().mapToInt(List::size).sum();
        long differing = groups.values().stream().flatMap(List::stream).filter(this::differs).count();

        html.append("<header class=\"top\"><h1>Stanzalab interop matrix</h1>\n<p class=\"overall o-")
                .append(differing == 0 ? "passed" : "failed").append("\" id=\"overall\"><strong>").append(differing)
                .append("</strong> of ").append(rowCount).append(" tests differ between the ").append(columns.size())
                .append(columns.size() == runs.size() ? " runs" : " columns (" + runs.size() + " runs)").append(".</p>\n<dl class=\"facts\">");
        for (int i = 0; i < columns.size(); i++) {
            Column column = columns.get(i);
            RunResult run = column.run();
            html.append("<div><dt>").append(escape(labels.get(i))).append("</dt><dd>")
                    .append(escape(column.way() != null ? "cross-domain tests of the run over " + run.servers().stream()
                            .map(TargetInfo::domain).collect(Collectors.joining(" and "))
                            : run.target() == null ? "" : run.target().host() + ":" + run.target().port()))
                    .append(", started ").append(escape(HtmlReport.when(run.startedAt()))).append("</dd></div>");
        }
        html.append("</dl></header>\n");
        html.append("<input type=\"checkbox\" id=\"only-diff\"").append(columns.size() >= 2 ? " checked" : "")
                .append("><label class=\"toggle\" for=\"only-diff\">Only rows where the runs differ (").append(differing).append(")</label>\n");
        html.append("<p class=\"note\">Hover a cell (or focus it) for the reason of its verdict. A test missing from a run"
                + " shows as <em>absent</em> and counts as a difference; <em>n/a</em> marks a cross-domain test in a one-server"
                + " column, or a one-server test in a direction's column.</p>\n<main>\n<table class=\"matrix\"><thead><tr>"
                + "<th scope=\"col\">Test</th><th scope=\"col\" class=\"col-sec\">Section</th>");
        for (String label : labels) {
            html.append("<th scope=\"col\" class=\"cell\">").append(escape(label)).append("</th>");
        }
        html.append("</tr></thead>\n<tbody>\n");
        int width = 2 + columns.size();
        for (Map.Entry<String, List<String>> group : groups.entrySet()) {
            boolean groupDiffers = group.getValue().stream().anyMatch(this::differs);
            html.append("<tr class=\"").append(groupDiffers ? "differ" : "same").append(" grouprow\"><th class=\"group\" colspan=\"")
                    .append(width).append("\" scope=\"colgroup\">").append(escape(group.getKey())).append("</th></tr>\n");
            for (String id : group.getValue()) {
                row(id);
            }
        }
        html.append("</tbody>\n<tfoot>");
        for (Outcome o : Outcome.values()) {
            html.append("<tr><th scope=\"row\" colspan=\"2\">").append(o.word()).append("</th>");
            for (Column column : columns) {
                long n = column.byRow().values().stream().filter(t -> t.outcome() == o).count();
                html.append("<td class=\"cell\"><span class=\"b b-").append(o.word()).append("\">").append(n).append("</span></td>");
            }
            html.append("</tr>");
        }
        html.append("<tr><th scope=\"row\" colspan=\"2\">tests run</th>");
        columns.forEach(column -> html.append("<td class=\"cell\">").append(column.byRow().size()).append("</td>"));
        html.append("</tr></tfoot></table>\n</main>\n");
    }

    private void row(String id) {
        SpecRef spec = null;
        for (Column column : columns) {
            TestResult t = column.byRow().get(id);
            if (t != null && t.spec() != null) {
                spec = t.spec();
                break;
            }
        }
        html.append("<tr class=\"").append(differs(id) ? "differ" : "same").append("\"><th scope=\"row\"><code>")
                .append(escape(id)).append("</code></th><td>").append(spec == null ? "" : "§" + escape(spec.section()))
                .append("</td>");
        for (Column column : columns) {
            TestResult t = column.byRow().get(id);
            boolean holds = column.holds(id);
            String word = !holds ? NOT_APPLICABLE : t == null ? ABSENT : t.outcome().word();
            String title = !holds ? (column.way() == null ? "a cross-domain test: see the direction columns"
                    : "not a cross-domain test: see the columns of single servers")
                    : t == null ? "this run has no such test" : t.reason() == null ? word : t.reason();
            html.append("<td class=\"cell\" title=\"").append(escape(title)).append("\"><span class=\"b b-").append(holds ? word : "na")
                    .append("\" tabindex=\"0\">").append(word).append("</span></td>");
        }
        html.append("</tr>\n");
    }
}
