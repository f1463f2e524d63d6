package org.stanzalab.engine;

import org.stanzalab.engine.transcript.Transcript;
import org.stanzalab.wire.TrafficListener;

/**
 * Records a raw stream's traffic in the test's transcript under the stream's label. Tests send characters XML 1.0
 * cannot carry on purpose (NUL, controls, the NULs of UTF-16 text); the transcript shows them as {@code \\uXXXX},
 * so reports stay valid XML.
 */
public final class WireTranscript implements TrafficListener {
    private final Transcript transcript;
    private final String label;

    public WireTranscript(Transcript transcript, String label) {
        this.transcript = transcript;
        this.label = label;
    }

    @Override
    public void sent(String data) {
        transcript.sent(label, visibleControls(data));
    }

    @Override
    public void received(String data) {
        transcript.received(label, visibleControls(data));
    }

    /** Connection events (connected, TLS established, closed by the server) are evidence too. */
    @Override
    public void note(String event) {
        transcript.note(label, visibleControls(event));
    }

    static String visibleControls(String text) {
        StringBuilder shown = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            boolean xmlChar = c == 0x9 || c == 0xA || c == 0xD || (c >= 0x20 && c <= 0xD7FF)
                    || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);
            if (xmlChar) {
                shown.appendCodePoint(c);
            } else {
                shown.append(String.format("\\u%04X", c));
            }
        });
        return shown.toString();
    }
}
