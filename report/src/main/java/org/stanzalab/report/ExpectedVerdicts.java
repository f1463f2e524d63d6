package org.stanzalab.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;

/**
 * The verdicts we know a server earns that are not "passed", each with the reason and its evidence.
 * A run compared against this file deviates when any verdict changes, in either direction, so a fixed
 * server and a newly broken one are both noticed.
 */
public final class ExpectedVerdicts {

    /** One known non-passing verdict. */
    public record Expectation(String test, Outcome verdict, String reason, String evidence) {
    }

    /** A verdict that is not what the file says. */
    public record Deviation(String test, Outcome expected, Outcome actual, String detail) {
        @Override
        public String toString() {
            return test + ": expected " + expected.word() + ", got " + actual.word() + (detail == null ? "" : " (" + detail + ")");
        }
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Map<String, Expectation> byTest;

    private ExpectedVerdicts(Map<String, Expectation> byTest) {
        this.byTest = byTest;
    }

    public static ExpectedVerdicts load(Path file) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("expected-verdicts file " + file + " is not readable");
        }
        List<Expectation> list;
        try {
            list = YAML.readValue(file.toFile(), new TypeReference<List<Expectation>>() { });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("expected-verdicts file " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        Map<String, Expectation> map = new LinkedHashMap<>();
        for (Expectation e : list == null ? List.<Expectation>of() : list) {
            if (e.test() == null || e.verdict() == null || e.reason() == null || e.reason().isBlank()) {
                throw new IOException("expected-verdicts file " + file + ": every entry needs test, verdict and reason");
            }
            if (e.verdict() == Outcome.PASSED) {
                throw new IOException("expected-verdicts file " + file + ": " + e.test() + " lists 'passed'; only other verdicts belong here");
            }
            map.put(e.test(), e);
        }
        return new ExpectedVerdicts(map);
    }

    /**
     * Every test of the run whose verdict differs from the file (unlisted tests are expected to pass). A test the
     * run's reused accounts could not serve says nothing about the server, and is left out.
     */
    public List<Deviation> compare(List<TestResult> tests) {
        List<Deviation> deviations = new ArrayList<>();
        for (TestResult t : tests) {
            if (t.leftOutByAccounts()) {
                continue;
            }
            Expectation e = byTest.get(t.id());
            Outcome expected = e == null ? Outcome.PASSED : e.verdict();
            if (t.outcome() != expected) {
                deviations.add(new Deviation(t.id(), expected, t.outcome(), t.reason()));
            }
        }
        return deviations;
    }

    /** Listed tests that this run did not execute (renamed, removed, or filtered out). */
    public List<String> notRun(List<TestResult> tests) {
        List<String> missing = new ArrayList<>();
        java.util.Set<String> ids = new java.util.HashSet<>();
        tests.forEach(t -> ids.add(t.id()));
        for (String id : byTest.keySet()) {
            if (!ids.contains(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    public int size() {
        return byTest.size();
    }
}
