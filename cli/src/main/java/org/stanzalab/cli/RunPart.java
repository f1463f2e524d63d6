package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.junit.platform.launcher.TestPlan;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.run.TargetUnreachable;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.report.ExpectedVerdicts;
import org.stanzalab.report.SpecTable;
import org.stanzalab.report.Ways;
import org.stanzalab.report.profile.ProfileJudge;
import org.stanzalab.report.profile.ProfileText;

/**
 * One run of selected tests against a list of servers, from plan to reports and the comparison with expected
 * verdicts: what 'stanzalab run' does once, and 'stanzalab federate' once per part.
 */
final class RunPart {
    private final SelectionOptions selection;
    private final List<Server> servers;
    private final int parallel;
    private final boolean failOnImpossible;
    private final Duration deadline;
    private final Path reportDir;
    private final Path expectedFile;
    private final ExpectedVerdicts expectations;
    private final PrintWriter out;
    private final PrintWriter err;

    /** The verdicts and the exit code that the part's outcome calls for (see {@link ExitCode}). */
    record Done(RunResult result, int exitCode) {
    }

    RunPart(SelectionOptions selection, List<Server> servers, int parallel, boolean failOnImpossible, Duration deadline,
            Path reportDir, Path expectedFile, PrintWriter out, PrintWriter err) {
        this.selection = selection;
        this.servers = servers;
        this.parallel = parallel;
        this.failOnImpossible = failOnImpossible;
        this.deadline = deadline;
        this.reportDir = reportDir;
        this.expectedFile = expectedFile;
        this.expectations = load(expectedFile);
        this.out = out;
        this.err = err;
    }

    static ExpectedVerdicts load(Path expectedFile) {
        if (expectedFile == null) {
            return null;
        }
        try {
            return ExpectedVerdicts.load(expectedFile);
        } catch (IOException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    /** Plans, runs and reports; a selection that matches nothing is a usage error, said before any server is touched. */
    Done execute() {
        return execute(true).orElseThrow();
    }

    /**
     * Plans, runs and reports; a selection that matches nothing is a usage error when the part is required, and
     * otherwise leaves the part out (empty).
     */
    java.util.Optional<Done> execute(boolean required) {
        Progress progress = new Progress(out, System.console() != null);
        Runner runner = Suites.runner(selection)
                .servers(servers)
                .parallel(parallel)
                .failOnImpossible(failOnImpossible)
                .notices(progress::notice)
                .onResult(progress::finished)
                .listener(progress)
                .deadline(deadline);
        // Discovered once, with the execution settings, and then executed as is.
        TestPlan plan = runner.plan();
        List<Suites.PlannedTest> planned = Suites.planned(plan, selection);
        runner.planned(planned.stream().map(Suites.PlannedTest::id).toList());
        int selected = planned.size();
        if (selected == 0) {
            if (!required) {
                return java.util.Optional.empty();
            }
            boolean onlyCrossDomain = runner.leavesOutCrossDomain()
                    && !Suites.planned(Suites.runner(selection).plan(), selection).isEmpty();
            throw UserError.usage(onlyCrossDomain
                    ? "the selection holds only cross-domain tests (federation.*), which need two servers that federate:"
                            + " run them with --target a,b (e.g. --target prosody,ejabberd) or 'stanzalab federate'"
                    : "no test matches --spec/--test/--exclude (try 'stanzalab list')");
        }

        out.println("stanzalab: " + selected + " tests against " + describe(servers.get(0))
                + (servers.size() > 1 ? "; other servers: " + servers.subList(1, servers.size()).stream()
                        .map(RunPart::describe).collect(Collectors.joining("; ")) : "")
                + ", " + parallel + " at a time");
        if (servers.stream().anyMatch(s -> s.target().trust().isInsecure())) {
            err.println("stanzalab: WARNING: --insecure accepts ANY certificate; "
                    + "TLS verdicts and the server's identity mean nothing in this run");
        }

        progress.expect(selected);
        try (StopOnSignal stop = new StopOnSignal(runner, out)) {
            Done done = runAndReport(runner, plan, progress);
            stop.reported(done.exitCode());
            return java.util.Optional.of(done);
        }
    }

    private Done runAndReport(Runner runner, TestPlan plan, Progress progress) {
        RunResult measured;
        try {
            measured = runner.run(plan);
        } catch (TargetUnreachable | LoginRefused | ProvisioningException e) {
            throw UserError.target(e.getMessage());
        } finally {
            progress.end();
        }
        RunResult result = measured.withProfiles(
                selection.profiles().stream().map(p -> ProfileJudge.judge(p, measured.tests())).toList());
        ReportFiles.writeAll(result, reportDir);

        out.println();
        out.print(SpecTable.render(result.tests()));
        Summary s = result.summary();
        out.println(String.format(Locale.ROOT, "%d tests: %d passed, %d failed, %d impossible, %d errors; wall time %.1f s",
                s.total(), s.passed(), s.failed(), s.impossible(), s.errors(), s.wallSeconds()));
        out.print(Ways.of(result).isEmpty() ? "" : ways(result));
        out.print(SpecTable.securityFailures(result.tests()));
        for (ProfileVerdict verdict : result.profiles()) {
            out.println();
            out.print(ProfileText.render(verdict));
        }
        out.println("reports: " + reportDir.resolve("report.html") + ", " + reportDir.resolve("results.json") + ", "
                + reportDir.resolve("junit.xml") + ", " + reportDir.resolve("summary.md") + ", " + reportDir.resolve("badges"));

        if (result.interrupted() != null) {
            out.println("stanzalab: run interrupted (" + result.interrupted().reason() + "); "
                    + result.notRun().size() + " selected tests not run (listed in results.json)");
            out.flush();
            return new Done(result, ExitCode.INTERRUPTED);
        }
        if (expectations != null) {
            return new Done(result, compareWithExpectations(runner, result));
        }
        return new Done(result, s.failed() + s.errors() == 0 ? ExitCode.OK : ExitCode.FAILURES);
    }

    /** One line per way across the federation: "prosody.test -> ejabberd.test: 12 tests: 11 passed, 1 failed". */
    static String ways(RunResult result) {
        StringBuilder lines = new StringBuilder();
        Ways.of(result).forEach((way, summary) -> lines.append(String.format(Locale.ROOT,
                "  %s: %d tests: %d passed, %d failed, %d impossible, %d errors%n", way.label(), summary.total(),
                summary.passed(), summary.failed(), summary.impossible(), summary.errors())));
        return lines.toString();
    }

    /** "prosody.test at 127.0.0.1:5222 (starttls, CA file ...)". */
    private static String describe(Server server) {
        Target t = server.target();
        return t.domain() + " at " + t.address() + " (" + t.tls().flagValue() + ", " + t.trust()
                + (t.sasl().restricted() ? ", SASL " + t.sasl() + " only" : "") + "), accounts by " + Settings.accountsOf(server);
    }

    private int compareWithExpectations(Runner runner, RunResult result) {
        List<ExpectedVerdicts.Deviation> deviations = expectations.compare(result.tests());
        TestSelection within = new TestSelection(selection);
        // Entries the run could not reach by design are not missing: a narrowed selection, a part of a federated run,
        // or cross-domain tests in a run with one server.
        List<String> notRun = selection.narrowed() ? List.of() : expectations.notRun(result.tests()).stream()
                .filter(within::within)
                .filter(id -> !(runner.leavesOutCrossDomain() && CrossDomain.isCrossDomain(id)))
                .toList();
        int changed = deviations.size() + notRun.size();
        out.println(String.format(Locale.ROOT, "verdicts: %d as expected, %d changed (against %s, %d known non-passing)",
                result.tests().size() - deviations.size(), changed, expectedFile, expectations.size()));
        if (changed == 0) {
            return ExitCode.OK;
        }
        out.println("verdicts that differ from " + expectedFile + ":");
        deviations.forEach(d -> out.println("  " + d.toString().lines().findFirst().orElse("")));
        notRun.forEach(id -> out.println("  " + id + ": listed but no such test ran (renamed or removed?)"));
        return ExitCode.FAILURES;
    }
}
