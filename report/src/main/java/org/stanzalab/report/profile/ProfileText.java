package org.stanzalab.report.profile;

import java.util.Locale;

import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.ProfileVerdict.RowVerdict;
import org.stanzalab.model.RowOutcome;

/** A profile verdict as console text: the verdict, then one line per row with what decided it. */
public final class ProfileText {
    private static final int SHOWN_TESTS = 3;

    private ProfileText() {
    }

    public static String render(ProfileVerdict verdict) {
        StringBuilder sb = new StringBuilder();
        sb.append("profile ").append(verdict.id()).append(" (").append(verdict.title()).append("): ")
                .append(verdict.verdict().word().toUpperCase(Locale.ROOT)).append('\n');
        for (RowVerdict row : verdict.rows()) {
            sb.append(String.format(Locale.ROOT, "  %-10s %-28s %-22s %s%n", row.verdict().word(), row.id(),
                    String.join(", ", row.standards()), row.note()));
            if (row.verdict() == RowOutcome.FAILED) {
                row.decidedBy().stream().limit(SHOWN_TESTS).forEach(id -> sb.append("             ").append(id).append('\n'));
                if (row.decidedBy().size() > SHOWN_TESTS) {
                    sb.append("             and ").append(row.decidedBy().size() - SHOWN_TESTS).append(" more\n");
                }
            }
        }
        long passed = verdict.rows().stream().filter(r -> r.verdict() == RowOutcome.PASSED).count();
        long failed = verdict.rows().stream().filter(r -> r.verdict() == RowOutcome.FAILED).count();
        sb.append(String.format(Locale.ROOT, "  %d rows: %d passed, %d failed, %d undecided%n", verdict.rows().size(),
                passed, failed, verdict.rows().size() - passed - failed));
        return sb.toString();
    }
}
