package org.stanzalab.report.compare;

import java.util.ArrayList;
import java.util.List;

import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;

/** Hand-made runs for the comparison, Markdown and badge tests: "id=verdict" or "id=verdict:reason". */
public final class TestRuns {
    public static final SpecRef SPEC = new SpecRef("RFC 6120", "", "8.4", Level.MUST, "unknown payloads get service-unavailable");

    private TestRuns() {
    }

    public static RunResult run(String... tests) {
        return run(List.of(), tests);
    }

    public static RunResult run(List<ProfileVerdict> profiles, String... tests) {
        List<TestResult> list = new ArrayList<>();
        for (String t : tests) {
            String[] idAndRest = t.split("=", 2);
            String[] verdictAndReason = idAndRest[1].split(":", 2);
            String reason = verdictAndReason.length > 1 ? verdictAndReason[1] : null;
            list.add(test(idAndRest[0], Outcome.parse(verdictAndReason[0]), reason));
        }
        return new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T00:00:00Z",
                new TargetInfo("example.test", "127.0.0.1", 5222, "starttls", "CA file ca.crt"), null,
                Summary.of(list, 2.25), List.of(), profiles, list);
    }

    /** The run with the named tests' failures marked security-relevant (the test saw the breach itself). */
    public static RunResult securityRelevant(RunResult run, String... ids) {
        SpecRef security = new SpecRef("RFC 6120", "", "6.5.6", Level.MUST, "another user's authzid is refused");
        List<String> marked = List.of(ids);
        List<TestResult> tests = run.tests().stream().map(t -> marked.contains(t.id())
                ? new TestResult(t.id(), t.name(), security, t.outcome(), t.durationMs(), t.reason(), t.transcript(), true) : t).toList();
        return new RunResult(run.schema(), run.tool(), run.startedAt(), run.target(), run.servers(), run.summary(),
                run.notices(), run.profiles(), tests);
    }

    public static TestResult test(String id, Outcome outcome, String reason) {
        return new TestResult(id, id, SPEC, outcome, 10, reason, List.of());
    }
}
