package org.stanzalab.engine;

import org.jivesoftware.smack.packet.Stanza;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;

/**
 * A stanza a Smack session received, as an element tree: for payloads Smack has no class for (it keeps them as
 * text) and for tests that read a reply element by element rather than through a Smack class.
 */
public final class StanzaXml {
    private StanzaXml() {
    }

    /**
     * The child element of an IQ (its payload), read from what was received where Smack kept the payload as text,
     * and from Smack's own serialisation otherwise; empty for an IQ without a payload.
     */
    public static java.util.Optional<XmlElement> payload(org.jivesoftware.smack.packet.IQ iq) {
        if (iq instanceof org.jivesoftware.smack.packet.UnparsedIQ unparsed) {
            return java.util.Optional.of(parse(unparsed.getContent().toString()));
        }
        return of(iq).children().stream().filter(child -> !"error".equals(child.name())).findFirst();
    }

    /** The stanza as Smack serialises it again; a stanza Smack could not write back as XML is the tool's problem. */
    public static XmlElement of(Stanza stanza) {
        return parse(stanza.toXML().toString());
    }

    private static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (WireProtocolException e) {
            throw new TestError("a received stanza could not be read back as XML (" + e.getMessage() + "): " + xml, e);
        }
    }
}
