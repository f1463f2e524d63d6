package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.target.Server;
import org.stanzalab.model.CrossDomain;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.report.Ways;
import org.stanzalab.report.html.MatrixReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The federated suite over two servers that federate: the cross-domain tests in both directions in one run, then,
 * against each server on its own, the tests where the tool plays the remote server; one report folder and one
 * interop matrix for all of it.
 */
@Command(name = "federate", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class, sortOptions = false,
        description = {"Run the federated suite across two servers that federate with each other (the first two of the run):",
                "  1. the cross-domain tests (federation.*), each in both directions, in one run over both servers;",
                "  2. against each server alone, the tests where the tool plays the remote server",
                "     (" + FederateCommand.TOOL_TESTS_LINE + ").",
                "Reports: DIR (the cross-domain run), DIR/tool-NAME (each server's part), DIR/matrix.html (every",
                "direction and server as a column)."},
        exitCodeListHeading = "%nExit codes (as 'run', over all parts):%n",
        exitCodeList = {
            "0:every test passed (with --expect: every verdict as expected)",
            "1:a test failed or ended in error (with --expect: a verdict changed)",
            "2:usage: bad flags or config file, fewer than two servers, or a selection that matches no test",
            "3:a server could not be reached, or refused the configured credentials",
            "4:internal error of the tool (a bug: please report it)",
            "5:interrupted (SIGINT, SIGTERM, --deadline): reports of what finished, the rest not run"})
final class FederateCommand implements Callable<Integer> {
    /** The cross-domain tests: the first part, over both servers. */
    static final List<String> CROSS_DOMAIN = List.of(CrossDomain.ID_PREFIX + "*");

    /**
     * The tests in which the tool plays a remote server (engine/federation: lab.remoteServer, lab.trustedRemoteServer)
     * against one real server: peer certificates, server-to-server authentication (SASL EXTERNAL, dialback), stream
     * rules and spoofing on s2s, the s2s extensions, and peers that cannot be reached or stay silent. Kept by class, since whether a test plays the remote server
     * is not visible from outside it; a new class of that kind is added here.
     */
    static final List<String> TOOL_AS_REMOTE_SERVER = List.of(
            "rfc6120.PeerCertificates*", "rfc6120.ServerToServer*", "rfc7525.PeerCertificateStrength*",
            "rfc7590.PeerServerAuthentication*", "rfc6120.UnreachableDomains*", "xep0178.*", "xep0220.*", "xep0288.*",
            "xep0198.ServerToServer*");
    static final String TOOL_TESTS_LINE = "rfc6120.PeerCertificates, rfc6120.ServerToServer*, rfc7525.PeerCertificateStrength,"
            + " rfc7590.PeerServerAuthentication, rfc6120.UnreachableDomains, xep0178, xep0220, xep0288, xep0198.ServerToServer";

    @Mixin
    TargetOptions targetOptions = new TargetOptions();

    @Mixin
    SelectionOptions selection = new SelectionOptions();

    @Option(names = "--parallel", paramLabel = "N", description = "Tests run at once in each part (default: " + Runner.DEFAULT_PARALLEL + ").")
    int parallel = Runner.DEFAULT_PARALLEL;

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Where the reports go (default: reports/federation).")
    Path reportDir = Path.of("reports", "federation");

    @Option(names = "--expect", paramLabel = "FILE",
            description = "Known non-passing verdicts of the cross-domain tests (e.g. servers/expected/federation.yaml). Each"
                    + " server's part is compared with NAME.yaml in the same folder (servers/expected/prosody.yaml), where there is one.")
    Path expected;

    @Option(names = "--no-tool-tests", description = "Only the cross-domain tests: leave out the parts where the tool plays the remote server.")
    boolean noToolTests;

    @Option(names = "--fail-on-impossible", description = "Count tests a server cannot support (missing feature) as failures.")
    boolean failOnImpossible;

    @Option(names = "--deadline", paramLabel = "DURATION", converter = RunCommand.Deadline.class,
            description = "Stop after this long over all parts (e.g. 10m): reports of what finished, the rest not run, exit 5.")
    Duration deadline;

    @Spec
    CommandSpec command;

    /** A part's name for the console, and what it ended with. */
    private record Finished(String title, RunPart.Done done) {
    }

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        RunCommand.checkParallel(parallel);
        List<Server> servers = new Settings(targetOptions, System.getenv()).servers();
        if (servers.size() < 2) {
            throw UserError.usage("federate needs two servers that federate with each other, e.g. --target prosody,ejabberd"
                    + " (or -c FILE with two server.NAME.* entries); this run has only " + servers.get(0).domain());
        }
        RunPart.load(expected); // a bad file is said before any test runs
        long until = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();

        List<Finished> parts = new ArrayList<>();
        String pair = servers.get(0).domain() + " <-> " + servers.get(1).domain();
        out.println("stanzalab federate: part 1, the cross-domain tests between " + pair + ", both directions");
        new RunPart(selection.within(CROSS_DOMAIN), servers, parallel, failOnImpossible, remaining(until), reportDir,
                expected, out, err).execute(false)
                .ifPresentOrElse(done -> parts.add(new Finished("cross-domain " + pair, done)),
                        () -> out.println("  (no cross-domain test selected)"));
        boolean cutShort = false;
        if (!noToolTests) {
            int n = 2;
            for (Server server : servers) {
                if (interrupted(parts) || deadline != null && remaining(until) == null) {
                    cutShort = true;
                    out.println("stanzalab federate: stopped; the tool-as-remote-server part against " + server.domain()
                            + (servers.indexOf(server) < servers.size() - 1 ? " and those after it were" : " was") + " not run");
                    break;
                }
                out.println();
                out.println("stanzalab federate: part " + n++ + ", the tool as a remote server against " + server.domain());
                Path dir = reportDir.resolve("tool-" + (server.name() != null ? server.name() : server.domain()));
                new RunPart(selection.within(TOOL_AS_REMOTE_SERVER), List.of(server), parallel, failOnImpossible,
                        remaining(until), dir, expectedFor(server), out, err).execute(false)
                        .ifPresentOrElse(done -> parts.add(new Finished("the tool as remote server <-> " + server.domain(), done)),
                                () -> out.println("  (no tool-as-remote-server test selected)"));
            }
        }
        if (parts.isEmpty()) {
            throw UserError.usage("no cross-domain or tool-as-remote-server test matches --spec/--test/--exclude"
                    + " (try 'stanzalab list --test federation.*')");
        }
        return summarise(parts, cutShort, out);
    }

    /** The time left before the deadline (null: no deadline); a deadline already past leaves one second, so the part reports at once. */
    private static Duration remaining(long until) {
        if (until == Long.MAX_VALUE) {
            return null;
        }
        long left = until - System.nanoTime();
        return left <= 0 ? null : Duration.ofNanos(Math.max(left, 1_000_000_000L));
    }

    private static boolean interrupted(List<Finished> parts) {
        return parts.stream().anyMatch(p -> p.done().exitCode() == ExitCode.INTERRUPTED);
    }

    /** NAME.yaml next to the cross-domain file, for one server's part, when it exists. */
    private Path expectedFor(Server server) {
        if (expected == null || server.name() == null) {
            return null;
        }
        Path sibling = expected.toAbsolutePath().resolveSibling(server.name() + ".yaml");
        return Files.isReadable(sibling) ? sibling : null;
    }

    /** Per direction and per server what passed, the matrix of every part, and the exit code over all parts. */
    private int summarise(List<Finished> parts, boolean cutShort, PrintWriter out) {
        out.println();
        out.println("stanzalab federate: " + parts.size() + (parts.size() == 1 ? " part" : " parts"));
        List<RunResult> results = new ArrayList<>();
        for (Finished part : parts) {
            RunResult result = part.done().result();
            results.add(result);
            if (Ways.of(result).isEmpty()) {
                out.println(line(part.title(), result.summary()));
            } else {
                Ways.of(result).forEach((way, summary) -> out.println(line(way.label(), summary)));
            }
        }
        Path matrix = reportDir.resolve("matrix.html");
        try {
            Files.createDirectories(reportDir);
            MatrixReport.write(results, matrix);
        } catch (IOException e) {
            throw UserError.usage("cannot write " + matrix + ": " + e.getMessage());
        }
        out.println("interop matrix: " + matrix + " (each direction and each server its own column)");
        if (cutShort || interrupted(parts)) {
            return ExitCode.INTERRUPTED;
        }
        return parts.stream().anyMatch(p -> p.done().exitCode() != ExitCode.OK) ? ExitCode.FAILURES : ExitCode.OK;
    }

    private static String line(String what, Summary s) {
        return String.format(Locale.ROOT, "  %-48s %d tests: %d passed, %d failed, %d impossible, %d errors", what + ":",
                s.total(), s.passed(), s.failed(), s.impossible(), s.errors());
    }
}
