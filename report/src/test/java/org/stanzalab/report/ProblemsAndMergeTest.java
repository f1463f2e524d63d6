package org.stanzalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Distress;
import org.stanzalab.model.Interruption;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.report.html.HtmlReport;
import org.stanzalab.report.markdown.MarkdownSummary;

/** Failures grouped into problems, partial runs merged, and interrupted runs in results.json and the reports. */
class ProblemsAndMergeTest {
    private static final SpecRef MUST = new SpecRef("RFC 7622", "", "4", Level.MUST, "malformed JIDs are refused");
    private static final SpecRef SHOULD = new SpecRef("RFC 6120", "", "8.3", Level.SHOULD, "errors carry text");
    private static final TargetInfo EJABBERD = new TargetInfo("ejabberd.test", "127.0.0.2", 5222, "starttls", "CA file");

    private static TestResult failed(String id, SpecRef spec, String reason) {
        return new TestResult(id, id, spec, Outcome.FAILED, 3, spec.citation() + ": " + reason, List.of());
    }

    private static TestResult result(String id, Outcome outcome) {
        return new TestResult(id, id, MUST, outcome, 3, outcome == Outcome.PASSED ? null : "why", List.of());
    }

    private static RunResult run(String startedAt, TargetInfo target, Interruption interrupted, Distress distress, TestResult... tests) {
        List<TestResult> list = List.of(tests);
        return new RunResult(RunResult.SCHEMA, "stanzalab", startedAt, target, null, Summary.of(list, 2), List.of(), List.of(),
                list, interrupted, distress, List.of());
    }

    private final List<TestResult> failures = List.of(
            failed("rfc7622.Local.excluded[amp]", MUST, "the stanza to 'ju&liet@ejabberd.test' must be refused, but the server answered error <bad-request/>"),
            failed("rfc7622.Local.excluded[colon]", MUST, "the stanza to 'ju:liet@ejabberd.test' must be refused, but the server answered error <bad-request/>"),
            failed("rfc7622.Local.excluded[space]", MUST, "the stanza to 'ju liet@ejabberd.test' must be refused, but the server answered nothing within 5 s"),
            failed("rfc6120.Errors.text", SHOULD, "error from sl-3k2hij-107@ejabberd.test/7392705886 (id q-9f278184) has no <text/>"),
            new TestResult("rfc6120.Sasl.authzid", "authzid", MUST, Outcome.FAILED, 3, "bound <bob>", List.of(), true));

    @Test
    void failuresOfOneMethodWithOneCauseAreOneProblemMostSeriousFirst() {
        List<Problems.Problem> problems = Problems.of(failures);

        assertEquals(List.of("rfc6120.Sasl.authzid", "rfc7622.Local.excluded", "rfc7622.Local.excluded", "rfc6120.Errors.text"),
                problems.stream().map(Problems.Problem::method).toList(), "security first, then MUST, then SHOULD");
        assertEquals(2, problems.get(1).cases().size(), "two characters refused with the same wrong condition");
        assertEquals(1, problems.get(2).cases().size(), "no answer at all is another problem");
        assertEquals("ejabberd.test: 5 failures, 4 problems", Problems.headline("ejabberd.test", failures, problems));
        assertEquals(Problems.cause("error from alice@x.test/abc123 (id q-1) has no <text/>"),
                Problems.cause("error from bob@x.test/77 (id route-9f27) has no <text/>"), "JIDs, ids and asides set aside");
    }

    @Test
    void theHtmlReportAndTheSummaryListProblemsWithTheirCasesBehindAClick(@TempDir Path dir) throws Exception {
        RunResult run = run("2026-11-30T10:00:00Z", EJABBERD, null, null, failures.toArray(TestResult[]::new));
        HtmlReport.write(run, dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));
        String md = MarkdownSummary.render(run);

        assertTrue(html.contains("Problems: ejabberd.test: 5 failures, 4 problems</h2>"), html);
        assertEquals(4, html.split("<details class=\"problem\"").length - 1);
        assertTrue(html.indexOf("<section class=\"problems\"") < html.indexOf("<main>"), "problems before the per-test tables");
        assertTrue(html.contains("<table class=\"tests\">"), "the per-test tables stay");
        assertTrue(md.contains("### Problems: ejabberd.test: 5 failures, 4 problems\n"), md);
        assertTrue(md.contains("<details><summary><b>MUST</b> RFC 7622 §4 (MUST) <code>rfc7622.Local.excluded</code>, 2 cases: "
                + "the stanza to 'ju&amp;liet@ejabberd.test' must be refused"), md);
    }

    @Test
    void anInterruptedRunKeepsItsNotRunListThroughResultsJsonAndSaysSoInTheReports(@TempDir Path dir) throws Exception {
        RunResult run = run("2026-11-30T10:00:00Z", EJABBERD, new Interruption("deadline of 1m reached", List.of("b.c", "b.d")),
                new Distress(12, 16, 4), result("a.b", Outcome.PASSED));
        Path file = dir.resolve("results.json");
        ResultsJson.write(run, file);
        RunResult read = ResultsJson.read(file);
        HtmlReport.write(read, dir.resolve("report.html"));
        String html = Files.readString(dir.resolve("report.html"));

        assertEquals(List.of("b.c", "b.d"), read.notRun());
        assertEquals("server in distress: 12 set-up retries, parallelism lowered 16 -> 4 at the lowest", read.distress().describe());
        assertTrue(html.contains("Interrupted: 2 tests not run</h2>"), html);
        assertTrue(MarkdownSummary.render(read).contains("**Interrupted**: deadline of 1m reached; 2 selected tests not run"));
    }

    @Test
    void aFileOfSchemaFourStillReads(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("old.json");
        Files.writeString(file, "{\"schema\":4,\"tool\":\"stanzalab\",\"startedAt\":\"2026-11-01T00:00:00Z\","
                + "\"target\":{\"domain\":\"prosody.test\"},\"tests\":[{\"id\":\"a.b\",\"outcome\":\"passed\"}]}");
        RunResult old = ResultsJson.read(file);
        assertNull(old.interrupted());
        assertEquals(List.of(), old.notRun());
        assertNull(old.distress());
    }

    @Test
    void mergingKeepsTheLaterVerdictFlagsTheChangeAndEmptiesTheNotRunListOfWhatRanLater() {
        RunResult first = run("2026-11-30T10:00:00Z", EJABBERD, new Interruption("stopped by a signal", List.of("b.c", "b.d")),
                null, result("a.b", Outcome.FAILED));
        RunResult second = run("2026-11-30T11:00:00Z", EJABBERD, null, new Distress(3, 8, 4),
                result("a.b", Outcome.PASSED), result("b.c", Outcome.PASSED), result("b.d[case]", Outcome.FAILED));

        RunResult merged = Merge.of(List.of(second, first));

        assertEquals(List.of("a.b", "b.c", "b.d[case]"), merged.tests().stream().map(TestResult::id).toList());
        assertEquals(Outcome.PASSED, merged.tests().get(0).outcome(), "the later run's verdict");
        assertNull(merged.interrupted(), "every test the first run missed ran in the second");
        assertEquals(3, merged.summary().total());
        assertEquals(4.0, merged.summary().wallSeconds());
        assertTrue(merged.notices().stream().anyMatch(n -> n.contains("a.b (failed -> passed)")), merged.notices().toString());
        assertEquals("2026-11-30T10:00:00Z", merged.startedAt());
        assertEquals(3, merged.distress().setUpRetries());
    }
}
