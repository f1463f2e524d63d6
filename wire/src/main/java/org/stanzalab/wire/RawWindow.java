package org.stanzalab.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bytes received since the last completed top-level item, addressed by absolute stream offset.
 * Gives the transcript the peer's exact text instead of a re-serialisation; its size is bounded by the
 * parser's element limit plus one read chunk.
 */
final class RawWindow {
    private byte[] bytes = new byte[4096];
    private int length;
    private long firstOffset;

    void append(byte[] chunk, int chunkLength) {
        if (length + chunkLength > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + chunkLength));
        }
        System.arraycopy(chunk, 0, bytes, length, chunkLength);
        length += chunkLength;
    }

    long endOffset() {
        return firstOffset + length;
    }

    /** Text between two absolute offsets, both inside the window. */
    String text(long from, long to) {
        return BytesAsText.render(bytes, index(from), (int) (to - from));
    }

    /** Everything from an absolute offset on, cut to a readable size for a transcript. */
    String tail(long from, int maxBytes) {
        int start = index(Math.max(from, firstOffset));
        int available = length - start;
        if (available <= maxBytes) {
            return BytesAsText.render(bytes, start, available);
        }
        return BytesAsText.render(bytes, start, maxBytes) + "… [" + (available - maxBytes) + " more bytes]";
    }

    /** Copy of everything from an absolute offset on. */
    byte[] bytesFrom(long from) {
        int start = index(from);
        return Arrays.copyOfRange(bytes, start, length);
    }

    void discardBefore(long offset) {
        int drop = index(offset);
        System.arraycopy(bytes, drop, bytes, 0, length - drop);
        length -= drop;
        firstOffset = offset;
    }

    boolean contains(String ascii) {
        byte[] needle = ascii.getBytes(StandardCharsets.US_ASCII);
        outer:
        for (int i = 0; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private int index(long offset) {
        if (offset < firstOffset || offset > endOffset()) {
            throw new IllegalArgumentException("offset " + offset + " outside window " + firstOffset + ".." + endOffset());
        }
        return (int) (offset - firstOffset);
    }
}
