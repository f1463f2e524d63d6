package org.stanzalab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.target.Server;

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
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        checkParallel(parallel);
        Settings settings = new Settings(targetOptions, System.getenv());
        List<Server> servers = settings.servers();
        Path dir = reportDir != null ? reportDir
                : Path.of("reports", targetOptions.target != null ? targetOptions.target.replace(',', '+') : servers.get(0).domain());
        return new RunPart(selection, servers, parallel, failOnImpossible, deadline, dir, expected, out,
                command.commandLine().getErr()).execute().exitCode();
    }

    static void checkParallel(int parallel) {
        if (parallel < 1 || parallel > 256) {
            throw UserError.usage("--parallel must be between 1 and 256");
        }
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
}
