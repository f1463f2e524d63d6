package org.stanzalab.wire;

import java.util.ArrayList;
import java.util.List;

/** Collects transcript lines as "> sent", "< received" and "* note". */
public final class RecordingListener implements TrafficListener {
    private final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void sent(String data) {
        lines.add("> " + data);
    }

    @Override
    public synchronized void received(String data) {
        lines.add("< " + data);
    }

    @Override
    public synchronized void note(String event) {
        lines.add("* " + event);
    }

    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    public synchronized String all() {
        return String.join("\n", lines);
    }
}
