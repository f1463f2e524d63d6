package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Mutated XMPP streams fed in random chunk sizes: the parser may accept or reject them, but must only
 * ever fail with {@link WireProtocolException} (never another exception, which would kill a reader thread).
 */
class ParserFuzzTest {
    private static final String SEED_STREAM = FakePeer.HEADER + FakePeer.FEATURES_SASL
            + " <message type='chat' xml:lang='en' to='a@b/c'><body>h\u00e9 &amp; &#x41;<![CDATA[x]]></body>"
            + "<x xmlns:p='urn:p' p:y='1'/></message><success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
            + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>";
    private static final String[] NASTY = {"<!--", "-->", "&x;", "&#0;", "<!DOCTYPE a [", "<?pi ", "?>", "<![CDATA[",
        "]]>", "<", ">", "'", "\"", "&", "</", "/>", "xmlns:a=''", "\u0000", "\r", "<stream:stream>", "</stream:stream>"};
    private static final int ITERATIONS = Integer.getInteger("stanzalab.fuzz.iterations", 3000);

    @Test
    void mutatedStreamsOnlyFailWithProtocolErrors() {
        Random random = new Random(20240611L);
        byte[] seed = SEED_STREAM.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < ITERATIONS; i++) {
            byte[] input = mutate(seed, random);
            try {
                feedInRandomChunks(input, random);
            } catch (WireProtocolException expected) {
                // Rejecting is fine.
            } catch (RuntimeException e) {
                fail("iteration " + i + " threw " + e + " for input: " + BytesAsText.render(input), e);
            }
        }
    }

    private static void feedInRandomChunks(byte[] input, Random random) throws WireProtocolException {
        HardenedStreamParser parser = new HardenedStreamParser(HardenedStreamParser.Mode.STREAM,
                new ParserLimits(512, 4), new Restarting(), "server sent");
        int offset = 0;
        while (offset < input.length) {
            int length = Math.min(input.length - offset, 1 + random.nextInt(40));
            int consumed = parser.feed(Arrays.copyOfRange(input, offset, offset + length), length);
            offset += consumed;
            if (parser.stopped()) {
                parser = new HardenedStreamParser(HardenedStreamParser.Mode.STREAM,
                        new ParserLimits(512, 4), new Restarting(), "server sent");
            }
        }
    }

    private static byte[] mutate(byte[] seed, Random random) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int position = 0;
        int mutations = 1 + random.nextInt(4);
        for (int m = 0; m < mutations && position < seed.length; m++) {
            int next = position + random.nextInt(seed.length - position);
            out.write(seed, position, next - position);
            position = next;
            switch (random.nextInt(4)) {
                case 0 -> out.writeBytes(NASTY[random.nextInt(NASTY.length)].getBytes(StandardCharsets.UTF_8));
                case 1 -> out.write(random.nextInt(256));
                case 2 -> position = Math.min(seed.length, position + 1 + random.nextInt(8)); // delete
                default -> out.writeBytes(Arrays.copyOfRange(seed, position, Math.min(seed.length, position + 30)));
            }
        }
        out.write(seed, position, seed.length - position);
        return out.toByteArray();
    }

    /** Stops after SASL success like the stream does, so restarts get fuzzed too. */
    private static final class Restarting implements HardenedStreamParser.Handler {
        @Override
        public void streamHeader(StreamHeader header) {
        }

        @Override
        public boolean topLevelElement(XmlElement element, String raw) {
            return !element.name().equals("success");
        }

        @Override
        public void closingTag(String raw) {
        }
    }
}
