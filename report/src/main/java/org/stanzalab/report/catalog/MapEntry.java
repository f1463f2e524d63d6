package org.stanzalab.report.catalog;

import java.util.Arrays;
import java.util.List;

/**
 * One row of a catalog map. The status stays as written (statusWord) so that an unknown one can be reported;
 * status() is null then.
 */
public record MapEntry(String id, String statusWord, Status status, String detail, String note, int line) {
    static final String SUITE_PREFIX = "suite:";

    /** The test selectors of a mapped case, in --test syntax. */
    public List<String> selectors() {
        return status == Status.MAPPED
                ? Arrays.stream(detail.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()
                : List.of();
    }

    /** The suite a pending case waits for, as "xep0045 (Multi-User Chat)"; empty for other statuses. */
    public String suite() {
        if (status != Status.PENDING) {
            return "";
        }
        return detail.startsWith(SUITE_PREFIX) ? detail.substring(SUITE_PREFIX.length()).strip() : detail;
    }

    /** The reason category of a not-applicable case: the words before the first colon, "duplicate" for duplicates. */
    public String reasonCategory() {
        if (status != Status.NOT_APPLICABLE) {
            return "";
        }
        int colon = detail.indexOf(':');
        String category = (colon < 0 ? detail : detail.substring(0, colon)).strip();
        return category.startsWith("duplicate of") ? "duplicate" : category;
    }
}
