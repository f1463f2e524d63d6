package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmppNamespaces;

/**
 * RFC 6120 §11.6 and §4.9.3.22: a stream is UTF-8; anything else ends it with a stream error (MUST), which should
 * be {@code <unsupported-encoding/>} (SHOULD).
 */
@StanzalabTest
class StreamEncoding {
    /** Invalid UTF-8 is both an encoding error and, for the XML parser, a fatal (well-formedness) error. */
    private static final Set<String> BAD_ENCODING = Set.of("unsupported-encoding", "not-well-formed");
    /** What §11.6 prefers, what it notes as existing practice, and what a parser reading the bytes as UTF-8 says. */
    private static final Set<String> PREFERRED = Set.of("unsupported-encoding", "bad-format", "not-well-formed");
    private static final String UTF16_DECLARED_HEADER = "<?xml version='1.0' encoding='UTF-16'?><stream:stream to='DOMAIN' "
            + "version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='" + XmppNamespaces.STREAMS + "'>";

    // §11.6 obliges the server to close a stream that is not UTF-8 with a stream error (MUST) and names the
    // condition it should have (SHOULD): each case has a method for the closing and one for the condition.
    @Spec(document = "RFC 6120", section = "11.6", level = MUST,
          requirement = "an initial header whose XML declaration names UTF-16 gets a response header and then a "
                  + "stream error, as XMPP streams are UTF-8 only")
    @Test
    void utf16DeclarationEndsTheStream(Lab lab) {
        RawSession client = lab.raw();

        client.send(UTF16_DECLARED_HEADER.replace("DOMAIN", lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "a stream header declaring UTF-16", "11.6",
                StreamEnd.ANY_DEFINED_CONDITION, false);
    }

    @Spec(document = "RFC 6120", section = "11.6", level = SHOULD,
          requirement = "the stream error for an initial header whose XML declaration names UTF-16 is "
                  + "<unsupported-encoding/> (§4.9.3.22; <bad-format/> is noted as existing practice; as the bytes "
                  + "contradict the declaration, <not-well-formed/> is accepted too)")
    @Test
    void utf16DeclarationGetsUnsupportedEncoding(Lab lab) {
        RawSession client = lab.raw();

        client.send(UTF16_DECLARED_HEADER.replace("DOMAIN", lab.domain()));

        gradeCondition(client, "a stream header declaring UTF-16");
    }

    enum OtherEncoding {
        UTF16LE_WITH_BOM("utf16le-with-bom"),
        UTF16BE_WITH_BOM("utf16be-with-bom"),
        UTF16BE_WITHOUT_BOM("utf16be-without-bom");

        private final String key;

        OtherEncoding(String key) {
            this.key = key;
        }

        byte[] header(String domain) {
            String stream = "<stream:stream to='" + domain + "' version='1.0' xml:lang='en' xmlns='jabber:client' "
                    + "xmlns:stream='" + XmppNamespaces.STREAMS + "'>";
            return switch (this) {
                case UTF16LE_WITH_BOM -> concat(new byte[] {(byte) 0xFF, (byte) 0xFE},
                        ("<?xml version='1.0' encoding='UTF-16'?>" + stream).getBytes(StandardCharsets.UTF_16LE));
                case UTF16BE_WITH_BOM -> concat(new byte[] {(byte) 0xFE, (byte) 0xFF},
                        ("<?xml version='1.0' encoding='UTF-16'?>" + stream).getBytes(StandardCharsets.UTF_16BE));
                case UTF16BE_WITHOUT_BOM -> ("<?xml version='1.0' encoding='UTF-16BE'?>" + stream)
                        .getBytes(StandardCharsets.UTF_16BE);
            };
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "11.6", level = MUST,
          requirement = "a stream encoded in UTF-16 gets a response header and then a stream error, as XMPP streams "
                  + "are UTF-8 only")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OtherEncoding.class)
    void streamInAnotherEncodingEndsTheStream(OtherEncoding encoding, Lab lab) {
        RawSession client = lab.raw();

        client.sendBytes(encoding.header(lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "a stream header in " + encoding, "11.6",
                StreamEnd.ANY_DEFINED_CONDITION, false);
    }

    @Spec(document = "RFC 6120", section = "11.6", level = SHOULD,
          requirement = "the stream error for a stream encoded in UTF-16 is <unsupported-encoding/> (§4.9.3.22; "
                  + "<bad-format/> is noted as existing practice; <not-well-formed/> is accepted too, since the bytes "
                  + "are not the UTF-8 XML the server reads)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OtherEncoding.class)
    void streamInAnotherEncodingGetsUnsupportedEncoding(OtherEncoding encoding, Lab lab) {
        RawSession client = lab.raw();

        client.sendBytes(encoding.header(lab.domain()));

        gradeCondition(client, "a stream header in " + encoding);
    }

    /** The condition §11.6 prefers, once the response header has come; impossible if no stream error came at all. */
    private static void gradeCondition(RawSession client, String violation) {
        StreamError error = StreamEnd.streamErrorToGrade(() -> {
            client.expectResponseHeader();
            return client.expectStreamErrorInsteadOfFeatures();
        }, violation);
        StreamEnd.assertPreferredCondition(error, violation, "11.6", PREFERRED);
    }

    enum InvalidUtf8 {
        LONE_CONTINUATION_BYTE("lone-continuation-byte", 0x80),
        BYTE_FF("byte-ff", 0xFF),
        BYTE_FE("byte-fe", 0xFE),
        OVERLONG_SLASH("overlong-slash", 0xC0, 0xAF),
        OVERLONG_NUL("overlong-nul", 0xC0, 0x80),
        OVERLONG_THREE_BYTES("overlong-three-bytes", 0xE0, 0x80, 0xAF),
        TRUNCATED_SEQUENCE("truncated-sequence", 0xE2, 0x82),
        ENCODED_SURROGATE("encoded-surrogate", 0xED, 0xA0, 0x80),
        ABOVE_UNICODE("above-unicode", 0xF4, 0x90, 0x80, 0x80),
        FIVE_BYTE_FORM("five-byte-form", 0xF8, 0x88, 0x80, 0x80, 0x80),
        LATIN1_TEXT("latin1-text", 'c', 'a', 'f', 0xE9);

        private final String key;
        private final int[] bytes;

        InvalidUtf8(String key, int... bytes) {
            this.key = key;
            this.bytes = bytes;
        }

        byte[] inMessageBody() {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes("<message><body>a".getBytes(StandardCharsets.UTF_8));
            for (int b : bytes) {
                out.write(b);
            }
            out.writeBytes("b</body></message>".getBytes(StandardCharsets.UTF_8));
            return out.toByteArray();
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "11.6", level = MUST,
          requirement = "bytes that break the rules of UTF-8 end the stream with <unsupported-encoding/> (or "
                  + "<not-well-formed/>, as invalid UTF-8 is also a fatal XML error), then </stream:stream> and the TCP close "
                  + "(the condition is defined in §4.9.3.22; §11.3 asks for <not-well-formed/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(InvalidUtf8.class)
    void invalidUtf8EndsTheStream(InvalidUtf8 invalid, Lab lab) {
        RawSession client = lab.raw().secure();

        client.sendBytes(invalid.inMessageBody());

        StreamEnd.expectStreamErrorAndClosing(client, "invalid UTF-8 (" + invalid + ")", "4.9.3.22", BAD_ENCODING, false);
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] all = new byte[first.length + second.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(second, 0, all, first.length, second.length);
        return all;
    }
}
