package org.stanzalab.model;

import java.util.List;

/**
 * A run that was stopped before it finished: by a signal, or by its deadline.
 *
 * @param reason "stopped by a signal (SIGINT or SIGTERM)", "deadline of 10m reached"
 * @param notRun ids of the selected tests that reached no verdict, in id order
 */
public record Interruption(String reason, List<String> notRun) {
    public Interruption {
        notRun = notRun == null ? List.of() : List.copyOf(notRun);
    }
}
