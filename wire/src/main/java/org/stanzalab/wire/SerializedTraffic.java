package org.stanzalab.wire;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Guards the user's listener: calls from the caller's and the reader's thread never overlap, a failing
 * listener cannot kill the reader thread, and events from before {@link WireStream#onTraffic} was called
 * (connect, direct TLS) are replayed to the first listener instead of being lost.
 */
final class SerializedTraffic implements TrafficListener {
    private static final int MAX_EARLY_EVENTS = 64;

    private TrafficListener target;
    private final List<Consumer<TrafficListener>> earlyEvents = new ArrayList<>();

    synchronized void target(TrafficListener listener) {
        boolean first = target == null;
        target = listener == null ? TrafficListener.NONE : listener;
        if (first) {
            earlyEvents.forEach(this::dispatch);
            earlyEvents.clear();
        }
    }

    @Override
    public synchronized void sent(String data) {
        dispatch(l -> l.sent(data));
    }

    @Override
    public synchronized void received(String data) {
        dispatch(l -> l.received(data));
    }

    @Override
    public synchronized void note(String event) {
        dispatch(l -> l.note(event));
    }

    private void dispatch(Consumer<TrafficListener> call) {
        if (target == null) {
            if (earlyEvents.size() < MAX_EARLY_EVENTS) {
                earlyEvents.add(call);
            }
            return;
        }
        try {
            call.accept(target);
        } catch (RuntimeException ignored) {
            // A transcript bug must not change the outcome of the exchange being recorded.
        }
    }
}
