package org.stanzalab.engine.transcript;

import java.util.ArrayList;
import java.util.List;

import org.stanzalab.model.Direction;
import org.stanzalab.model.TranscriptEntry;

/** Everything the connections of one test sent and received, in order, credentials removed. */
public final class Transcript {
    private final long startNanos = System.nanoTime();
    private final List<TranscriptEntry> entries = new ArrayList<>();

    public void sent(String connection, String xml) {
        add(connection, Direction.SENT, xml);
    }

    public void received(String connection, String xml) {
        add(connection, Direction.RECEIVED, xml);
    }

    public void note(String connection, String text) {
        add(connection, Direction.NOTE, text);
    }

    private void add(String connection, Direction direction, String xml) {
        if (xml == null || xml.isBlank()) {
            return;
        }
        long at = (System.nanoTime() - startNanos) / 1_000_000;
        TranscriptEntry entry = new TranscriptEntry(at, connection, direction, Redactor.redact(xml.strip()));
        synchronized (entries) {
            entries.add(entry);
        }
    }

    public List<TranscriptEntry> entries() {
        synchronized (entries) {
            return List.copyOf(entries);
        }
    }

    /** The last few entries as text, for failure messages that show what did arrive. */
    public String tail(int count) {
        List<TranscriptEntry> all = entries();
        StringBuilder sb = new StringBuilder();
        for (TranscriptEntry e : all.subList(Math.max(0, all.size() - count), all.size())) {
            sb.append(e.connection()).append(e.direction() == Direction.SENT ? " >> " : e.direction() == Direction.RECEIVED ? " << " : " -- ")
                    .append(e.xml().replaceAll("\\s*\\n\\s*", " ")).append('\n');
        }
        return sb.toString();
    }
}
