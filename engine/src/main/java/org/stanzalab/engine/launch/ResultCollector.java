package org.stanzalab.engine.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.junit.StanzalabExtension;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.transcript.Secrets;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestId;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;

/**
 * Listens to the JUnit Platform and turns each finished test into a {@link TestResult}: its verdict word,
 * a reason that cites the requirement, and the transcript the engine recorded.
 */
public final class ResultCollector implements TestExecutionListener {
    private final boolean failOnImpossible;
    private final Consumer<TestResult> onResult;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<TestResult> results = new ArrayList<>();
    private final Map<String, List<TranscriptEntry>> transcripts = new ConcurrentHashMap<>();

    public ResultCollector(boolean failOnImpossible, Consumer<TestResult> onResult) {
        this.failOnImpossible = failOnImpossible;
        this.onResult = onResult;
    }

    @Override
    public void executionStarted(TestIdentifier test) {
        if (test.isTest()) {
            started.put(test.getUniqueId(), System.nanoTime());
        }
    }

    /** Each test publishes its transcript as a report entry before it finishes; see StanzalabExtension. */
    @Override
    public void reportingEntryPublished(TestIdentifier test, ReportEntry entry) {
        entry.getKeyValuePairs().entrySet().stream()
                .filter(pair -> StanzalabExtension.TRANSCRIPT_ENTRY.equals(pair.getKey()))
                .forEach(pair -> transcripts.put(test.getUniqueId(), ResultsJson.transcriptFromJson(pair.getValue())));
    }

    @Override
    public void executionSkipped(TestIdentifier test, String reason) {
        if (test.isTest() && !TestId.NOT_SELECTED.equals(reason) && !Run.NOT_RUN.equals(reason)) {
            record(test, Outcome.IMPOSSIBLE, "skipped: " + reason, 0, false);
        }
    }

    @Override
    public void executionFinished(TestIdentifier test, TestExecutionResult result) {
        if (!test.isTest()) {
            return;
        }
        Long start = started.remove(test.getUniqueId());
        try {
            finished(test, result, start);
        } finally {
            transcripts.remove(test.getUniqueId());
        }
    }

    private void finished(TestIdentifier test, TestExecutionResult result, Long start) {
        long durationMs = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Throwable thrown = result.getThrowable().orElse(null);
        switch (result.getStatus()) {
            case SUCCESSFUL -> record(test, Outcome.PASSED, null, durationMs, false);
            case ABORTED -> {
                // A test the stopping run turned away at its gate reached no verdict: the run lists it as not run.
                if (!Run.NOT_RUN.equals(message(thrown))) {
                    record(test, Outcome.IMPOSSIBLE, message(thrown), durationMs, false);
                }
            }
            case FAILED -> {
                // The engine turns everything that is not the server's fault (timeouts, lost servers) into errors.
                if (thrown instanceof AssertionError) {
                    record(test, Outcome.FAILED, message(thrown), durationMs, thrown instanceof SecurityBreach);
                } else {
                    record(test, Outcome.ERROR, message(thrown), durationMs, false);
                }
            }
        }
    }

    private void record(TestIdentifier test, Outcome outcome, String message, long durationMs, boolean breach) {
        SpecRef spec = TestIds.spec(test).orElse(null);
        Outcome finalOutcome = outcome;
        String reason = message;
        if (outcome == Outcome.IMPOSSIBLE && failOnImpossible) {
            finalOutcome = Outcome.FAILED;
            reason = "impossible, and --fail-on-impossible is set: " + message;
        }
        if (finalOutcome == Outcome.FAILED && spec != null) {
            reason = spec.citation() + ": " + reason;
        }
        List<TranscriptEntry> transcript = transcripts.getOrDefault(test.getUniqueId(), List.of());
        TestResult r = new TestResult(TestIds.id(test), test.getDisplayName(), spec, finalOutcome, durationMs,
                Secrets.scrub(reason), transcript, breach);
        synchronized (results) {
            results.add(r);
        }
        onResult.accept(r);
    }

    private static String message(Throwable thrown) {
        if (thrown == null) {
            return "no reason given";
        }
        String m = thrown.getMessage();
        return m == null || m.isBlank() ? thrown.getClass().getSimpleName() : m.strip();
    }

    public List<TestResult> results() {
        synchronized (results) {
            return List.copyOf(results);
        }
    }
}
