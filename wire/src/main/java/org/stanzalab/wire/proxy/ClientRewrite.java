package org.stanzalab.wire.proxy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A fault the {@link FaultProxy} injects into what the client sends: every occurrence of the exact text {@code from}
 * in the client's (decrypted) stream reaches the server as {@code to}. It models a client library that asks for
 * something other than what the test meant (e.g. a publish-option changed from open to whitelist), so the server
 * itself does the wrong thing the test must notice. Matching is on the bytes as written; {@code from} must be ASCII
 * and must not end a complete element (it is held back while only its beginning has arrived).
 *
 * @param name how reports name the rule
 * @param from the exact text to find (ASCII)
 * @param to   what the server gets instead
 */
public record ClientRewrite(String name, String from, String to) {

    public ClientRewrite {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(to, "to");
        if (from == null || from.isEmpty() || !StandardCharsets.US_ASCII.newEncoder().canEncode(from)) {
            throw new IllegalArgumentException("a client rewrite needs a non-empty ASCII text to find");
        }
    }

    /**
     * The rewriting of one connection's client stream: fed the bytes as they are read, it gives the bytes to pass
     * on, keeping back a tail that could be the start of a text to find until the next read decides it.
     */
    static final class Stream {
        private final List<ClientRewrite> rewrites;
        private final Consumer<FiredRule> fired;
        // ISO-8859-1 maps each byte to one char and back, so UTF-8 content passes unchanged; ASCII never occurs
        // inside a UTF-8 multi-byte sequence, so an ASCII text cannot match across one
        private String pending = "";

        Stream(List<ClientRewrite> rewrites, Consumer<FiredRule> fired) {
            this.rewrites = rewrites;
            this.fired = fired;
        }

        byte[] feed(byte[] buffer, int length) {
            if (rewrites.isEmpty()) {
                return java.util.Arrays.copyOf(buffer, length);
            }
            String text = pending + new String(buffer, 0, length, StandardCharsets.ISO_8859_1);
            for (ClientRewrite rewrite : rewrites) {
                if (text.contains(rewrite.from())) {
                    fired.accept(new FiredRule(rewrite.name(), rewrite.from(), rewrite.to()));
                    text = text.replace(rewrite.from(), rewrite.to());
                }
            }
            int keep = 0;
            for (ClientRewrite rewrite : rewrites) {
                for (int n = Math.min(rewrite.from().length() - 1, text.length()); n > keep; n--) {
                    if (text.endsWith(rewrite.from().substring(0, n))) {
                        keep = n;
                        break;
                    }
                }
            }
            pending = text.substring(text.length() - keep);
            return text.substring(0, text.length() - keep).getBytes(StandardCharsets.ISO_8859_1);
        }
    }
}
