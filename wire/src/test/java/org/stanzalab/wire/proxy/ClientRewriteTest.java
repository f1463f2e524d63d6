package org.stanzalab.wire.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClientRewriteTest {
    private static final ClientRewrite OPEN_TO_WHITELIST = new ClientRewrite("access-model-whitelist",
            "<value>open</value>", "<value>whitelist</value>");

    private static String feedInChunks(ClientRewrite.Stream stream, String text, int chunk) {
        StringBuilder out = new StringBuilder();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int at = 0; at < bytes.length; at += chunk) {
            byte[] part = java.util.Arrays.copyOfRange(bytes, at, Math.min(bytes.length, at + chunk));
            out.append(new String(stream.feed(part, part.length), StandardCharsets.ISO_8859_1));
        }
        return new String(out.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }

    @Test
    void textIsRewrittenWhateverTheChunkBoundariesAndTheRestPassesWhole() {
        String stanza = "<iq id='ü1'><field><value>open</value></field><value>opened</value></iq>";
        for (int chunk = 1; chunk <= stanza.length(); chunk++) {
            List<FiredRule> fired = new ArrayList<>();
            String out = feedInChunks(new ClientRewrite.Stream(List.of(OPEN_TO_WHITELIST), fired::add), stanza, chunk);
            assertEquals("<iq id='ü1'><field><value>whitelist</value></field><value>opened</value></iq>", out, "chunk " + chunk);
            assertEquals(1, fired.size(), "chunk " + chunk);
        }
    }

    @Test
    void withoutRewritesBytesPassUnchanged() {
        List<FiredRule> fired = new ArrayList<>();
        String out = feedInChunks(new ClientRewrite.Stream(List.of(), fired::add), "<value>open</value>", 3);
        assertEquals("<value>open</value>", out);
        assertEquals(0, fired.size());
    }
}
