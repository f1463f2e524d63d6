package org.stanzalab.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Body of a reader thread: reads the socket, feeds one parser, and ends when the parser stops (stream
 * restart), the connection ends, or the input is unacceptable. A restarted stream gets a new reader.
 */
final class InboundReader implements Runnable {
    private static final int CHUNK_SIZE = 8192;

    private final InputStream in;
    private final byte[] firstBytes;
    private final HardenedStreamParser parser;
    private final Consumer<Inbound> events;
    private final Consumer<String> unparsedText;
    private final BooleanSupplier closedLocally;
    private final boolean resumeParser;

    /**
     * @param firstBytes   bytes already read from {@code in} that belong to this parser
     * @param unparsedText receives the bytes that were not part of any reported item when reading fails
     */
    InboundReader(InputStream in, byte[] firstBytes, HardenedStreamParser parser, Consumer<Inbound> events,
                  Consumer<String> unparsedText, BooleanSupplier closedLocally) {
        this(in, firstBytes, parser, events, unparsedText, closedLocally, false);
    }

    /** Goes on with a parser that was stopped after an element, starting with the bytes it already holds. */
    static InboundReader resuming(InputStream in, HardenedStreamParser parser, Consumer<Inbound> events,
                                  Consumer<String> unparsedText, BooleanSupplier closedLocally) {
        return new InboundReader(in, new byte[0], parser, events, unparsedText, closedLocally, true);
    }

    private InboundReader(InputStream in, byte[] firstBytes, HardenedStreamParser parser, Consumer<Inbound> events,
                          Consumer<String> unparsedText, BooleanSupplier closedLocally, boolean resumeParser) {
        this.resumeParser = resumeParser;
        this.in = in;
        this.firstBytes = firstBytes;
        this.parser = parser;
        this.events = events;
        this.unparsedText = unparsedText;
        this.closedLocally = closedLocally;
    }

    @Override
    public void run() {
        try {
            if (resumeParser) {
                parser.resume();
                if (parser.stopped()) {
                    events.accept(new Inbound.Paused(parser.unconsumed()));
                    return;
                }
            }
            if (firstBytes.length > 0 && !parse(firstBytes, firstBytes.length)) {
                return;
            }
            // One buffer is enough: the parser consumes a chunk completely before we read the next one.
            byte[] buffer = new byte[CHUNK_SIZE];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (n > 0 && !parse(buffer, n)) {
                    return;
                }
            }
            reportUnparsed();
            events.accept(new Inbound.Eof(null));
        } catch (WireException e) {
            reportUnparsed();
            events.accept(new Inbound.Failure(e));
        } catch (IOException e) {
            if (!closedLocally.getAsBoolean()) {
                reportUnparsed();
                events.accept(new Inbound.Eof(describe(e)));
            }
        } catch (RuntimeException e) {
            // A waiting caller must learn about a bug here instead of running into a timeout.
            events.accept(new Inbound.Failure(new WireException("reading from the server failed: " + e, e)));
        }
    }

    /** @return false once the parser has stopped for a stream restart */
    private boolean parse(byte[] chunk, int length) throws WireException {
        int consumed = parser.feed(chunk, length);
        if (!parser.stopped()) {
            return true;
        }
        events.accept(new Inbound.Paused(Arrays.copyOfRange(chunk, consumed, length)));
        return false;
    }

    private void reportUnparsed() {
        String text = parser.unreportedText();
        if (!text.isEmpty()) {
            unparsedText.accept(text);
        }
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        return message == null ? e.getClass().getSimpleName() : message.toLowerCase(Locale.ROOT);
    }
}
