package org.stanzalab.wire;

import java.time.Duration;
import java.util.Locale;

/** Human wording for durations in exception messages ("500 ms", "5 s", "1.5 s"). */
final class Durations {
    private Durations() {
    }

    static String describe(Duration d) {
        long millis = d.toMillis();
        if (millis < 1000) {
            return millis + " ms";
        }
        if (millis % 1000 == 0) {
            return millis / 1000 + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", millis / 1000.0);
    }
}
