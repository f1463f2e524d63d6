package org.stanzalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;

class SummaryTest {

    @Test
    void testTimeIsTheTestsDurationsAddedUpAndFixedWaitsAreAddedByTheRun() throws Exception {
        RunResult run = Samples.run(Samples.result("a", Outcome.PASSED, null), Samples.result("b", Outcome.FAILED, "x"));

        Summary summary = run.summary().withFixedWaits(0.25);

        assertEquals(0.02, summary.testSeconds(), 1e-9, "2 × 12 ms, in hundredths of a second");
        assertEquals(0.25, summary.fixedWaitSeconds(), 1e-9);
        assertEquals(1.5, summary.wallSeconds(), 1e-9);
    }

    @Test
    void aSchema2FileWithoutTheNewFiguresIsReadWithZeros(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        Files.writeString(file, """
                {"schema": 2, "tool": "stanzalab", "startedAt": "2026-11-21T00:00:00Z",
                 "target": {"domain": "example.test", "host": "127.0.0.1", "port": 5222, "tls": "starttls", "trust": "system"},
                 "summary": {"total": 0, "passed": 0, "failed": 0, "impossible": 0, "errors": 0, "wallSeconds": 3.5},
                 "notices": [], "tests": []}
                """);

        Summary summary = ResultsJson.read(file).summary();

        assertEquals(3.5, summary.wallSeconds(), 1e-9);
        assertEquals(0, summary.testSeconds(), 1e-9);
        assertEquals(0, summary.fixedWaitSeconds(), 1e-9);
    }
}
