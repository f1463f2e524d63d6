package org.stanzalab.report.markdown;

import java.util.List;
import java.util.Map;

import org.stanzalab.report.compare.Change;
import org.stanzalab.report.compare.ChangeKind;
import org.stanzalab.report.compare.Comparison;

/** A comparison as GitHub-flavoured Markdown (compare --markdown): the summary line, then a table per kind of change. */
public final class MarkdownComparison {
    public static final int DEFAULT_LISTED = 50;

    private MarkdownComparison() {
    }

    public static String render(Comparison comparison, String olderName, String newerName) {
        return render(comparison, olderName, newerName, DEFAULT_LISTED);
    }

    /** @param listed how many tests to list per kind of change; the rest are counted */
    public static String render(Comparison comparison, String olderName, String newerName, int listed) {
        StringBuilder md = new StringBuilder();
        md.append("## Stanzalab comparison: ")
                .append(comparison.hasRegression() ? "regressions" : "no regressions").append("\n\n");
        md.append(Markdown.text(olderName)).append(" → ").append(Markdown.text(newerName)).append(": ")
                .append(Markdown.text(comparison.summaryLine())).append("\n\n");
        if (!comparison.hasChange()) {
            md.append("No verdict changed.\n");
        }
        for (Map.Entry<ChangeKind, List<Change>> group : comparison.groups().entrySet()) {
            List<Change> changes = group.getValue();
            md.append("### ").append(Markdown.text(group.getKey().heading())).append(" (").append(changes.size()).append(")\n\n");
            md.append(Markdown.header(4, "Test", "Verdict", "Requirement", "Reason"));
            for (Change c : changes.subList(0, Math.min(listed, changes.size()))) {
                md.append(Markdown.row(Markdown.code(c.id()), c.markedTransition(),
                        c.spec() == null ? "" : Markdown.text(c.spec().citation()),
                        Markdown.text(Markdown.reason(c.spec(), c.reason(), MarkdownSummary.REASON_CHARS))));
            }
            if (changes.size() > listed) {
                md.append("\nand ").append(changes.size() - listed).append(" more\n");
            }
            md.append('\n');
        }
        return md.toString();
    }
}
