package org.stanzalab.report;

import java.util.List;

import org.stanzalab.report.profile.ProfileVerdict;

/**
 * Everything one run found: the document results.json holds. Its schema is described in the README.
 *
 * @param schema    version of this document's layout
 * @param startedAt ISO-8601 instant
 * @param notices   things the user should know that are no test's verdict (server went away, leftovers)
 * @param profiles  the verdict per profile asked for with --profile; empty when none was
 */
public record RunResult(int schema, String tool, String startedAt, TargetInfo target, Summary summary,
                        List<String> notices, List<ProfileVerdict> profiles, List<TestResult> tests) {

    /** 2: "profiles" added. 3: "testSeconds" and "fixedWaitSeconds" in the summary. */
    public static final int SCHEMA = 3;

    public RunResult {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
    }

    public RunResult withProfiles(List<ProfileVerdict> verdicts) {
        return new RunResult(schema, tool, startedAt, target, summary, notices, verdicts, tests);
    }
}
