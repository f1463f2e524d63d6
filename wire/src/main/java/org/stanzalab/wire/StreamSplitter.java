package org.stanzalab.wire;

/**
 * Cuts one XMPP stream into its parts as they arrive, each with its received text: the stream header, the
 * top-level elements and the closing tag. For relays (such as a fault-injecting proxy) that pass a stream on and
 * may change some of its elements. Uses the driver's hardened parser, with its limits.
 *
 * <p>A listener stops the splitter by returning false for an element (after {@code <proceed/>} or SASL
 * {@code <success/>}); the bytes after that element are then {@link #unconsumed()} and belong to TLS or to the
 * next stream's splitter.
 */
public final class StreamSplitter {

    /** Receives the stream's parts in order, on the thread that feeds the splitter. */
    public interface Listener {
        void header(StreamHeader header);

        /** @return false to stop right after this element */
        boolean element(XmlElement element, String raw);

        void closingTag(String raw);
    }

    private final HardenedStreamParser parser;

    public StreamSplitter(Listener listener, String origin) {
        this.parser = new HardenedStreamParser(HardenedStreamParser.Mode.STREAM, ParserLimits.DEFAULT,
                new HardenedStreamParser.Handler() {
                    @Override
                    public void streamHeader(StreamHeader header) {
                        listener.header(header);
                    }

                    @Override
                    public boolean topLevelElement(XmlElement element, String raw) {
                        return listener.element(element, raw);
                    }

                    @Override
                    public void closingTag(String raw) {
                        listener.closingTag(raw);
                    }
                }, origin);
    }

    /** Parses {@code length} bytes from the start of {@code chunk}; throws if the peer broke XML or the limits. */
    public void feed(byte[] chunk, int length) throws WireProtocolException {
        parser.feed(chunk, length);
    }

    public boolean stopped() {
        return parser.stopped();
    }

    /** After a stop: the bytes received after the stopping element. */
    public byte[] unconsumed() {
        return parser.unconsumed();
    }
}
