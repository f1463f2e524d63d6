package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Interruption;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;

/** merge: partial runs of one server become one set of reports; runs of different servers are refused. */
class MergeCommandTest {
    private static final SpecRef SPEC = new SpecRef("XEP-0199", "2.0.1", "4.2", Level.MUST, "ping is answered");

    @TempDir
    Path dir;

    private Path results(String name, String domain, String startedAt, List<String> notRun, String... passed) throws IOException {
        List<TestResult> tests = java.util.Arrays.stream(passed)
                .map(id -> new TestResult(id, id, SPEC, Outcome.PASSED, 5, null, List.of())).toList();
        RunResult run = new RunResult(RunResult.SCHEMA, "stanzalab", startedAt,
                new TargetInfo(domain, "127.0.0.1", 5222, "starttls", "system"), null, Summary.of(tests, 1.0),
                List.of(), List.of(), tests, notRun.isEmpty() ? null : new Interruption("stopped by a signal", notRun), null, List.of());
        Path file = dir.resolve(name);
        ResultsJson.write(run, file);
        return file;
    }

    @Test
    void partialRunsOfOneServerBecomeOneSetOfReports() throws IOException {
        Path a = results("a.json", "prosody.test", "2026-11-30T10:00:00Z", List.of("x.c"), "x.a", "x.b");
        Path b = results("b.json", "prosody.test", "2026-11-30T11:00:00Z", List.of(), "x.c");
        Path out = dir.resolve("merged");

        CommandLineTest.Outcome o = CommandLineTest.run("merge", a.toString(), b.toString(), "--report-dir", out.toString());

        assertEquals(ExitCode.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().startsWith("prosody.test: 2 runs merged, 3 tests: 3 passed, 0 failed, 0 impossible, 0 errors\n"), o.out());
        RunResult merged = ResultsJson.read(out.resolve("results.json"));
        assertEquals(3, merged.tests().size());
        assertEquals(List.of(), merged.notRun());
        assertTrue(Files.size(out.resolve("report.html")) > 0 && Files.size(out.resolve("summary.md")) > 0
                && Files.size(out.resolve("junit.xml")) > 0);
    }

    @Test
    void runsOfDifferentServersAreRefusedInOneLine() throws IOException {
        Path a = results("a.json", "prosody.test", "2026-11-30T10:00:00Z", List.of(), "x.a");
        Path b = results("b.json", "ejabberd.test", "2026-11-30T11:00:00Z", List.of(), "x.a");

        CommandLineTest.Outcome o = CommandLineTest.run("merge", a.toString(), b.toString(), "--report-dir", dir.resolve("m").toString());

        assertEquals(ExitCode.USAGE, o.code());
        assertEquals(1, o.err().lines().count(), o.err());
        assertTrue(o.err().contains("cannot merge runs of different servers: " + a + " is of prosody.test, " + b + " of ejabberd.test"), o.err());
        assertTrue(Files.notExists(dir.resolve("m")), "nothing written");
    }

    @Test
    void deadlinesReadAsSecondsMinutesOrHours() {
        RunCommand.Deadline deadline = new RunCommand.Deadline();
        assertEquals(Duration.ofSeconds(90), deadline.convert("90s"));
        assertEquals(Duration.ofMinutes(10), deadline.convert("10m"));
        assertEquals(Duration.ofHours(1), deadline.convert("1h"));
        assertEquals(Duration.ofSeconds(30), deadline.convert("30"));
        CommandLineTest.Outcome o = CommandLineTest.run("run", "--deadline", "soon", "--domain", "x.test");
        assertEquals(ExitCode.USAGE, o.code(), o.err());
    }
}
