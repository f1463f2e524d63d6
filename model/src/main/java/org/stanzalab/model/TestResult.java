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
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TestResult(String id, String name, SpecRef spec, Outcome outcome, long durationMs, String reason,
                         List<TranscriptEntry> transcript) {

    /**
     * Whether this is a failure that lets one user act as another, read or change another's data, or get past
     * authentication or encryption: reports list these apart from the other failures.
     */
    @JsonIgnore
    public boolean isSecurityFailure() {
        return outcome == Outcome.FAILED && spec != null && spec.securityRelevant();
    }
}
