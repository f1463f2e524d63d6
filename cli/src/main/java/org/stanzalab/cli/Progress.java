package org.stanzalab.cli;

import java.io.PrintWriter;
import java.util.Locale;

import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.engine.launch.TestIds;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;

/**
 * Live console progress. On a terminal one status line is redrawn (done/total, counts, current test) and each
 * non-passing verdict is printed above it; elsewhere (CI logs) every verdict gets its own line.
 */
final class Progress implements TestExecutionListener {
    private final PrintWriter out;
    private final boolean terminal;
    private int total;
    private final int[] counts = new int[Outcome.values().length];
    private int done;
    private String current = "";

    Progress(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /** How many verdicts to count down, once the plan is known. */
    synchronized void expect(int total) {
        this.total = total;
    }

    @Override
    public synchronized void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            current = TestIds.id(test);
            redraw();
        }
    }

    synchronized void finished(TestResult result) {
        done++;
        counts[result.outcome().ordinal()]++;
        if (terminal) {
            clearLine();
            if (result.outcome() != Outcome.PASSED) {
                out.println(verdictLine(result));
            }
            redraw();
        } else {
            out.println(String.format(Locale.ROOT, "[%d/%d] %s", done, total, verdictLine(result)));
        }
        out.flush();
    }

    /** Prints a line the user must see, without tearing the status line. */
    synchronized void notice(String line) {
        clearLine();
        out.println("!! " + line);
        redraw();
        out.flush();
    }

    synchronized void end() {
        clearLine();
        out.flush();
    }

    private String verdictLine(TestResult r) {
        String base = String.format(Locale.ROOT, "%-10s %s (%d ms)", r.outcome().word(), r.id(), r.durationMs());
        if (r.reason() == null) {
            return base;
        }
        String reason = r.reason().lines().findFirst().orElse("");
        return base + "\n           " + reason;
    }

    private void redraw() {
        if (!terminal) {
            return;
        }
        String line = String.format(Locale.ROOT, "[%d/%d] %d passed, %d failed, %d impossible, %d errors  %s",
                done, total, counts[Outcome.PASSED.ordinal()], counts[Outcome.FAILED.ordinal()],
                counts[Outcome.IMPOSSIBLE.ordinal()], counts[Outcome.ERROR.ordinal()], current);
        out.print("\r" + (line.length() > 119 ? line.substring(0, 119) : line));
        out.flush();
    }

    private void clearLine() {
        if (terminal) {
            out.print("\r\033[2K");
        }
    }
}
