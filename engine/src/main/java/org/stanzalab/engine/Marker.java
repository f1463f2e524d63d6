package org.stanzalab.engine;

import java.time.Duration;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;

/**
 * A stanza sent after the stanza under test by the same route, so that its arrival proves the earlier one has been
 * dealt with: a server processes the stanzas of one stream in order (RFC 6120 §10.1), so whatever the earlier stanza
 * caused on that route is on the wire before the marker. An absence is then decided as soon as the marker arrives,
 * instead of after a fixed quiet period.
 * <p>
 * Made by {@link Session#sendMarkerTo} (a message the recipient's stream must carry) or {@link Session#sendMarkerIq}
 * (an IQ whose reply, result or error, comes back on the sender's stream), and used with
 * {@link Session#expectNothingBefore}.
 */
public final class Marker {
    /** The payload of marker stanzas: no server or client knows it, so nobody acts on it. */
    public static final String NAMESPACE = "urn:stanzalab:marker:0";
    static final String ELEMENT = "marker";

    private final String id;
    private final Session arrivesAt;
    private final String description;
    private final boolean isReply;
    private Boolean arrived;

    Marker(String id, Session arrivesAt, String description, boolean isReply) {
        this.id = id;
        this.arrivesAt = arrivesAt;
        this.description = description;
        this.isReply = isReply;
    }

    /** The session whose mailbox the marker reaches. */
    public Session arrivesAt() {
        return arrivesAt;
    }

    @Override
    public String toString() {
        return description + " (id " + id + ")";
    }

    boolean is(Stanza stanza) {
        if (!id.equals(stanza.getStanzaId())) {
            return false;
        }
        return isReply ? stanza instanceof IQ iq && iq.isResponseIQ() : !(stanza instanceof IQ);
    }

    /**
     * Waits for the marker, at most the reply timeout, once; later calls return at once. After it returns, whatever
     * the stanza under test caused on this route has arrived, if anything did.
     * <p>
     * A marker that does not come is no verdict on the stanza under test: the wait it took is at least a quiet
     * period, so the absence is decided by that instead, recorded as a fixed wait and noted in the transcript.
     */
    public synchronized void await() {
        if (arrived != null) {
            return;
        }
        Lab lab = arrivesAt.lab();
        Duration timeout = lab.timeouts().reply();
        long start = System.nanoTime();
        arrived = arrivesAt.poll(Stanza.class, this::is, timeout).isPresent();
        if (!arrived) {
            lab.recordFixedWait(Duration.ofNanos(System.nanoTime() - start));
            lab.transcript().note("absence", "the marker " + this + " did not arrive within " + Session.seconds(timeout)
                    + "; what did not arrive meanwhile is decided by that wait, as after a quiet period");
        }
    }
}
