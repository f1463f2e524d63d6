package org.stanzalab.report;

import java.util.List;

import org.stanzalab.model.Direction;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;

/** Small hand-made results for the writers' tests. */
final class Samples {
    private Samples() {
    }

    static TestResult result(String id, Outcome outcome, String reason) {
        SpecRef spec = new SpecRef("RFC 6120", "", "8.4", Level.MUST, "unknown payloads get service-unavailable");
        List<TranscriptEntry> transcript = List.of(
                new TranscriptEntry(3, "alice#1", Direction.SENT, "<iq type='get' id='x'><q xmlns='urn:unknown'/></iq>"),
                new TranscriptEntry(9, "alice#1", Direction.RECEIVED, "<iq type='error' id='x'><error type='cancel'/></iq>"));
        return new TestResult(id, id, spec, outcome, 12, reason, transcript);
    }

    static RunResult run(TestResult... tests) {
        List<TestResult> list = List.of(tests);
        return new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T00:00:00Z",
                new TargetInfo("example.test", "127.0.0.1", 5222, "starttls", "CA file ca.crt"), null,
                Summary.of(list, 1.5), List.of(), List.of(), list);
    }
}
