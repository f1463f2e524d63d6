package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.stanzalab.engine.clienttest.BadScenario;
import org.stanzalab.engine.clienttest.BadServer;
import org.stanzalab.engine.clienttest.ClientVerdicts;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.ExpectedVerdicts;
import org.stanzalab.wire.certs.CertKit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Runs the known-bad XMPP endpoints for a client to connect to, prints one line per connection, and writes a
 * report of the client's verdicts when the time is up, the endpoints went idle, or a signal says so.
 */
@Command(name = "serve-bad", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Serve known-bad XMPP endpoints (bad certificates, no TLS, STARTTLS stripped, PLAIN without TLS, "
                + "a PLAIN downgrade, a stalled stream) and judge whether a client aborted or went on to authenticate.",
                "Each scenario is its own domain, <name>.bad.test: the stream header's 'to' picks it on the STARTTLS "
                        + "port, the TLS server name on the direct-TLS port. good.bad.test proves the client works at all.",
                "Point the client at user@<scenario>.bad.test (the names resolve to --address through /etc/hosts; "
                        + "servers/up adds them) trusting the CA of --ca or --write-ca.",
                "It stops after --duration, when idle (--until-idle), or on SIGINT/SIGTERM, and then writes the reports.",
                "Exit codes: 0 every verdict passed (with --expect: as expected); 1 a verdict failed or ended in error "
                        + "(with --expect: changed); 2 usage error; 3 cannot listen."})
final class ServeBadCommand implements Callable<Integer> {
    @Option(names = "--address", paramLabel = "IP", defaultValue = "127.0.0.4",
            description = "Loopback address to serve on (default ${DEFAULT-VALUE}).")
    String address;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5222",
            description = "STARTTLS port (default ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--direct-tls-port", paramLabel = "PORT", defaultValue = "5223",
            description = "Direct-TLS port, XEP-0368 (default ${DEFAULT-VALUE}; -1 serves none).")
    int directTlsPort;

    @Option(names = "--ca", paramLabel = "CERT.pem",
            description = "The CA the client trusts (e.g. servers/state/certs/ca.crt); its key is --ca-key. "
                    + "Default: a fresh CA, written with --write-ca.")
    Path ca;

    @Option(names = "--ca-key", paramLabel = "KEY.pem", description = "The CA's private key (default: --ca with .key).")
    Path caKey;

    @Option(names = "--write-ca", paramLabel = "FILE", description = "Write the CA certificate (PEM) for the client to trust.")
    Path writeCa;

    @Option(names = "--scenario", paramLabel = "PATTERN", split = ",",
            description = "Scenarios to serve, by id or glob (repeatable; default all). The good ones are always served.")
    List<String> scenarios = new ArrayList<>();

    @Option(names = "--client-name", paramLabel = "NAME", defaultValue = "client",
            description = "The client's name in the report (default ${DEFAULT-VALUE}).")
    String clientName;

    @Option(names = "--account", paramLabel = "USER:PASSWORD", defaultValue = "tester:bad-server-test",
            description = "The account the good endpoint accepts (default tester with a fixed test password); "
                    + "never printed.")
    String account;

    @Option(names = "--report-dir", paramLabel = "DIR",
            description = "Where the reports go (default reports/clients/<client name>).")
    Path reportDir;

    @Option(names = "--duration", paramLabel = "DURATION", converter = RunCommand.Deadline.class, defaultValue = "10m",
            description = "Serve at most this long (default ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--until-idle", paramLabel = "DURATION", converter = RunCommand.Deadline.class,
            description = "Stop once a connection came and then none was open for this long.")
    Duration untilIdle;

    @Option(names = "--step-timeout", paramLabel = "DURATION", converter = RunCommand.Deadline.class, defaultValue = "10s",
            description = "How long the tool waits for each step of a client (default ${DEFAULT-VALUE}).")
    Duration stepTimeout;

    @Option(names = "--stall-bound", paramLabel = "DURATION", converter = RunCommand.Deadline.class, defaultValue = "30s",
            description = "How long the stalled stream waits for the client to give up (default ${DEFAULT-VALUE}).")
    Duration stallBound;

    @Option(names = "--expect", paramLabel = "FILE",
            description = "Compare the verdicts with a file of known non-passing verdicts; exit 1 if any changed.")
    Path expected;

    @Option(names = "--list", description = "List the scenarios (id, domain, port kind, citation) and exit.")
    boolean list;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = command.commandLine().getOut();
        Predicate<BadScenario> selected = selection();
        List<BadScenario> served = BadScenario.all().stream()
                .filter(s -> s.kind() == BadScenario.Kind.GOOD || selected.test(s))
                .filter(s -> directTlsPort >= 0 || !s.directTls()).toList();
        if (list) {
            for (BadScenario s : served) {
                out.printf("%-26s %-34s %-10s %s%n", s.id(), s.domain(), s.directTls() ? "direct-tls" : "starttls",
                        s.spec() == null ? "(recorded, not graded)" : s.spec().citation()
                                + (s.kind() == BadScenario.Kind.GOOD ? " (proves the client works)" : ""));
            }
            out.flush();
            return ExitCode.OK;
        }
        if (!clientName.matches("[A-Za-z0-9._+-]{1,64}")) {
            throw UserError.usage("--client-name must be letters, digits and . _ + - (it names the report folder)");
        }
        int colon = account.indexOf(':');
        if (colon < 1 || colon == account.length() - 1) {
            throw UserError.usage("--account must be USER:PASSWORD");
        }
        ExpectedVerdicts expectations = loadExpectations();
        CertKit kit = loadCa();
        if (writeCa != null) {
            writePem(kit);
        }
        requireLoopback();
        Path dir = reportDir != null ? reportDir : Path.of("reports", "clients", clientName);
        BadServer.Options options = new BadServer.Options(address, port, directTlsPort, kit, stepTimeout, stallBound,
                served::contains, account.substring(0, colon), account.substring(colon + 1));
        Instant started = Instant.now();
        long startNanos = System.nanoTime();
        BadServer server;
        try {
            server = BadServer.start(options);
        } catch (IOException e) {
            throw UserError.target(e.getMessage());
        }
        CountDownLatch reported = new CountDownLatch(1);
        int[] exit = {ExitCode.INTERRUPTED};
        Thread hook = new Thread(() -> {
            server.close();
            try {
                reported.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            Runtime.getRuntime().halt(exit[0]);
        }, "serve-bad-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            out.printf("serve-bad: %d scenarios for %s on %s: STARTTLS port %d%s; stopping %s%n", served.size(),
                    clientName, address, server.starttlsPort(),
                    server.directTlsPort() > 0 ? ", direct TLS port " + server.directTlsPort() : "",
                    untilIdle == null ? "after " + describe(duration) : "when idle for " + describe(untilIdle)
                            + " (at most " + describe(duration) + ")");
            out.flush();
            server.onConnection(r -> {
                synchronized (out) {
                    out.println(r.line());
                    out.flush();
                }
            });
            // Without --until-idle, serving for the whole --duration is the point (or until a signal closes it).
            server.awaitIdle(untilIdle != null ? untilIdle : duration.multipliedBy(2), duration);
            server.close();
            RunResult result = ClientVerdicts.judge(clientName, address, server.starttlsPort(), server.directTlsPort(),
                    served, server.records(), started, Duration.ofNanos(System.nanoTime() - startNanos));
            ReportFiles.writeAll(result, dir);
            exit[0] = summarize(out, result, expectations, dir);
            return exit[0];
        } finally {
            server.close();
            reported.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // A signal came: the hook ends the process with the code set above.
            }
        }
    }

    private int summarize(PrintWriter out, RunResult result, ExpectedVerdicts expectations, Path dir) {
        for (TestResult t : result.tests()) {
            out.printf("%-10s %-26s %s%n", t.outcome().word(), t.name(), t.reason() == null ? "" : t.reason());
        }
        result.notices().forEach(n -> out.println("notice: " + n));
        var s = result.summary();
        out.printf("%s: %d passed, %d failed, %d errors; reports in %s%n", clientName, s.passed(), s.failed(), s.errors(), dir);
        int code = s.failed() + s.errors() == 0 ? ExitCode.OK : ExitCode.FAILURES;
        if (expectations != null) {
            List<ExpectedVerdicts.Deviation> deviations = expectations.compare(result.tests());
            deviations.forEach(d -> out.println("changed: " + d));
            List<String> missing = expectations.notRun(result.tests());
            missing.forEach(m -> out.println("not run: " + m + " (listed in " + expected + ")"));
            out.println(deviations.isEmpty() ? "every verdict as expected (" + expected + ")"
                    : deviations.size() + " verdicts differ from " + expected);
            code = deviations.isEmpty() ? ExitCode.OK : ExitCode.FAILURES;
        }
        out.flush();
        return code;
    }

    private Predicate<BadScenario> selection() {
        if (scenarios.isEmpty()) {
            return s -> true;
        }
        List<Pattern> patterns = new ArrayList<>();
        for (String glob : scenarios) {
            String regex = Pattern.quote(glob.trim()).replace("*", "\\E.*\\Q");
            patterns.add(Pattern.compile(regex));
        }
        Predicate<BadScenario> any = s -> patterns.stream().anyMatch(p -> p.matcher(s.id()).matches());
        if (BadScenario.all().stream().noneMatch(s -> s.kind() != BadScenario.Kind.GOOD && any.test(s))) {
            throw UserError.usage("--scenario " + String.join(",", scenarios) + " matches no scenario (see --list)");
        }
        return any;
    }

    private CertKit loadCa() {
        if (ca == null) {
            if (caKey != null) {
                throw UserError.usage("--ca-key needs --ca");
            }
            return CertKit.newCa("Stanzalab serve-bad CA");
        }
        Path key = caKey != null ? caKey : ca.resolveSibling(ca.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".key");
        if (!Files.isReadable(ca) || !Files.isReadable(key)) {
            throw UserError.usage("cannot read the CA " + ca + " and its key " + key);
        }
        try {
            return CertKit.loadCa(ca, key);
        } catch (IOException | RuntimeException e) {
            throw UserError.usage("cannot load the CA " + ca + " with key " + key + ": " + e.getMessage());
        }
    }

    private void writePem(CertKit kit) {
        try {
            String pem = "-----BEGIN CERTIFICATE-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(kit.caCertificate().getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
            ReportFiles.write(writeCa, pem);
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("cannot encode the CA certificate", e);
        }
    }

    private void requireLoopback() {
        try {
            if (!InetAddress.getByName(address).isLoopbackAddress()) {
                throw UserError.usage("--address must be a loopback address (127.0.0.0/8 or ::1), not " + address);
            }
        } catch (IOException e) {
            throw UserError.usage("--address " + address + " is not an address");
        }
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

    private static String describe(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }
}
