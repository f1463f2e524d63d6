package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.junit.platform.launcher.TestPlan;
import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.ExplicitAccounts;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.run.TargetUnreachable;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.transcript.Secrets;
import org.stanzalab.report.ExpectedVerdicts;
import org.stanzalab.report.JUnitXml;
import org.stanzalab.report.ResultCollector;
import org.stanzalab.report.ResultsJson;
import org.stanzalab.report.RunResult;
import org.stanzalab.report.SpecTable;
import org.stanzalab.report.Summary;
import org.stanzalab.report.TargetInfo;
import org.stanzalab.report.html.HtmlReport;
import org.stanzalab.report.markdown.MarkdownSummary;
import org.stanzalab.report.profile.ProfileJudge;
import org.stanzalab.report.profile.ProfileText;
import org.stanzalab.report.profile.ProfileVerdict;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the selected compliance tests against one server and writes the reports. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "Run compliance tests against an XMPP server.", sortOptions = false)
final class RunCommand implements Callable<Integer> {
    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "Tests run at once (default: 8; 1 runs them one by one).")
    int parallel = 8;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where results.json and junit.xml go (default: reports/<target or domain>).")
    Path reportDir;

    @Option(names = "--fail-on-impossible", description = "Count tests the server cannot support (missing feature) as failures.")
    boolean failOnImpossible;

    @Option(names = "--expect", paramLabel = "FILE",
            description = "Known non-passing verdicts (YAML). The exit code then says whether any verdict changed.")
    Path expected;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        if (parallel < 1 || parallel > 256) {
            throw UserError.usage("--parallel must be between 1 and 256");
        }
        Settings settings = new Settings(targetOptions, System.getenv());
        Target target = settings.target();
        ExpectedVerdicts expectations = loadExpectations();
        SmackConnector connector = new SmackConnector(target);
        AccountProvisioner accounts = settings.accounts(connector);
        if (accounts instanceof ExplicitAccounts && parallel > 1) {
            out.println("stanzalab: configured accounts are shared by all tests, so tests run one at a time");
            parallel = 1;
        }
        // Discovered once, from the request that carries the execution settings, and then executed as is.
        TestPlan plan = Suites.plan(Suites.executionRequest(selection, parallel, target.timeouts().testCeiling()));
        int selected = Suites.planned(plan, selection).size();
        if (selected == 0) {
            throw UserError.usage("no test matches --spec/--test/--exclude (try 'stanzalab list')");
        }

        out.println("stanzalab: " + selected + " tests against " + target.domain() + " at " + target.address()
                + " (" + target.tls().flagValue() + ", " + target.trust() + "), accounts by " + accounts.describe()
                + ", " + parallel + " at a time");
        if (target.trust().isInsecure()) {
            command.commandLine().getErr().println("stanzalab: WARNING: --insecure accepts ANY certificate; "
                    + "TLS verdicts and the server's identity mean nothing in this run");
        }

        Progress progress = new Progress(out, System.console() != null, selected);
        List<String> notices = new ArrayList<>();
        Run run = Run.start(target, accounts, connector, line -> {
            notices.add(line);
            progress.notice(line);
        });
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        ResultCollector collector = new ResultCollector(failOnImpossible, progress::finished);
        try {
            run.preflight();
            Suites.execute(plan, collector, progress);
        } catch (TargetUnreachable | LoginRefused | ProvisioningException e) {
            throw UserError.target(e.getMessage());
        } finally {
            progress.end();
            run.close(stillThere -> {
                String line = stillThere.size() + " account(s) could not be removed from the server: "
                        + stillThere.stream().map(c -> c.username()).toList();
                notices.add(line);
                progress.notice(line);
            });
        }
        double wall = (System.nanoTime() - t0) / 1e9;

        RunResult measured = new RunResult(RunResult.SCHEMA, "stanzalab", started.truncatedTo(ChronoUnit.SECONDS).toString(),
                TargetInfo.of(target), Summary.of(collector.results(), round(wall)).withFixedWaits(round(run.fixedWaits().seconds())),
                notices.stream().map(Secrets::scrub).toList(), List.of(), sorted(collector));
        RunResult result = measured.withProfiles(
                selection.profiles().stream().map(p -> ProfileJudge.judge(p, measured.tests())).toList());
        Path dir = reportDir != null ? reportDir
                : Path.of("reports", targetOptions.target != null ? targetOptions.target : target.domain());
        ResultsJson.write(result, dir.resolve("results.json"));
        JUnitXml.write(result, dir.resolve("junit.xml"));
        HtmlReport.write(result, dir.resolve("report.html"));
        ReportFiles.write(dir.resolve("summary.md"), MarkdownSummary.render(result));
        SummaryCommand.writeBadges(result, dir.resolve("badges"));

        out.println();
        out.print(SpecTable.render(result.tests()));
        Summary s = result.summary();
        out.println(String.format(Locale.ROOT, "%d tests: %d passed, %d failed, %d impossible, %d errors; wall time %.1f s",
                s.total(), s.passed(), s.failed(), s.impossible(), s.errors(), s.wallSeconds()));
        for (ProfileVerdict verdict : result.profiles()) {
            out.println();
            out.print(ProfileText.render(verdict));
        }
        out.println("reports: " + dir.resolve("report.html") + ", " + dir.resolve("results.json") + ", "
                + dir.resolve("junit.xml") + ", " + dir.resolve("summary.md") + ", " + dir.resolve("badges"));

        if (expectations != null) {
            return compareWithExpectations(out, expectations, result);
        }
        return s.failed() + s.errors() == 0 ? ExitCode.OK : ExitCode.FAILURES;
    }

    private ExpectedVerdicts loadExpectations() {
        if (expected == null) {
            return null;
        }
        try {
            return ExpectedVerdicts.load(expected);
        } catch (IOException e) {
            throw UserError.usage(e.getMessage());
        }
    }

    private int compareWithExpectations(PrintWriter out, ExpectedVerdicts expectations, RunResult result) {
        List<ExpectedVerdicts.Deviation> deviations = expectations.compare(result.tests());
        List<String> notRun = selection.narrowed() ? List.of() : expectations.notRun(result.tests());
        int changed = deviations.size() + notRun.size();
        out.println(String.format(Locale.ROOT, "verdicts: %d as expected, %d changed (against %s, %d known non-passing)",
                result.tests().size() - deviations.size(), changed, expected, expectations.size()));
        if (changed == 0) {
            return ExitCode.OK;
        }
        out.println("verdicts that differ from " + expected + ":");
        deviations.forEach(d -> out.println("  " + d.toString().lines().findFirst().orElse("")));
        notRun.forEach(id -> out.println("  " + id + ": listed but no such test ran (renamed or removed?)"));
        return ExitCode.FAILURES;
    }

    private static List<org.stanzalab.report.TestResult> sorted(ResultCollector collector) {
        List<org.stanzalab.report.TestResult> list = new ArrayList<>(collector.results());
        list.sort(java.util.Comparator.comparing(org.stanzalab.report.TestResult::id));
        return list;
    }

    private static double round(double seconds) {
        return Math.round(seconds * 100) / 100.0;
    }
}
