package org.stanzalab.report.compare;

import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The machine-readable form of a comparison (compare --json):
 * <pre>
 * { "older": { "file", "startedAt", "domain", "total" }, "newer": { ... },
 *   "counts": { "regressions", "newFailures", "newErrors", "newlyImpossible", "newPasses", "otherChanges",
 *               "added", "removed", "unchanged" },
 *   "changes": [ { "id", "kind", "regression", "before", "after", "citation", "securityRelevant", "reason" } ] }
 * </pre>
 * "securityRelevant" is true when the newer run failed a security-relevant requirement.
 * "kind" is a {@link ChangeKind#word()}; "before"/"after" are verdict words, null for a test a run did not have.
 */
public final class ComparisonJson {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private ComparisonJson() {
    }

    record SideJson(String file, String startedAt, String domain, Integer total) {
    }

    record Counts(int regressions, int newFailures, int newErrors, int newlyImpossible, int newPasses, int otherChanges,
                  int added, int removed, int unchanged) {
    }

    record ChangeJson(String id, String kind, boolean regression, String before, String after, String citation,
                      boolean securityRelevant, String reason) {
    }

    record Document(SideJson older, SideJson newer, Counts counts, List<ChangeJson> changes) {
    }

    public static String render(Comparison c, String olderName, String newerName) {
        Counts counts = new Counts(c.regressions().size(), c.count(ChangeKind.NEW_FAILURE), c.count(ChangeKind.NEW_ERROR),
                c.count(ChangeKind.NEWLY_IMPOSSIBLE), c.count(ChangeKind.NEW_PASS), c.count(ChangeKind.OTHER),
                c.count(ChangeKind.ADDED), c.count(ChangeKind.REMOVED), c.unchanged());
        List<ChangeJson> changes = c.changes().stream().map(ch -> new ChangeJson(ch.id(), ch.kind().word(),
                ch.kind().isRegression(), ch.before() == null ? null : ch.before().word(),
                ch.after() == null ? null : ch.after().word(), ch.spec() == null ? null : ch.spec().citation(),
                ch.isSecurityFailure(), ch.reason())).toList();
        try {
            return MAPPER.writeValueAsString(new Document(side(olderName, c.older()), side(newerName, c.newer()), counts, changes))
                    + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("comparison cannot be written as JSON", e);
        }
    }

    private static SideJson side(String file, Comparison.Side side) {
        return new SideJson(file, side.startedAt(), side.target() == null ? null : side.target().domain(),
                side.summary() == null ? null : side.summary().total());
    }
}
