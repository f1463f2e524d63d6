package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;

/** compare and summary: exit codes, outputs and files, and bad input as one line. */
class CompareAndSummaryCommandTest {
    private static final SpecRef SPEC = new SpecRef("XEP-0199", "2.0.1", "4.2", Level.MUST, "ping is answered");

    @TempDir
    Path dir;

    private Path results(String name, List<ProfileVerdict> profiles, String... tests) throws IOException {
        List<TestResult> list = new ArrayList<>();
        for (String t : tests) {
            String[] parts = t.split("=", 2);
            Outcome outcome = Outcome.parse(parts[1]);
            list.add(new TestResult(parts[0], parts[0], SPEC, outcome, 5,
                    outcome == Outcome.PASSED ? null : "XEP-0199 §4.2 (MUST): " + parts[0] + " went wrong", List.of()));
        }
        RunResult run = new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T00:00:00Z",
                new TargetInfo("example.test", "127.0.0.1", 5222, "starttls", "system"), null, Summary.of(list, 1.0),
                List.of(), profiles, list);
        Path file = dir.resolve(name);
        ResultsJson.write(run, file);
        return file;
    }

    private Path results(String name, String... tests) throws IOException {
        return results(name, List.of(), tests);
    }

    @Test
    void noRegressionExitsZero() throws IOException {
        Path old = results("old.json", "a=passed", "b=failed");
        Path fixed = results("new.json", "a=passed", "b=passed");
        CommandLineTest.Outcome o = CommandLineTest.run("compare", old.toString(), fixed.toString());
        assertEquals(ExitCode.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("new passes (1):\n  b  failed → passed\n"), o.out());
        assertTrue(o.out().contains("0 regressions, 1 new pass, 0 other changes, 0 added, 0 removed, 1 unchanged"), o.out());
    }

    @Test
    void aRegressionExitsOneAndNamesTheTestWithItsReason() throws IOException {
        Path old = results("old.json", "a=passed", "b=passed");
        Path broken = results("new.json", "a=passed", "b=failed");
        CommandLineTest.Outcome o = CommandLineTest.run("compare", old.toString(), broken.toString());
        assertEquals(ExitCode.FAILURES, o.code());
        assertTrue(o.out().contains("  b  passed → failed  XEP-0199 §4.2 (MUST): b went wrong\n"), o.out());
        assertTrue(o.out().contains("1 regression, 0 new passes"), o.out());
    }

    @Test
    void failOnChangeAlsoFailsOnImprovementsAndSelectionChanges() throws IOException {
        Path old = results("old.json", "a=failed");
        Path better = results("new.json", "a=passed");
        Path other = results("other.json", "a=failed", "c=passed");
        assertEquals(ExitCode.OK, CommandLineTest.run("compare", old.toString(), better.toString()).code());
        assertEquals(ExitCode.FAILURES, CommandLineTest.run("compare", "--fail-on-change", old.toString(), better.toString()).code());
        assertEquals(ExitCode.FAILURES, CommandLineTest.run("compare", "--fail-on-change", old.toString(), other.toString()).code());
        assertEquals(ExitCode.OK, CommandLineTest.run("compare", "--fail-on-change", old.toString(), old.toString()).code());
    }

    @Test
    void jsonOutputAndMarkdownFile() throws Exception {
        Path old = results("old.json", "a=passed", "b=passed");
        Path broken = results("new.json", "a=passed", "b=error");
        Path md = dir.resolve("out/compare.md");
        CommandLineTest.Outcome o = CommandLineTest.run("compare", "--json", "--markdown", md.toString(), old.toString(), broken.toString());
        assertEquals(ExitCode.FAILURES, o.code(), o.err());
        JsonNode root = new ObjectMapper().readTree(o.out());
        assertEquals(1, root.at("/counts/regressions").asInt());
        assertEquals("new-error", root.at("/changes/0/kind").asText());
        assertTrue(Files.readString(md).contains("| `b` | passed → error |"), Files.readString(md));
    }

    @Test
    void badFilesAreOneLineUsageErrors() throws IOException {
        Path good = results("good.json", "a=passed");
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{ not json");
        Path notResults = Files.writeString(dir.resolve("other.json"), "{\"name\": \"something else\"}");
        Path badVerdict = Files.writeString(dir.resolve("verdict.json"), "{\"tests\": [{\"id\": \"a\", \"outcome\": \"great\"}]}");
        check(CommandLineTest.run("compare", good.toString(), dir.resolve("missing.json").toString()), "no such file");
        check(CommandLineTest.run("compare", garbage.toString(), good.toString()), "is not a Stanzalab results.json");
        check(CommandLineTest.run("compare", good.toString(), notResults.toString()), "no \"tests\" list");
        check(CommandLineTest.run("compare", good.toString(), badVerdict.toString()), "unknown verdict 'great'");
        check(CommandLineTest.run("compare", good.toString(), dir.toString()), "not a readable file");
        check(CommandLineTest.run("compare", good.toString()), "NEW.json");
        check(CommandLineTest.run("summary", garbage.toString()), "is not a Stanzalab results.json");
    }

    private static void check(CommandLineTest.Outcome o, String fragment) {
        assertEquals(ExitCode.USAGE, o.code(), o.out() + o.err());
        o.assertOneLineError(fragment);
    }

    @Test
    void summaryPrintsMarkdownAndWritesBadges() throws Exception {
        ProfileVerdict profile = new ProfileVerdict("xep0479-im-core", "IM core", "XEP-0479", RowOutcome.FAILED, List.of());
        Path run = results("results.json", List.of(profile), "a=passed", "b=failed", "c=impossible");
        Path badges = dir.resolve("badges");
        CommandLineTest.Outcome o = CommandLineTest.run("summary", run.toString(), "--badges", badges.toString());
        assertEquals(ExitCode.OK, o.code(), o.err());
        assertTrue(o.out().startsWith("## Stanzalab: example.test failed"), o.out());
        assertTrue(o.out().contains("| `xep0479-im-core` IM core | failed |"), o.out());
        for (String name : new String[] {"stanzalab.svg", "xep0479-im-core.svg"}) {
            Path svg = badges.resolve(name);
            assertTrue(Files.exists(svg), name);
            DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(svg.toFile());
        }
        assertTrue(Files.readString(badges.resolve("stanzalab.svg")).contains("<title>stanzalab: 1/3 passed</title>"));
    }

    @Test
    void summaryWritesMarkdownToAFileWhenAsked() throws IOException {
        Path run = results("results.json", "a=passed");
        Path md = dir.resolve("summary.md");
        CommandLineTest.Outcome o = CommandLineTest.run("summary", run.toString(), "--markdown", md.toString());
        assertEquals(ExitCode.OK, o.code(), o.err());
        assertEquals("", o.out());
        assertTrue(Files.readString(md).contains("Every test passed."));
        assertFalse(Files.exists(dir.resolve("badges")));
    }

    @Test
    void profileIdsBecomeSafeFileNames() {
        assertEquals("nta7532-basic", SummaryCommand.fileName("nta7532/basic"));
        assertEquals("profile-..-x", SummaryCommand.fileName("../x"));
        assertEquals("xep0479-im-core", SummaryCommand.fileName("xep0479-im-core"));
    }
}
