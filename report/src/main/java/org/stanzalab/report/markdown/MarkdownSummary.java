package org.stanzalab.report.markdown;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.stanzalab.model.Outcome;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.Problems;
import org.stanzalab.report.Text;
import org.stanzalab.report.Ways;

/**
 * A run as GitHub-flavoured Markdown for a CI job's summary page: the headline, the counts per specification,
 * the profile verdicts, and the tests that did not pass (failures first, then errors, then impossible ones), cut
 * after a limit so that the page stays readable and well under GitHub's 1 MiB per step.
 */
public final class MarkdownSummary {
    public static final int DEFAULT_LISTED = 50;
    static final int REASON_CHARS = 300;

    private MarkdownSummary() {
    }

    public static String render(RunResult result) {
        return render(result, DEFAULT_LISTED);
    }

    /** @param listed how many non-passing tests to list; the rest are counted */
    public static String render(RunResult result, int listed) {
        StringBuilder md = new StringBuilder();
        headline(md, result);
        notices(md, result.notices());
        interruption(md, result);
        securityFailures(md, result.tests());
        problems(md, result);
        specifications(md, result.tests());
        profiles(md, result.profiles());
        notPassing(md, result.tests(), listed);
        return md.toString();
    }

    /** The run's verdict in one word: failed when any test failed, error when any test could not run. */
    public static String verdictWord(Summary s) {
        return s.failed() > 0 ? "failed" : s.errors() > 0 ? "error" : "passed";
    }

    private static void headline(StringBuilder md, RunResult result) {
        Summary s = result.summary() != null ? result.summary() : Summary.of(result.tests(), 0);
        String domain = result.target() == null ? "unknown target" : result.target().domain();
        md.append("## Stanzalab: ").append(Markdown.text(domain)).append(" ").append(verdictWord(s)).append("\n\n");
        md.append(String.format(Locale.ROOT, "**%d tests**: %d passed, %d failed, %d impossible, %d errors; wall time %.1f s",
                s.total(), s.passed(), s.failed(), s.impossible(), s.errors(), s.wallSeconds()));
        if (result.target() != null) {
            md.append("  \n").append(Markdown.text("Target " + result.target().domain() + " at " + result.target().host()
                    + ":" + result.target().port() + " (" + result.target().tls() + "), started " + result.startedAt()));
        }
        if (result.servers().size() > 1) {
            md.append("  \n").append(Markdown.text("Other servers: " + result.servers().subList(1, result.servers().size())
                    .stream().map(o -> o.domain() + " at " + o.host() + ":" + o.port()).collect(Collectors.joining(", "))));
        }
        // The cross-domain tests per direction across the federation.
        Ways.of(result).forEach((way, w) -> md.append("  \n").append(Markdown.text(String.format(Locale.ROOT,
                "%s: %d tests: %d passed, %d failed, %d impossible, %d errors", way.label(), w.total(), w.passed(), w.failed(),
                w.impossible(), w.errors()))));
        md.append("\n\n");
    }

    private static void notices(StringBuilder md, List<String> notices) {
        if (notices == null || notices.isEmpty()) {
            return;
        }
        md.append("**Notices**\n\n");
        notices.forEach(n -> md.append("- ").append(Markdown.text(n)).append('\n'));
        md.append('\n');
    }

    /** All of them, uncut: they are few, and each puts users at risk. */
    private static void securityFailures(StringBuilder md, List<TestResult> tests) {
        List<TestResult> failures = tests.stream().filter(TestResult::isSecurityFailure).sorted(Comparator.comparing(TestResult::id)).toList();
        if (failures.isEmpty()) {
            return;
        }
        md.append("### Security-relevant failures (").append(failures.size()).append(")\n\n");
        md.append("Each lets one user act as another, read or change another user's data, or get past authentication or "
                + "the encryption the server requires.\n\n");
        md.append(Markdown.header(3, "Test", "Requirement", "Reason"));
        for (TestResult t : failures) {
            md.append(Markdown.row(Markdown.code(t.id()), Markdown.text(t.spec().citation()),
                    Markdown.text(Markdown.reason(t.spec(), t.reason(), REASON_CHARS))));
        }
        md.append('\n');
    }

    private static void interruption(StringBuilder md, RunResult result) {
        if (result.interrupted() == null) {
            return;
        }
        md.append("**Interrupted**: ").append(Markdown.text(result.interrupted().reason())).append("; ")
                .append(result.notRun().size()).append(" selected tests not run (listed in results.json)\n\n");
    }

    /** The failures as problems (see {@link Problems}), each with its cases folded away. */
    private static void problems(StringBuilder md, RunResult result) {
        List<Problems.Problem> problems = Problems.of(result.tests());
        if (problems.isEmpty()) {
            return;
        }
        String domain = result.target() == null ? "unknown target" : result.target().domain();
        md.append("### Problems: ").append(Markdown.text(Problems.headline(domain, result.tests(), problems))).append("\n\n");
        for (Problems.Problem p : problems) {
            md.append("<details><summary>").append(p.securityRelevant() ? "<b>security</b> " : "")
                    .append(p.spec() == null ? "" : "<b>" + p.spec().level() + "</b> " + html(p.spec().citation()) + " ")
                    .append("<code>").append(html(p.method())).append("</code>, ").append(p.cases().size())
                    .append(p.cases().size() == 1 ? " case" : " cases").append(": ")
                    .append(html(Text.firstLine(p.example(), REASON_CHARS)))
                    .append("</summary>\n\n");
            p.cases().forEach(t -> md.append("- ").append(Markdown.code(t.id())).append('\n'));
            md.append("\n</details>\n");
        }
        md.append('\n');
    }

    /** Text inside the HTML of a details summary, where Markdown is not rendered. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void specifications(StringBuilder md, List<TestResult> tests) {
        Map<String, List<TestResult>> byDocument = tests.stream().collect(Collectors.groupingBy(
                t -> t.spec() == null ? "(no spec)" : t.spec().document(), TreeMap::new, Collectors.toList()));
        md.append("### Specifications\n\n");
        md.append(Markdown.header(1, "Specification", "Tests", "Passed", "Failed", "Impossible", "Errors"));
        byDocument.forEach((document, list) -> countsRow(md, Markdown.text(document), Summary.of(list, 0)));
        countsRow(md, "**All**", Summary.of(tests, 0));
        md.append('\n');
    }

    private static void countsRow(StringBuilder md, String name, Summary s) {
        md.append(Markdown.row(name, s.total(), s.passed(), s.failed(), s.impossible(), s.errors()));
    }

    private static void profiles(StringBuilder md, List<ProfileVerdict> profiles) {
        if (profiles.isEmpty()) {
            return;
        }
        md.append("### Profiles\n\n");
        md.append(Markdown.header(2, "Profile", "Verdict", "Rows passed", "Rows failed", "Rows undecided"));
        for (ProfileVerdict p : profiles) {
            String name = Markdown.code(p.id()) + (p.title() == null || p.title().isBlank() ? "" : " " + Markdown.text(p.title()));
            md.append(Markdown.row(name, p.verdict() == null ? "" : p.verdict().word(), rows(p, RowOutcome.PASSED),
                    rows(p, RowOutcome.FAILED), rows(p, RowOutcome.UNDECIDED)));
        }
        md.append('\n');
    }

    private static long rows(ProfileVerdict profile, RowOutcome outcome) {
        return profile.rows() == null ? 0 : profile.rows().stream().filter(r -> r.verdict() == outcome).count();
    }

    private static void notPassing(StringBuilder md, List<TestResult> tests, int listed) {
        List<TestResult> notPassed = tests.stream().filter(t -> t.outcome() != Outcome.PASSED)
                .sorted(Comparator.comparing(MarkdownSummary::severity).thenComparing(TestResult::id)).toList();
        if (notPassed.isEmpty()) {
            md.append("Every test passed.\n");
            return;
        }
        md.append("### Tests that did not pass (").append(notPassed.size()).append(")\n\n");
        md.append(Markdown.header(4, "Test", "Verdict", "Requirement", "Reason"));
        for (TestResult t : notPassed.subList(0, Math.min(listed, notPassed.size()))) {
            md.append(Markdown.row(Markdown.code(t.id()), t.isSecurityFailure() ? "**failed (security)**" : t.outcome().word(),
                    t.spec() == null ? "" : Markdown.text(t.spec().citation()),
                    Markdown.text(Markdown.reason(t.spec(), t.reason(), REASON_CHARS))));
        }
        if (notPassed.size() > listed) {
            md.append("\nand ").append(notPassed.size() - listed).append(" more (all of them are in results.json)\n");
        }
    }

    /** Failures first, security-relevant ones foremost: they are the server's fault; then errors, then missing features. */
    private static int severity(TestResult t) {
        if (t.isSecurityFailure()) {
            return -1;
        }
        return switch (t.outcome()) {
            case FAILED -> 0;
            case ERROR -> 1;
            case IMPOSSIBLE -> 2;
            case PASSED -> 3;
        };
    }
}
