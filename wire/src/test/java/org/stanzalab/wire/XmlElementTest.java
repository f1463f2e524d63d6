package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class XmlElementTest {

    @Test
    void serialisesWithEscapingAndNamespaces() {
        XmlElement message = XmlElement.builder("message", "jabber:client")
                .attribute("to", "a'b\"<c>&")
                .attribute("xml:lang", "en")
                .attribute("{urn:ext}flag", "1")
                .child(XmlElement.builder("body", "jabber:client").text("1 < 2 & ]]>").build())
                .child(XmlElement.builder("x", "urn:x").build())
                .build();
        assertEquals("<message xmlns='jabber:client' xmlns:ns0='urn:ext' to='a&apos;b&quot;&lt;c&gt;&amp;' "
                + "xml:lang='en' ns0:flag='1'><body>1 &lt; 2 &amp; ]]&gt;</body><x xmlns='urn:x'/></message>",
                message.toXml());
        assertEquals(message.toXml(), message.toString());
    }

    @Test
    void roundTripsThroughParse() throws Exception {
        String xml = "<stream:error xmlns:stream='http://etherx.jabber.org/streams'>"
                + "<host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                + "<text xmlns='urn:ietf:params:xml:ns:xmpp-streams'>a &amp; b</text></stream:error>";
        XmlElement parsed = XmlElement.parse(xml);
        assertEquals(xml, parsed.toXml());
        assertEquals(parsed, XmlElement.parse(parsed.toXml()));
        assertTrue(StreamError.isStreamError(parsed));
        assertEquals("a & b", parsed.childText("text", XmppNamespaces.STREAM_ERRORS).orElseThrow());
        assertFalse(parsed.child("text", "other").isPresent());
    }

    @Test
    void keepsMixedContentOrder() throws Exception {
        XmlElement p = XmlElement.parse("<p xmlns='urn:x'>a<b/>c</p>");
        assertEquals("ac", p.text());
        assertEquals("<p xmlns='urn:x'>a<b/>c</p>", p.toXml());
    }

    @Test
    void parseUsesTheHardenedParser() {
        assertTrue(assertThrows(WireProtocolException.class,
                () -> XmlElement.parse("<!DOCTYPE a [<!ENTITY x SYSTEM 'file:///etc/passwd'>]><a>&x;</a>"))
                .getMessage().contains("DTD"));
        assertTrue(assertThrows(WireProtocolException.class, () -> XmlElement.parse("<a><!-- c --></a>"))
                .getMessage().startsWith("XML contains a comment"));
        assertThrows(WireProtocolException.class, () -> XmlElement.parse("<a>"));
        assertThrows(WireProtocolException.class, () -> XmlElement.parse("<a/><b/>"));
        assertThrows(WireProtocolException.class, () -> XmlElement.parse(""));
    }
}
