package org.stanzalab.report;

import java.util.List;

/**
 * Everything one run found: the document results.json holds. Its schema is described in the README.
 *
 * @param schema    version of this document's layout
 * @param startedAt ISO-8601 instant
 * @param notices   things the user should know that are no test's verdict (server went away, leftovers)
 */
public record RunResult(int schema, String tool, String startedAt, TargetInfo target, Summary summary,
                        List<String> notices, List<TestResult> tests) {

    public static final int SCHEMA = 1;
}
