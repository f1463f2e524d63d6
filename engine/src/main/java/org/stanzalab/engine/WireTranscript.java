package org.stanzalab.engine;

import org.stanzalab.engine.transcript.Transcript;
import org.stanzalab.wire.TrafficListener;

/** Records a raw stream's traffic in the test's transcript under the stream's label. */
final class WireTranscript implements TrafficListener {
    private final Transcript transcript;
    private final String label;

    WireTranscript(Transcript transcript, String label) {
        this.transcript = transcript;
        this.label = label;
    }

    @Override
    public void sent(String data) {
        transcript.sent(label, data);
    }

    @Override
    public void received(String data) {
        transcript.received(label, data);
    }

    /** Connection events (connected, TLS established, closed by the server) are evidence too. */
    @Override
    public void note(String event) {
        transcript.note(label, event);
    }
}
