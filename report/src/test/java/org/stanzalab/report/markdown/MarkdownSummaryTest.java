package org.stanzalab.report.markdown;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.report.compare.Comparison;
import org.stanzalab.report.compare.TestRuns;

class MarkdownSummaryTest {

    @Test
    void headlineSaysTargetCountsWallTimeAndVerdict() {
        String md = MarkdownSummary.render(TestRuns.run("a=passed", "b=failed:x", "c=impossible:y"));
        assertTrue(md.startsWith("## Stanzalab: example.test failed\n"), md);
        assertTrue(md.contains("**3 tests**: 1 passed, 1 failed, 1 impossible, 0 errors; wall time 2.3 s"), md);
        assertTrue(MarkdownSummary.render(TestRuns.run("a=passed", "c=impossible:y")).startsWith("## Stanzalab: example.test passed"));
        assertTrue(MarkdownSummary.render(TestRuns.run("a=passed", "c=error:y")).startsWith("## Stanzalab: example.test error"));
    }

    @Test
    void specificationTableHasARowPerDocumentAndTotals() {
        String md = MarkdownSummary.render(TestRuns.run("a=passed", "b=failed:x", "c=impossible:y", "d=error:z"));
        assertTrue(md.contains("| RFC 6120 | 4 | 1 | 1 | 1 | 1 |\n"), md);
        assertTrue(md.contains("| **All** | 4 | 1 | 1 | 1 | 1 |\n"), md);
        assertFalse(md.contains("### Profiles"), "no profile table without profiles");
    }

    @Test
    void nonPassingTestsListFailuresFirstWithCitationAndTheReasonWithoutItsCitation() {
        String md = MarkdownSummary.render(TestRuns.run("a.imp=impossible:no feature", "b.err=error:reset",
                "z.fail=failed:RFC 6120 §8.4 (MUST): got nothing\nmore lines"));
        List<String> rows = md.lines().filter(l -> l.startsWith("| `")).toList();
        assertEquals(3, rows.size(), md);
        assertEquals("| `z.fail` | failed | RFC 6120 §8.4 (MUST) | got nothing |", rows.get(0));
        assertTrue(rows.get(1).startsWith("| `b.err` | error"), rows.get(1));
        assertTrue(rows.get(2).startsWith("| `a.imp` | impossible"), rows.get(2));
        assertFalse(md.contains("more lines"));
    }

    @Test
    void securityRelevantFailuresGetTheirOwnTableAndLeadTheListMarked() {
        String md = MarkdownSummary.render(TestRuns.securityRelevant(TestRuns.run("a.fail=failed:plain", "s.fail=failed:bound bob",
                "s.pass=passed"), "s.fail", "s.pass"));
        int section = md.indexOf("### Security-relevant failures (1)\n");
        assertTrue(section > 0 && section < md.indexOf("### Specifications"), md);
        assertTrue(md.contains("| `s.fail` | RFC 6120 §6.5.6 (MUST) | bound bob |\n"), md);
        assertFalse(md.contains("`s.pass`"), "a passed security-relevant test is not listed");
        List<String> notPassing = md.substring(md.indexOf("### Tests that did not pass")).lines().filter(l -> l.startsWith("| `")).toList();
        assertEquals("| `s.fail` | **failed (security)** | RFC 6120 §6.5.6 (MUST) | bound bob |", notPassing.get(0));
        assertTrue(notPassing.get(1).startsWith("| `a.fail` | failed |"), notPassing.get(1));
        assertFalse(MarkdownSummary.render(TestRuns.run("a.fail=failed:plain")).contains("Security-relevant"));
    }

    @Test
    void reasonsCannotBreakTheTableOrBecomeMarkup() {
        String md = MarkdownSummary.render(TestRuns.run(
                "t=failed:got <stream:error/> | from `alice@example.test` *now* [link](x) & $x$"));
        String row = md.lines().filter(l -> l.startsWith("| `t`")).findFirst().orElseThrow();
        assertEquals(6, row.split("(?<!\\\\)\\|", -1).length, "4 cells, 5 unescaped pipes: " + row);
        assertTrue(row.contains("got \\<stream:error/\\> \\| from \\`alice\\@example.test\\` \\*now\\* \\[link\\](x) \\& \\$x\\$"), row);
    }

    @Test
    void textEscapesNewlinesAndCodeSpansSurviveBackticksAndPipes() {
        assertEquals("a<br>b \\| c", Markdown.text("a\nb | c"));
        assertEquals("a<br>b", Markdown.text("a\r\nb"));
        assertEquals("`rfc6120.A.b[x]`", Markdown.code("rfc6120.A.b[x]"));
        assertEquals("``a`b``", Markdown.code("a`b"));
        assertEquals("``` ``x ```", Markdown.code("``x"));
        assertEquals("`a\\|b c`", Markdown.code("a|b\nc"));
    }

    @Test
    void longListsAreCutWithACount() {
        List<String> tests = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            tests.add(String.format("t%02d=failed:reason %d", i, i));
        }
        RunResult run = TestRuns.run(tests.toArray(String[]::new));
        String md = MarkdownSummary.render(run);
        assertEquals(50, md.lines().filter(l -> l.startsWith("| `t")).count());
        assertTrue(md.contains("### Tests that did not pass (60)"), md);
        assertTrue(md.contains("and 10 more"), md);
        assertEquals(5, MarkdownSummary.render(run, 5).lines().filter(l -> l.startsWith("| `t")).count());
    }

    @Test
    void profilesGetATableWithRowCounts() {
        ProfileVerdict profile = new ProfileVerdict("xep0479-im-core", "IM | Core", "XEP-0479", RowOutcome.FAILED, List.of(
                new ProfileVerdict.RowVerdict("r1", "roster", List.of("RFC 6121"), RowOutcome.PASSED, List.of("a"), null),
                new ProfileVerdict.RowVerdict("r2", "ping", List.of("XEP-0199"), RowOutcome.FAILED, List.of("b"), "no pong"),
                new ProfileVerdict.RowVerdict("r3", "muc", List.of("XEP-0045"), RowOutcome.UNDECIDED, List.of(), "no suite"),
                new ProfileVerdict.RowVerdict("r4", "mam", List.of("XEP-0313"), RowOutcome.UNDECIDED, List.of(), "no suite")));
        String md = MarkdownSummary.render(TestRuns.run(List.of(profile), "a=passed", "b=failed:x"));
        assertTrue(md.contains("### Profiles"), md);
        assertTrue(md.contains("| `xep0479-im-core` IM \\| Core | failed | 1 | 1 | 2 |\n"), md);
    }

    @Test
    void everyTestPassedSaysSo() {
        assertTrue(MarkdownSummary.render(TestRuns.run("a=passed")).contains("Every test passed."));
    }

    @Test
    void comparisonHasATablePerKindOfChange() {
        Comparison c = Comparison.of(TestRuns.run("a=passed", "b=failed:x"), TestRuns.run("a=failed:a | b", "b=passed"));
        String md = MarkdownComparison.render(c, "old.json", "new.json");
        assertTrue(md.startsWith("## Stanzalab comparison: regressions\n"), md);
        assertTrue(md.contains("### new failures (1)"), md);
        assertTrue(md.contains("| `a` | passed → failed | RFC 6120 §8.4 (MUST) | a \\| b |"), md);
        assertTrue(md.contains("### new passes (1)"), md);
        assertTrue(md.contains("1 regression, 1 new pass"), md);
        String same = MarkdownComparison.render(Comparison.of(TestRuns.run("a=passed"), TestRuns.run("a=passed")), "x", "y");
        assertTrue(same.startsWith("## Stanzalab comparison: no regressions\n"), same);
        assertTrue(same.contains("No verdict changed."), same);
    }
}
