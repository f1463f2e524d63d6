package org.stanzalab.report.compare;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.model.Outcome.ERROR;
import static org.stanzalab.model.Outcome.FAILED;
import static org.stanzalab.model.Outcome.IMPOSSIBLE;
import static org.stanzalab.model.Outcome.PASSED;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.stanzalab.model.Outcome;

class ComparisonTest {

    @Test
    void everyPairOfVerdictsHasOneKind() {
        assertEquals(ChangeKind.NEW_FAILURE, ChangeKind.classify(PASSED, FAILED));
        assertEquals(ChangeKind.NEW_FAILURE, ChangeKind.classify(IMPOSSIBLE, FAILED));
        assertEquals(ChangeKind.NEW_FAILURE, ChangeKind.classify(null, FAILED));
        assertEquals(ChangeKind.OTHER, ChangeKind.classify(ERROR, FAILED));
        for (Outcome before : new Outcome[] {null, PASSED, FAILED, IMPOSSIBLE}) {
            assertEquals(ChangeKind.NEW_ERROR, ChangeKind.classify(before, ERROR), "from " + before);
        }
        assertEquals(ChangeKind.NEW_PASS, ChangeKind.classify(FAILED, PASSED));
        assertEquals(ChangeKind.NEW_PASS, ChangeKind.classify(ERROR, PASSED));
        assertEquals(ChangeKind.NEW_PASS, ChangeKind.classify(IMPOSSIBLE, PASSED));
        assertEquals(ChangeKind.ADDED, ChangeKind.classify(null, PASSED));
        assertEquals(ChangeKind.NEWLY_IMPOSSIBLE, ChangeKind.classify(PASSED, IMPOSSIBLE));
        assertEquals(ChangeKind.OTHER, ChangeKind.classify(FAILED, IMPOSSIBLE));
        assertEquals(ChangeKind.OTHER, ChangeKind.classify(ERROR, IMPOSSIBLE));
        assertEquals(ChangeKind.ADDED, ChangeKind.classify(null, IMPOSSIBLE));
        for (Outcome before : Outcome.values()) {
            assertEquals(ChangeKind.REMOVED, ChangeKind.classify(before, null));
            assertNull(ChangeKind.classify(before, before));
        }
    }

    @Test
    void regressionsAreNewFailuresNewErrorsAndLostFeatures() {
        List<ChangeKind> regressions = List.of(ChangeKind.values()).stream().filter(ChangeKind::isRegression).toList();
        assertEquals(List.of(ChangeKind.NEW_FAILURE, ChangeKind.NEW_ERROR, ChangeKind.NEWLY_IMPOSSIBLE), regressions);
    }

    private final Comparison comparison = Comparison.of(
            TestRuns.run("a.same=passed", "b.breaks=passed", "c.fixed=failed:old", "d.errs=passed", "e.lost=passed",
                    "f.other=failed:x", "g.gone=failed:y", "i.sameFail=failed:same"),
            TestRuns.run("a.same=passed", "b.breaks=failed:no pong\nsecond line", "c.fixed=passed", "d.errs=error:reset",
                    "e.lost=impossible:no feature", "f.other=impossible:z", "h.new=passed", "j.newFail=failed:boom",
                    "i.sameFail=failed:same"));

    @Test
    void changesAreGroupedByKindAndEachTestIsCountedOnce() {
        assertEquals(List.of("b.breaks", "j.newFail"), ids(ChangeKind.NEW_FAILURE));
        assertEquals(List.of("d.errs"), ids(ChangeKind.NEW_ERROR));
        assertEquals(List.of("e.lost"), ids(ChangeKind.NEWLY_IMPOSSIBLE));
        assertEquals(List.of("c.fixed"), ids(ChangeKind.NEW_PASS));
        assertEquals(List.of("f.other"), ids(ChangeKind.OTHER));
        assertEquals(List.of("h.new"), ids(ChangeKind.ADDED));
        assertEquals(List.of("g.gone"), ids(ChangeKind.REMOVED));
        assertEquals(2, comparison.unchanged());
        assertEquals(4, comparison.regressions().size());
        assertTrue(comparison.hasRegression());
        assertEquals("4 regressions, 1 new pass, 1 other change, 1 added, 1 removed, 2 unchanged", comparison.summaryLine());
    }

    @Test
    void identicalRunsHaveNoChange() {
        Comparison same = Comparison.of(TestRuns.run("a=passed", "b=failed:x"), TestRuns.run("b=failed:x", "a=passed"));
        assertFalse(same.hasChange());
        assertFalse(same.hasRegression());
        assertEquals("0 regressions, 0 new passes, 0 other changes, 0 added, 0 removed, 2 unchanged", same.summaryLine());
    }

    @Test
    void improvementsAndSelectionChangesAreChangesButNoRegression() {
        Comparison better = Comparison.of(TestRuns.run("a=failed:x", "b=passed"), TestRuns.run("a=passed", "c=passed"));
        assertTrue(better.hasChange());
        assertFalse(better.hasRegression());
    }

    @Test
    void textListsEachChangeWithTransitionAndFirstLineOfTheNewReason() {
        String text = ComparisonText.render(comparison, "old.json", "new.json");
        assertTrue(text.contains("new failures (2):\n  b.breaks  passed → failed  no pong\n"), text);
        assertFalse(text.contains("second line"), text);
        assertTrue(text.contains("  g.gone  failed → absent\n"), text);
        assertTrue(text.contains("  j.newFail  absent → failed  boom\n"), text);
        assertFalse(text.contains("a.same"), "unchanged tests are not listed");
        assertTrue(text.strip().endsWith(comparison.summaryLine()), text);
    }

    @Test
    void aNewSecurityRelevantFailureIsMarkedInTextJsonAndMarkdown() throws Exception {
        Comparison marked = Comparison.of(TestRuns.run("s.authzid=passed", "b.other=passed"),
                TestRuns.securityRelevant(TestRuns.run("s.authzid=failed:bound bob", "b.other=failed:no pong"), "s.authzid"));
        String text = ComparisonText.render(marked, "old", "new");
        assertTrue(text.contains("  s.authzid  passed → failed [security-relevant]  bound bob\n"), text);
        assertTrue(text.contains("  b.other  passed → failed  no pong\n"), text);
        JsonNode changes = new ObjectMapper().readTree(ComparisonJson.render(marked, "old", "new")).get("changes");
        assertFalse(changes.get(0).get("securityRelevant").asBoolean(), changes.toString());
        assertTrue(changes.get(1).get("securityRelevant").asBoolean(), changes.toString());
        assertTrue(org.stanzalab.report.markdown.MarkdownComparison.render(marked, "old", "new")
                .contains("| `s.authzid` | passed → failed [security-relevant] |"));
    }

    @Test
    void textCutsLongListsOfRemovedTests() {
        String[] many = new String[30];
        for (int i = 0; i < many.length; i++) {
            many[i] = "t" + (100 + i) + "=passed";
        }
        String text = ComparisonText.render(Comparison.of(TestRuns.run(many), TestRuns.run()), "old", "new");
        assertTrue(text.contains("removed (30):"), text);
        assertTrue(text.contains("... and 10 more"), text);
        assertEquals(20, text.lines().filter(l -> l.contains("passed → absent")).count());
    }

    @Test
    void jsonHasCountsAndOneEntryPerChange() throws Exception {
        JsonNode root = new ObjectMapper().readTree(ComparisonJson.render(comparison, "old.json", "new.json"));
        assertEquals(4, root.at("/counts/regressions").asInt());
        assertEquals(2, root.at("/counts/newFailures").asInt());
        assertEquals(2, root.at("/counts/unchanged").asInt());
        assertEquals("old.json", root.at("/older/file").asText());
        assertEquals(comparison.changes().size(), root.get("changes").size());
        JsonNode first = root.get("changes").get(0);
        assertEquals("b.breaks", first.get("id").asText());
        assertEquals("new-failure", first.get("kind").asText());
        assertTrue(first.get("regression").asBoolean());
        assertEquals("passed", first.get("before").asText());
        assertEquals("failed", first.get("after").asText());
        assertEquals("RFC 6120 §8.4 (MUST)", first.get("citation").asText());
        JsonNode newTest = root.get("changes").get(1);
        assertEquals("j.newFail", newTest.get("id").asText());
        assertTrue(newTest.get("before").isNull(), "a test the older run did not have: before is null");
        assertTrue(root.get("changes").get(root.get("changes").size() - 1).get("after").isNull(), "removed: after is null");
    }

    private List<String> ids(ChangeKind kind) {
        return comparison.changes(kind).stream().map(Change::id).toList();
    }
}
