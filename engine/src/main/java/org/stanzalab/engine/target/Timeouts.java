package org.stanzalab.engine.target;

import java.time.Duration;

/**
 * Every wait in a run is bounded by one of these.
 *
 * @param connect     TCP connect plus TLS handshake
 * @param reply       how long an expectation waits for a stanza to arrive
 * @param testCeiling the most one test may take, whatever it does
 * @param quiet       how long an absence check ("nothing is delivered") watches before it concludes
 */
public record Timeouts(Duration connect, Duration reply, Duration testCeiling, Duration quiet) {

    public static Timeouts defaults() {
        return new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMillis(1500));
    }
}
