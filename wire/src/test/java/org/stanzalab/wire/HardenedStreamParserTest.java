package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class HardenedStreamParserTest {

    /** Collects what the parser reports, and stops after elements named {@code stopAfter}. */
    private static final class Collector implements HardenedStreamParser.Handler {
        final List<StreamHeader> headers = new ArrayList<>();
        final List<XmlElement> elements = new ArrayList<>();
        final List<String> raw = new ArrayList<>();
        int closingTags;
        String stopAfter = "";

        @Override
        public void streamHeader(StreamHeader header) {
            headers.add(header);
            raw.add(header.raw());
        }

        @Override
        public boolean topLevelElement(XmlElement element, String text) {
            elements.add(element);
            raw.add(text);
            return !element.name().equals(stopAfter);
        }

        @Override
        public void closingTag(String text) {
            closingTags++;
            raw.add(text);
        }
    }

    private final Collector collector = new Collector();

    private HardenedStreamParser parser(ParserLimits limits) {
        return new HardenedStreamParser(HardenedStreamParser.Mode.STREAM, limits, collector, "server sent");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void feedWhole(String text) throws WireProtocolException {
        byte[] bytes = utf8(text);
        parser(ParserLimits.DEFAULT).feed(bytes, bytes.length);
    }

    private String rejection(String text) {
        return assertThrows(WireProtocolException.class, () -> feedWhole(text)).getMessage();
    }

    @Test
    void parsesStreamHeaderAttributes() throws Exception {
        feedWhole(FakePeer.HEADER);
        StreamHeader header = collector.headers.get(0);
        assertEquals("stream:stream", header.name());
        assertTrue(header.isXmppStream());
        assertEquals("s-1", header.id());
        assertEquals("xmpp.test", header.from());
        assertEquals(null, header.to());
        assertEquals("1.0", header.version());
        assertEquals("en", header.lang());
        assertEquals("jabber:client", header.defaultNamespace());
        assertEquals(XmppNamespaces.STREAMS, header.attributes().get("xmlns:stream"));
        assertEquals(FakePeer.HEADER, header.raw());
    }

    @Test
    void sameResultWhenFedOneByteAtATime() throws Exception {
        String stream = FakePeer.HEADER + " <message to='a@b' type='chat'><body>h\u00e9llo &amp; &#x263A; <![CDATA[<x>]]>"
                + "</body></message>\n<presence/></stream:stream>";
        HardenedStreamParser parser = parser(ParserLimits.DEFAULT);
        for (byte b : utf8(stream)) {
            parser.feed(new byte[] {b}, 1);
        }
        assertEquals(2, collector.elements.size());
        XmlElement message = collector.elements.get(0);
        assertEquals("h\u00e9llo & \u263A <x>", message.childText("body", "jabber:client").orElseThrow());
        assertEquals("chat", message.attribute("type").orElseThrow());
        assertEquals(List.of(FakePeer.HEADER,
                "<message to='a@b' type='chat'><body>h\u00e9llo &amp; &#x263A; <![CDATA[<x>]]></body></message>",
                "<presence/>", "</stream:stream>"), collector.raw);
        assertEquals(1, collector.closingTags);
    }

    @Test
    void twoElementsInOneChunk() throws Exception {
        feedWhole(FakePeer.HEADER + "<a xmlns='urn:x'/><b xmlns='urn:y'>t</b>");
        assertEquals(List.of("a", "b"), collector.elements.stream().map(XmlElement::name).toList());
        assertEquals("urn:y", collector.elements.get(1).namespace());
    }

    @Test
    void stopsRightAfterRestartTriggerAndReportsUnconsumedBytes() throws Exception {
        collector.stopAfter = "success";
        String after = FakePeer.HEADER + FakePeer.FEATURES_BIND;
        byte[] chunk = utf8(FakePeer.HEADER + "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>" + after);
        byte[] header = utf8(FakePeer.HEADER);
        HardenedStreamParser parser = parser(ParserLimits.DEFAULT);
        // The header arrives first, then the trigger and the next stream's bytes share one read.
        parser.feed(header, header.length);
        byte[] rest = Arrays.copyOfRange(chunk, header.length, chunk.length);
        int consumed = parser.feed(rest, rest.length);
        assertTrue(parser.stopped());
        assertEquals(after, new String(rest, consumed, rest.length - consumed, StandardCharsets.UTF_8));
    }

    @Test
    void ignoresWhitespaceKeepalivesButRejectsTextAtStreamLevel() throws Exception {
        feedWhole(FakePeer.HEADER + "  \n <a xmlns='urn:x'/>\t ");
        assertEquals(1, collector.elements.size());
        assertTrue(rejection(FakePeer.HEADER + "hello<a/>").contains("text outside any element"));
    }

    @Test
    void rejectsDtdWithAndWithoutInternalSubset() {
        String withSubset = "<?xml version='1.0'?><!DOCTYPE stream [<!ENTITY lol 'lol'>]>" + FakePeer.HEADER;
        assertEquals("server sent a DTD, which XMPP forbids (RFC 6120 §11.1)", rejection(withSubset));
        assertEquals("server sent a DTD, which XMPP forbids (RFC 6120 §11.1)",
                rejection("<!DOCTYPE stream>" + FakePeer.HEADER));
        HardenedStreamParser bytewise = parser(ParserLimits.DEFAULT);
        WireProtocolException e = assertThrows(WireProtocolException.class, () -> {
            for (byte b : utf8(withSubset)) {
                bytewise.feed(new byte[] {b}, 1);
            }
        });
        assertTrue(e.getMessage().contains("DTD"), e.getMessage());
    }

    @Test
    void rejectsEntityReferencesOtherThanPredefined() {
        assertEquals("server sent the entity reference &xxe;, which XMPP forbids (RFC 6120 §11.1)",
                rejection(FakePeer.HEADER + "<message><body>&xxe;</body></message>"));
        assertEquals("server sent the entity reference &xxe; in an attribute value, which XMPP forbids (RFC 6120 §11.1)",
                rejection(FakePeer.HEADER + "<message to='&xxe;'/>"));
    }

    @Test
    void rejectsCommentsAndProcessingInstructions() {
        assertEquals("server sent a comment, which XMPP forbids (RFC 6120 §11.1)",
                rejection(FakePeer.HEADER + "<!-- hi --><presence/>"));
        assertEquals("server sent a comment, which XMPP forbids (RFC 6120 §11.1)",
                rejection(FakePeer.HEADER + "<message><!-- hi --></message>"));
        assertEquals("server sent a processing instruction <?php?>, which XMPP forbids (RFC 6120 §11.1)",
                rejection(FakePeer.HEADER + "<message><?php echo 1; ?></message>"));
        assertTrue(rejection("<?xml version='1.0'?><?xml-stylesheet href='x'?>" + FakePeer.HEADER)
                .contains("processing instruction"));
    }

    @Test
    void rejectsNonUtf8EncodingDeclaration() {
        assertTrue(rejection("<?xml version='1.0' encoding='ISO-8859-1'?><stream:stream/>")
                .contains("encoding 'ISO-8859-1', but XMPP requires UTF-8"));
    }

    @Test
    void rejectsOversizedElementBeforeBufferingAllOfIt() throws Exception {
        HardenedStreamParser parser = parser(new ParserLimits(1000, 64));
        byte[] header = utf8(FakePeer.HEADER + "<message><body>");
        parser.feed(header, header.length);
        byte[] filler = new byte[300];
        Arrays.fill(filler, (byte) 'x');
        WireProtocolException e = assertThrows(WireProtocolException.class, () -> {
            for (int i = 0; i < 100_000; i++) { // would be 30 MB if the limit did not stop it
                parser.feed(filler, filler.length);
            }
        });
        assertEquals("server sent <message> larger than the limit of 1000 bytes", e.getMessage());
    }

    @Test
    void rejectsOversizedElementCompletedWithinOneChunk() {
        String big = "<message><body>" + "y".repeat(2000) + "</body></message>";
        HardenedStreamParser parser = parser(new ParserLimits(1000, 64));
        byte[] bytes = utf8(FakePeer.HEADER + big);
        WireProtocolException e = assertThrows(WireProtocolException.class, () -> parser.feed(bytes, bytes.length));
        assertTrue(e.getMessage().contains("larger than the limit of 1000 bytes"), e.getMessage());
    }

    @Test
    void limitsNestingDepth() throws Exception {
        feedWhole(FakePeer.HEADER + "<a>".repeat(64) + "</a>".repeat(64));
        assertEquals(1, collector.elements.size());
        assertEquals("server sent an element nested deeper than the limit of 64 levels",
                rejection(FakePeer.HEADER + "<a>".repeat(65)));
    }

    @Test
    void rejectsInvalidUtf8() {
        byte[] prefix = utf8(FakePeer.HEADER + "<message><body>");
        byte[] bad = Arrays.copyOf(prefix, prefix.length + 2);
        bad[prefix.length] = (byte) 0xC3;
        bad[prefix.length + 1] = (byte) 0x28;
        WireProtocolException e = assertThrows(WireProtocolException.class,
                () -> parser(ParserLimits.DEFAULT).feed(bad, bad.length));
        assertEquals("server sent invalid UTF-8 at byte " + (prefix.length + 1)
                + ": byte 0x28 does not continue the multi-byte sequence before it (RFC 6120 §11.6)", e.getMessage());
        byte[] overlong = {(byte) 0xC0, (byte) 0xBC};
        HardenedStreamParser parser = parser(ParserLimits.DEFAULT);
        assertTrue(assertThrows(WireProtocolException.class, () -> parser.feed(overlong, 2)).getMessage()
                .contains("byte 0xC0 cannot start a UTF-8 character"));
    }

    @Test
    void rejectsSurrogatesEncodedInUtf8() {
        byte[] surrogate = {'<', 'a', '>', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        assertThrows(WireProtocolException.class, () -> parser(ParserLimits.DEFAULT).feed(surrogate, surrogate.length));
    }

    @Test
    void rejectsGarbageWithClearMessage() {
        String message = rejection("HTTP/1.1 400 Bad Request\r\n\r\n");
        assertTrue(message.startsWith("server sent malformed XML: Unexpected character 'H'"), message);
        // Aalto decides on a same-length mismatched end tag only after a few more bytes, hence the trailer.
        assertTrue(rejection(FakePeer.HEADER + "<a></b></stream:stream>").startsWith("server sent malformed XML:"));
    }

    @Test
    void ignoresBytesAfterClosingTag() throws Exception {
        feedWhole(FakePeer.HEADER + "</stream:stream>garbage \u0001");
        assertEquals(1, collector.closingTags);
    }

    @Test
    void keepsNamespacedAttributesAndPrefixes() throws Exception {
        feedWhole(FakePeer.HEADER + "<stream:error><conflict xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams' xml:lang='en'>bye</text></stream:error>"
                + "<x xmlns:p='urn:p' p:q='v'/>");
        XmlElement error = collector.elements.get(0);
        assertEquals("stream", error.prefix());
        StreamError streamError = StreamError.from(error);
        assertEquals("conflict", streamError.condition());
        assertEquals("bye", streamError.text());
        assertEquals("v", collector.elements.get(1).attribute("{urn:p}q").orElseThrow());
        assertEquals("en", error.child("text", XmppNamespaces.STREAM_ERRORS).orElseThrow()
                .attribute("xml:lang").orElseThrow());
    }
}
