package org.stanzalab.wire.transport;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.stanzalab.wire.WireException;

/**
 * One XMPP session over a transport that carries whole elements instead of a byte stream: RFC 7395 WebSocket (one
 * element per message, {@code <open/>} and {@code <close/>} instead of the stream tags) or XEP-0206 BOSH (elements
 * wrapped in HTTP {@code <body/>} requests, the stream made by session creation and restarts). Tests of those
 * transports use an implementation directly; {@code --transport} runs ordinary client sessions over one through a
 * loopback bridge that turns it back into a TCP-style stream for Smack.
 *
 * <p>Implementations report what they send and receive to their {@link org.stanzalab.wire.TrafficListener}, in the
 * transport's own framing (the WebSocket message, the HTTP body), so transcripts show what crossed the wire.
 */
public interface FramedTransport extends AutoCloseable {

    /**
     * Opens the XMPP stream to {@code domain}, or opens it again after SASL success (RFC 7395 §3.7: a new
     * {@code <open/>}; XEP-0206 restart request). The server's answer arrives through {@link #next} as a {@link Header}.
     */
    void open(String domain) throws WireException;

    /** Sends one top-level element (a stanza or a nonza such as {@code <auth/>}) as XML text. */
    void send(String element) throws WireException;

    /** The next thing the server sent, waiting at most {@code timeout}; a {@link org.stanzalab.wire.WireTimeoutException} after that. */
    Incoming next(Duration timeout) throws WireException;

    /** Ends the stream politely: {@code <close/>}, or a BOSH terminate request. */
    void closeStream() throws WireException;

    /** Drops the connection at once, without any closing handshake. */
    void abort();

    @Override
    void close();

    /** What the server sends, in stream terms whatever the framing. */
    sealed interface Incoming permits Header, Element, End {
    }

    /** The server opened (or reopened) the stream: the attributes of its {@code <open/>} or session creation response. */
    record Header(Map<String, String> attributes) implements Incoming {
    }

    /** One top-level element, as XML text with the namespaces it needs declared on itself. */
    record Element(String xml) implements Incoming {
    }

    /** The stream ended: by {@code <close/>}, a BOSH terminate, or the connection going away; with the stream error if one came. */
    record End(Optional<String> streamErrorXml, String how) implements Incoming {
    }
}
