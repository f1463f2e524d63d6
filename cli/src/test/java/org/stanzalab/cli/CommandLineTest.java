package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract with scripts: exit codes, and errors as one line without a stack trace. */
class CommandLineTest {

    record Outcome(int code, String out, String err) {
        void assertOneLineError(String fragment) {
            assertEquals(1, err.strip().lines().count(), "exactly one line on stderr, got:\n" + err);
            assertTrue(err.contains(fragment), "stderr should mention '" + fragment + "':\n" + err);
            assertFalse(err.contains("\tat "), "no stack trace:\n" + err);
        }
    }

    static Outcome run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Stanzalab.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Outcome(code, out.toString(), err.toString());
    }

    @Test
    void everyCommandExplainsItselfWithHelp() {
        for (String command : new String[] {"run", "federate", "list", "catalog", "report", "compare", "summary"}) {
            Outcome o = run(command, "--help");
            assertEquals(0, o.code(), command + " --help: " + o.err());
            assertTrue(o.out().startsWith("Usage: stanzalab " + command), command + " --help printed:\n" + o.out());
        }
    }

    @Test
    void unknownFlagIsAUsageError() {
        Outcome o = run("run", "--no-such-flag");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("--no-such-flag");
    }

    @Test
    void runWithoutTargetIsAUsageError() {
        Outcome o = run("run", "--register");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("no target");
    }

    @Test
    void badTlsModeIsAUsageError() {
        Outcome o = run("run", "--domain", "example.test", "--tls", "ssl2", "--register");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("unknown TLS mode");
    }

    @Test
    void unknownSaslMechanismIsAUsageError() {
        Outcome o = run("run", "--domain", "example.test", "--register", "--sasl", "SCRAM-SHA-1", "--sasl", "NOPE");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("--sasl NOPE: unknown SASL mechanism");
    }

    @Test
    void unknownReferenceServerIsAUsageError() {
        Outcome o = run("run", "--target", "nosuchserver");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("servers/up");
    }

    @Test
    void configFileWithUnknownKeyIsAUsageError(@TempDir Path dir) throws IOException {
        Path config = Files.writeString(dir.resolve("t.properties"), "domain=example.test\nadmn=admin:pw\n");
        Outcome o = run("run", "-c", config.toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("unknown key 'admn'");
    }

    @Test
    void selectionThatMatchesNothingIsAUsageError() {
        Outcome o = run("run", "--domain", "example.test", "--register", "--test", "no.such.Test");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("no test matches");
    }

    @Test
    void closedPortIsUnreachableQuicklyWithOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        long t0 = System.nanoTime();
        Outcome o = run("run", "--domain", "example.test", "--host", "127.0.0.1", "--port", String.valueOf(port),
                "--register", "--report-dir", System.getProperty("java.io.tmpdir") + "/stanzalab-cli-test");
        long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
        assertEquals(ExitCode.TARGET, o.code(), o.err());
        o.assertOneLineError("cannot connect to 127.0.0.1:" + port);
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    @Test
    void listShowsSpecReferences() {
        Outcome o = run("list", "--spec", "XEP-0199");
        assertEquals(ExitCode.OK, o.code(), o.err());
        assertTrue(o.out().contains("xep0199.ClientToServerPing.serverAnswersPingWithResult"), o.out());
        assertTrue(o.out().contains("XEP-0199 §4.2 MUST"), o.out());
    }

    @Test
    void specFilterIgnoresSpacesDashesAndCase() {
        Outcome a = run("list", "--spec", "xep0199");
        Outcome b = run("list", "--spec", "XEP-0199");
        assertEquals(a.out(), b.out());
    }

    @Test
    void testPatternsSelectByIdPrefixAndGlob() {
        Outcome prefix = run("list", "--test", "xep0199.ClientToServerPing");
        Outcome glob = run("list", "--test", "xep0199.*Ping.*", "--exclude", "*WithoutAddress*");
        assertTrue(prefix.out().contains("pingWithoutAddressIsAnsweredByServer"));
        assertFalse(glob.out().contains("pingWithoutAddressIsAnsweredByServer"), glob.out());
        assertTrue(glob.out().contains("serverAnswersPingWithResult"), glob.out());
    }

    @Test
    void anUnexpectedExceptionIsAnInternalErrorWithItsOwnExitCode() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cli = new picocli.CommandLine(new Stanzalab()).addSubcommand("boom", new Boom());
        int code = Stanzalab.execute(cli, new String[] {"boom"}, new PrintWriter(out, true), new PrintWriter(err, true));
        assertEquals(ExitCode.INTERNAL, code);
        new Outcome(code, out.toString(), err.toString()).assertOneLineError("internal error");
        assertTrue(err.toString().contains("IllegalStateException: the tool broke"), err.toString());
    }

    @picocli.CommandLine.Command(name = "boom")
    static final class Boom implements java.util.concurrent.Callable<Integer> {
        @Override
        public Integer call() {
            throw new IllegalStateException("the tool broke\nsecond line never shown");
        }
    }

    @Test
    void runHelpListsTheExitCodesAndTheEnvironment() {
        Outcome o = run("run", "--help");
        for (String expected : new String[] {"Exit codes:", "4   internal error", "3   a server could not be reached",
                "Environment:", "STANZALAB_DOMAIN", "STANZALAB_ADMIN", "STANZALAB_HOME"}) {
            assertTrue(o.out().contains(expected), "run --help should mention '" + expected + "':\n" + o.out());
        }
    }
}
