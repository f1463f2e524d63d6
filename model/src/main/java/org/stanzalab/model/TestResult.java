package org.stanzalab.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The verdict on one test, with the requirement it checked and the evidence.
 *
 * @param id         stable identifier: specification package, class and method, e.g. "rfc6120.StartTls.isOffered"
 * @param reason     why it did not pass, citing the section; null when it passed
 * @param transcript what the test's connections sent and received, credentials removed
 * @param securityRelevant the failure opens the server to abuse: what the test saw lets one user act as another,
 *                   read or change another's data, or get past authentication or encryption (the test threw the
 *                   engine's SecurityBreach); false in files of schema 3 and before
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(String id, String name, SpecRef spec, Outcome outcome, long durationMs, String reason,
                         List<TranscriptEntry> transcript, boolean securityRelevant) {

    /**
     * The reason of a test the run's accounts could not serve: it needs accounts with no history, and the run lent
     * configured ones. Not a verdict on the server: expectations and comparisons leave such a test out.
     */
    public static final String NEEDS_FRESH_ACCOUNTS = "needs accounts with no history";

    /**
     * The reason of a test that needs the server's administrator (XEP-0133 commands, or a node only an admin may
     * create) in a run without admin credentials: like {@link #NEEDS_FRESH_ACCOUNTS}, the run's, not the server's.
     */
    public static final String NEEDS_ADMIN = "needs the server's administrator";

    /**
     * Whether this test was left out because of how the run gets its accounts: they are reused
     * ({@link #NEEDS_FRESH_ACCOUNTS}), or there is no admin ({@link #NEEDS_ADMIN}).
     */
    @JsonIgnore
    public boolean leftOutByAccounts() {
        return outcome == Outcome.IMPOSSIBLE && reason != null && (reason.contains(NEEDS_FRESH_ACCOUNTS) || reason.contains(NEEDS_ADMIN));
    }

    /** A result whose failure, if any, is not security-relevant. */
    public TestResult(String id, String name, SpecRef spec, Outcome outcome, long durationMs, String reason,
                      List<TranscriptEntry> transcript) {
        this(id, name, spec, outcome, durationMs, reason, transcript, false);
    }

    /** A failure that reports list apart from the others (see {@code securityRelevant}). */
    @JsonIgnore
    public boolean isSecurityFailure() {
        return outcome == Outcome.FAILED && securityRelevant;
    }
}
