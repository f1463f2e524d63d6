package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;

class ReportCommandTest {

    private static Path results(Path dir, String domain) throws Exception {
        TestResult t = new TestResult("rfc6120.A.b", "b", new SpecRef("RFC 6120", "", "4", Level.MUST, "r"), Outcome.FAILED, 1,
                "no", List.of());
        RunResult run = new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T00:00:00Z",
                new TargetInfo(domain, "127.0.0.1", 5222, "starttls", "system"), null, Summary.of(List.of(t), 1), List.of(), List.of(), List.of(t));
        Path file = dir.resolve(domain).resolve("results.json");
        ResultsJson.write(run, file);
        return file;
    }

    @Test
    void oneFileGivesTheReportNextToIt(@TempDir Path dir) throws Exception {
        Path in = results(dir, "a.test");
        CommandLineTest.Outcome o = CommandLineTest.run("report", in.toString());
        assertEquals(ExitCode.OK, o.code(), o.err());
        Path report = in.resolveSibling("report.html");
        assertEquals(report.toAbsolutePath().normalize().toString(), o.out().strip());
        assertTrue(Files.readString(report).contains("<table class=\"tests\""));
    }

    @Test
    void twoFilesGiveTheMatrix(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("m.html");
        CommandLineTest.Outcome o = CommandLineTest.run("report", "-o", out.toString(),
                results(dir, "a.test").toString(), results(dir, "b.test").toString());
        assertEquals(ExitCode.OK, o.code(), o.err());
        assertTrue(Files.readString(out).contains("<table class=\"matrix\""));
    }

    @Test
    void missingFileIsAUsageError(@TempDir Path dir) {
        CommandLineTest.Outcome o = CommandLineTest.run("report", dir.resolve("nope.json").toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("cannot read");
    }

    @Test
    void garbageAndForeignJsonAreUsageErrors(@TempDir Path dir) throws Exception {
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not json\n at all");
        CommandLineTest.Outcome o = CommandLineTest.run("report", garbage.toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("is not a Stanzalab results.json");
        Path foreign = Files.writeString(dir.resolve("package.json"), "{\"name\": \"left-pad\"}");
        o = CommandLineTest.run("report", foreign.toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("is not a Stanzalab results.json");
        Path array = Files.writeString(dir.resolve("array.json"), "[1, 2]");
        o = CommandLineTest.run("report", array.toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("is not a Stanzalab results.json");
    }

    @Test
    void noInputIsAUsageError() {
        CommandLineTest.Outcome o = CommandLineTest.run("report");
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("RESULTS.json");
    }
}
