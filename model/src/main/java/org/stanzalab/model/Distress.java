package org.stanzalab.model;

/**
 * Signs that the server was overloaded during the run, and what the tool did about it.
 *
 * @param setUpRetries     set-up steps (logins, account creation, roster set-up) tried again after the server
 *                         answered internal-server-error or resource-constraint, or not in time
 * @param parallelismFrom  tests at once when the run started
 * @param parallelismTo    the fewest tests at once during the run (lower when distress made the tool slow down)
 */
public record Distress(int setUpRetries, int parallelismFrom, int parallelismTo) {

    /** "server in distress: 12 set-up retries, parallelism lowered 16 -> 4". */
    public String describe() {
        return "server in distress: " + setUpRetries + " set-up retr" + (setUpRetries == 1 ? "y" : "ies")
                + (parallelismTo < parallelismFrom ? ", parallelism lowered " + parallelismFrom + " -> " + parallelismTo + " at the lowest"
                        : ", parallelism kept at " + parallelismFrom);
    }
}
