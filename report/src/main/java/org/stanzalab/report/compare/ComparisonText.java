package org.stanzalab.report.compare;

import java.util.List;
import java.util.Map;

import org.stanzalab.model.Summary;

/**
 * The console form of a comparison: one group per kind of change, one line per test, then the summary line.
 * Verdict changes are listed in full; added and removed tests, which only say that the selections differ, are
 * cut after {@link #SELECTION_LINES} lines.
 */
public final class ComparisonText {
    public static final int SELECTION_LINES = 20;
    private static final int REASON_CHARS = 200;

    private ComparisonText() {
    }

    public static String render(Comparison comparison, String olderName, String newerName) {
        StringBuilder sb = new StringBuilder();
        sb.append("comparing ").append(describe(olderName, comparison.older()))
                .append(" with ").append(describe(newerName, comparison.newer())).append('\n');
        for (Map.Entry<ChangeKind, List<Change>> group : comparison.groups().entrySet()) {
            ChangeKind kind = group.getKey();
            List<Change> changes = group.getValue();
            sb.append('\n').append(kind.heading()).append(" (").append(changes.size()).append("):\n");
            boolean selectionOnly = kind == ChangeKind.ADDED || kind == ChangeKind.REMOVED;
            int shown = selectionOnly ? Math.min(changes.size(), SELECTION_LINES) : changes.size();
            for (Change c : changes.subList(0, shown)) {
                sb.append("  ").append(c.id()).append("  ").append(c.markedTransition());
                String reason = c.reasonFirstLine(REASON_CHARS);
                if (!reason.isEmpty()) {
                    sb.append("  ").append(reason);
                }
                sb.append('\n');
            }
            if (shown < changes.size()) {
                sb.append("  ... and ").append(changes.size() - shown).append(" more (--json lists all)\n");
            }
        }
        sb.append('\n').append(comparison.summaryLine()).append('\n');
        return sb.toString();
    }

    private static String describe(String name, Comparison.Side side) {
        Summary s = side.summary();
        String domain = side.target() == null ? "?" : side.target().domain();
        return name + " (" + domain + ", " + side.startedAt() + ", " + (s == null ? "?" : s.total()) + " tests)";
    }
}
