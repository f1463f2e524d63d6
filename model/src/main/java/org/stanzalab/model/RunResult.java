package org.stanzalab.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything one run found: the document results.json holds. Its schema is described in the README.
 *
 * @param schema    version of this document's layout
 * @param startedAt ISO-8601 instant
 * @param target    the primary server: the one tests use unless they ask for another domain
 * @param servers   every server of the run, the primary first; files older than schema 3 have only the target
 * @param notices   things the user should know that are no test's verdict (server went away, leftovers)
 * @param profiles  the verdict per profile asked for with --profile; empty when none was
 * @param interrupted set when the run was stopped before it finished (signal, deadline): why, and which selected
 *                  tests reached no verdict; absent in a run that finished, and in files before schema 5
 * @param distress  set when the server showed signs of overload (set-up retries, parallelism lowered); absent
 *                  otherwise, and in files before schema 5
 * @param leftAccounts accounts the run left on its servers (or that may be there), for the operator to remove
 * @param ports    the TLS posture of every port the run scanned (tests of rfc7590 ask for the scans), with its grade;
 *                 empty when none was scanned, and in files before schema 6
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunResult(int schema, String tool, String startedAt, TargetInfo target, List<TargetInfo> servers,
                        Summary summary, List<String> notices, List<ProfileVerdict> profiles, List<TestResult> tests,
                        Interruption interrupted, Distress distress, List<LeftAccount> leftAccounts,
                        List<PortPosture> ports) {

    /**
     * 2: "profiles" added. 3: "servers" added, and "testSeconds" and "fixedWaitSeconds" in the summary.
     * 4: "securityRelevant" in each test (its failure opens the server to abuse).
     * 5: "interrupted" (reason and the tests not run), "distress" (set-up retries, parallelism lowered) and
     * "leftAccounts". 6: "ports" (the TLS scan and grade of each port scanned).
     */
    public static final int SCHEMA = 6;

    public RunResult {
        profiles = profiles == null ? List.of() : List.copyOf(profiles);
        servers = servers == null || servers.isEmpty() ? (target == null ? List.of() : List.of(target)) : List.copyOf(servers);
        notices = notices == null ? List.of() : List.copyOf(notices);
        leftAccounts = leftAccounts == null ? List.of() : List.copyOf(leftAccounts);
        ports = ports == null ? List.of() : List.copyOf(ports);
    }

    /** A run without port scans (as every run before schema 6). */
    public RunResult(int schema, String tool, String startedAt, TargetInfo target, List<TargetInfo> servers,
                     Summary summary, List<String> notices, List<ProfileVerdict> profiles, List<TestResult> tests,
                     Interruption interrupted, Distress distress, List<LeftAccount> leftAccounts) {
        this(schema, tool, startedAt, target, servers, summary, notices, profiles, tests, interrupted, distress, leftAccounts, List.of());
    }

    /** A run that finished, with no sign of distress, leaving no account behind. */
    public RunResult(int schema, String tool, String startedAt, TargetInfo target, List<TargetInfo> servers,
                     Summary summary, List<String> notices, List<ProfileVerdict> profiles, List<TestResult> tests) {
        this(schema, tool, startedAt, target, servers, summary, notices, profiles, tests, null, null, List.of(), List.of());
    }

    public RunResult withProfiles(List<ProfileVerdict> verdicts) {
        return new RunResult(schema, tool, startedAt, target, servers, summary, notices, verdicts, tests, interrupted, distress, leftAccounts, ports);
    }

    /** The same run with another list of accounts left behind, e.g. after {@code accounts sweep} removed some. */
    public RunResult withLeftAccounts(List<LeftAccount> left) {
        return new RunResult(schema, tool, startedAt, target, servers, summary, notices, profiles, tests, interrupted, distress, left, ports);
    }

    /** Selected tests that reached no verdict because the run was stopped; empty for a run that finished. */
    @JsonIgnore
    public List<String> notRun() {
        return interrupted == null ? List.of() : interrupted.notRun();
    }
}
