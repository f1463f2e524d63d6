package org.stanzalab.wire;

/**
 * Observer for building a transcript. {@link WireStream} serialises the calls (never two at once) but
 * makes them from both the caller's thread (sent) and the reader thread (received, note), at the moment
 * the data leaves or arrives. Exceptions thrown by a listener are ignored.
 */
public interface TrafficListener {

    TrafficListener NONE = new TrafficListener() {
        @Override
        public void sent(String data) {
        }

        @Override
        public void received(String data) {
        }
    };

    /** Text written to the peer, exactly as sent (except secrets, see {@link WireStream#sendRedacted}). */
    void sent(String data);

    /**
     * Text read from the peer, one call per stream header, top-level element or closing tag, as the raw
     * received text (whitespace between elements is dropped). Bytes that could not be parsed are reported
     * too, just before the failure surfaces, with invalid UTF-8 bytes rendered as {@code \xNN}.
     */
    void received(String data);

    /**
     * Events that are not XML: "TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384", "connection closed by
     * peer" and the like.
     */
    default void note(String event) {
    }
}
