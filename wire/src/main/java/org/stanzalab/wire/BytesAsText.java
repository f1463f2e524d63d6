package org.stanzalab.wire;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** Renders bytes for a transcript: valid UTF-8 as text, every invalid byte as {@code \xNN} so it stays visible. */
final class BytesAsText {
    private BytesAsText() {
    }

    static String render(byte[] bytes, int offset, int length) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, offset, length);
        CharBuffer out = CharBuffer.allocate(Math.max(16, length));
        StringBuilder text = new StringBuilder(length);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            out.flip();
            text.append(out);
            out.clear();
            if (result.isError()) {
                for (int i = 0; i < result.length(); i++) {
                    text.append(String.format("\\x%02X", in.get() & 0xFF));
                }
            } else if (result.isUnderflow()) {
                return text.toString();
            }
        }
    }

    static String render(byte[] bytes) {
        return render(bytes, 0, bytes.length);
    }
}
