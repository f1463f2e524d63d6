package org.stanzalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;

class ExpectedVerdictsTest {

    private static Path file(Path dir, String yaml) throws Exception {
        return Files.writeString(dir.resolve("expected.yaml"), yaml);
    }

    @Test
    void matchingVerdictsGiveNoDeviation(@TempDir Path dir) throws Exception {
        ExpectedVerdicts expected = ExpectedVerdicts.load(file(dir, """
                - test: a.B.c
                  verdict: failed
                  reason: server answers with the wrong condition
                  evidence: "<error type='cancel'><bad-request/></error>"
                """));
        List<TestResult> run = List.of(Samples.result("a.B.c", Outcome.FAILED, "x"), Samples.result("a.B.d", Outcome.PASSED, null));
        assertTrue(expected.compare(run).isEmpty());
    }

    @Test
    void aVerdictChangeInEitherDirectionIsADeviation(@TempDir Path dir) throws Exception {
        ExpectedVerdicts expected = ExpectedVerdicts.load(file(dir, """
                - test: a.B.fixed
                  verdict: failed
                  reason: known bug
                """));
        List<TestResult> run = List.of(
                Samples.result("a.B.fixed", Outcome.PASSED, null),
                Samples.result("a.B.broken", Outcome.FAILED, "new failure"));
        List<ExpectedVerdicts.Deviation> deviations = expected.compare(run);
        assertEquals(2, deviations.size());
        assertEquals(Outcome.FAILED, deviations.get(0).expected());
        assertEquals(Outcome.PASSED, deviations.get(1).expected());
    }

    @Test
    void listedTestsThatDidNotRunAreReported(@TempDir Path dir) throws Exception {
        ExpectedVerdicts expected = ExpectedVerdicts.load(file(dir, "- {test: gone.Test.x, verdict: impossible, reason: no MUC}\n"));
        assertEquals(List.of("gone.Test.x"), expected.notRun(List.of()));
    }

    @Test
    void entriesNeedAReasonAndANonPassingVerdict(@TempDir Path dir) throws Exception {
        assertThrows(java.io.IOException.class, () -> ExpectedVerdicts.load(file(dir, "- {test: a.B.c, verdict: failed}\n")));
        assertThrows(java.io.IOException.class, () -> ExpectedVerdicts.load(file(dir, "- {test: a.B.c, verdict: passed, reason: r}\n")));
        assertThrows(java.io.IOException.class, () -> ExpectedVerdicts.load(file(dir, "- {test: a.B.c, verdict: maybe, reason: r}\n")));
    }
}
