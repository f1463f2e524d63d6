package org.stanzalab.engine.clienttest;

import java.time.Instant;
import java.util.List;
import org.stanzalab.model.TranscriptEntry;

/**
 * One client connection to a {@link BadServer} and what the client did on it.
 *
 * @param number     the connection's number within the server's run, from 1
 * @param scenario   the scenario the client reached; null when it named none ({@link ClientAction#UNKNOWN_DOMAIN})
 * @param asked      the domain the client asked for (stream header {@code to} or TLS server name); null if none
 * @param peer       the client's address and port
 * @param directTls  it came to the direct-TLS port
 * @param action     what the client did
 * @param mechanism  the SASL mechanism of its {@code <auth/>} (or "iq:auth"), null when it sent none
 * @param detail     one line of detail (the TLS alert, how the stream ended); never a credential
 * @param startedAt  when the connection was accepted
 * @param millis     from accepting the connection to the client's decisive act (or the bound)
 * @param transcript what was sent and received, credentials shown as "[redacted]"
 */
public record ConnectionRecord(int number, BadScenario scenario, String asked, String peer, boolean directTls,
                               ClientAction action,
                               String mechanism, String detail, Instant startedAt, long millis,
                               List<TranscriptEntry> transcript) {

    public ConnectionRecord {
        transcript = List.copyOf(transcript);
    }

    /** The console line: scenario, peer, what happened, how long it took. */
    public String line() {
        String what = scenario == null ? "(" + (asked == null ? "no name" : asked) + ")" : scenario.id();
        return String.format("%-26s %-22s %s%s%s (%.2f s)", what, peer, action.words(),
                mechanism == null ? "" : " " + mechanism, detail == null ? "" : ": " + detail, millis / 1000.0);
    }
}
