package org.stanzalab.wire;

/** What the reader thread hands to the stream's consumer, in arrival order. */
sealed interface Inbound {

    record Header(StreamHeader header) implements Inbound {
    }

    record Element(XmlElement element) implements Inbound {
    }

    record ClosingTag() implements Inbound {
    }

    /** The connection ended; {@code detail} is null for a clean EOF, else e.g. "connection reset". */
    record Eof(String detail) implements Inbound {
    }

    record Failure(WireException error) implements Inbound {
    }

    /** {@link WireStream#close()} was called; wakes a thread waiting on the stream. */
    record LocalClose() implements Inbound {
    }

    /** The parser stopped after {@code <proceed/>} or {@code <success/>}; the bytes it did not consume. */
    record Paused(byte[] unconsumed) implements Inbound {
    }
}
