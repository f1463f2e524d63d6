package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import org.junit.platform.launcher.TestPlan;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.run.TargetUnreachable;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.report.ExpectedVerdicts;
import org.stanzalab.report.JUnitXml;
import org.stanzalab.report.SpecTable;
import org.stanzalab.report.html.HtmlReport;
import org.stanzalab.report.markdown.MarkdownSummary;
import org.stanzalab.report.profile.ProfileJudge;
import org.stanzalab.report.profile.ProfileText;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Runs the selected compliance tests against one server and writes the reports. */
@Command(name = "run", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "Run compliance tests against an XMPP server, or several: the first is the primary.", sortOptions = false,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:every test passed (with --expect: every verdict as expected)",
            "1:a test failed or ended in error (with --expect: a verdict changed)",
            "2:usage: bad flags or config file, or a selection that matches no test",
            "3:a server could not be reached, or refused the configured credentials",
            "4:internal error of the tool (a bug: please report it)",
            "5:interrupted (SIGINT, SIGTERM, --deadline): reports of what finished, the rest not run"},
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  STANZALAB_<OPTION>  an option that says where a server is or how to log in,",
            "                      in capitals, dashes as underscores: STANZALAB_DOMAIN,",
            "                      STANZALAB_HOST, STANZALAB_PORT, STANZALAB_TLS,",
            "                      STANZALAB_CA_FILE, STANZALAB_PIN_SHA256,",
            "                      STANZALAB_INSECURE (true), STANZALAB_ADMIN,",
            "                      STANZALAB_ACCOUNT (a list), STANZALAB_ACCOUNTS (a file),",
            "                      STANZALAB_REGISTER (true), STANZALAB_SASL (a list),",
            "                      STANZALAB_CONNECT_TIMEOUT, STANZALAB_REPLY_TIMEOUT,",
            "                      STANZALAB_TEST_TIMEOUT. Flags win over these, these",
            "                      over -c FILE.",
            "  STANZALAB_HOME      where servers/state (--target) and profiles/ are;",
            "                      the launcher sets it."})
final class RunCommand implements Callable<Integer> {
    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "Tests run at once (default: " + Runner.DEFAULT_PARALLEL + "; 1 runs them one by one).")
    int parallel = Runner.DEFAULT_PARALLEL;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where results.json and junit.xml go (default: reports/<target or domain>).")
    Path reportDir;

    @Option(names = "--fail-on-impossible", description = "Count tests the server cannot support (missing feature) as failures.")
    boolean failOnImpossible;

    @Option(names = "--expect", paramLabel = "FILE",
            description = "Known non-passing verdicts (YAML). The exit code then says whether any verdict changed.")
    Path expected;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = Deadline.class,
            description = "Stop the run after this long (e.g. 90s, 10m, 1h): reports of what finished, the rest listed as not run, exit 5.")
    Duration deadline;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = command.commandLine().getOut();
        if (parallel < 1 || parallel > 256) {
            throw UserError.usage("--parallel must be between 1 and 256");
        }
        Settings settings = new Settings(targetOptions, System.getenv());
        List<Server> servers = settings.servers();
        ExpectedVerdicts expectations = loadExpectations();
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
            throw UserError.usage("no test matches --spec/--test/--exclude (try 'stanzalab list')");
        }

        out.println("stanzalab: " + selected + " tests against " + describe(servers.get(0))
                + (servers.size() > 1 ? "; other servers: " + servers.subList(1, servers.size()).stream()
                        .map(RunCommand::describe).collect(Collectors.joining("; ")) : "")
                + ", " + parallel + " at a time");
        if (servers.stream().anyMatch(s -> s.target().trust().isInsecure())) {
            command.commandLine().getErr().println("stanzalab: WARNING: --insecure accepts ANY certificate; "
                    + "TLS verdicts and the server's identity mean nothing in this run");
        }

        progress.expect(selected);
        try (StopOnSignal stop = new StopOnSignal(runner, out)) {
            int code = runAndReport(runner, plan, progress, servers, expectations, out);
            stop.reported(code);
            return code;
        }
    }

    private int runAndReport(Runner runner, TestPlan plan, Progress progress, List<Server> servers,
                             ExpectedVerdicts expectations, PrintWriter out) {
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
        Path dir = reportDir != null ? reportDir
                : Path.of("reports", targetOptions.target != null ? targetOptions.target.replace(',', '+') : servers.get(0).domain());
        ReportFiles.writeAll(result, dir);

        out.println();
        out.print(SpecTable.render(result.tests()));
        Summary s = result.summary();
        out.println(String.format(Locale.ROOT, "%d tests: %d passed, %d failed, %d impossible, %d errors; wall time %.1f s",
                s.total(), s.passed(), s.failed(), s.impossible(), s.errors(), s.wallSeconds()));
        out.print(SpecTable.securityFailures(result.tests()));
        for (ProfileVerdict verdict : result.profiles()) {
            out.println();
            out.print(ProfileText.render(verdict));
        }
        out.println("reports: " + dir.resolve("report.html") + ", " + dir.resolve("results.json") + ", "
                + dir.resolve("junit.xml") + ", " + dir.resolve("summary.md") + ", " + dir.resolve("badges"));

        if (result.interrupted() != null) {
            out.println("stanzalab: run interrupted (" + result.interrupted().reason() + "); "
                    + result.notRun().size() + " selected tests not run (listed in results.json)");
            out.flush();
            return ExitCode.INTERRUPTED;
        }
        if (expectations != null) {
            return compareWithExpectations(out, expectations, result);
        }
        return s.failed() + s.errors() == 0 ? ExitCode.OK : ExitCode.FAILURES;
    }

    /** "90s", "10m", "1h", or seconds alone. */
    static final class Deadline implements picocli.CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,7})([smh]?)").matcher(value.trim());
            if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
                throw new picocli.CommandLine.TypeConversionException("'" + value + "' is not a duration such as 90s, 10m or 1h");
            }
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofSeconds(n);
            };
        }
    }

    /** "prosody.test at 127.0.0.1:5222 (starttls, CA file ...)". */
    private static String describe(Server server) {
        Target t = server.target();
        return t.domain() + " at " + t.address() + " (" + t.tls().flagValue() + ", " + t.trust()
                + (t.sasl().restricted() ? ", SASL " + t.sasl() + " only" : "") + "), accounts by " + Settings.accountsOf(server);
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
}
