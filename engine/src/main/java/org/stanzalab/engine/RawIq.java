package org.stanzalab.engine;

import org.jivesoftware.smack.packet.IQ;
import org.jxmpp.jid.Jid;

/**
 * An IQ whose child element is given as XML text, for payloads Smack has no class for: unknown namespaces,
 * deliberately odd children, or protocols the tests speak by hand to see exactly what goes over the wire.
 */
public final class RawIq extends IQ {
    private final String innerXml;

    /**
     * @param element   the child's element name
     * @param namespace the child's namespace
     * @param innerXml  what goes inside the child element (may be empty)
     */
    public RawIq(Type type, Jid to, String element, String namespace, String innerXml) {
        super(element, namespace);
        setType(type);
        setTo(to);
        this.innerXml = innerXml == null ? "" : innerXml;
    }

    public static RawIq get(Jid to, String element, String namespace) {
        return new RawIq(Type.get, to, element, namespace, "");
    }

    @Override
    protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
        if (innerXml.isEmpty()) {
            xml.setEmptyElement();
        } else {
            xml.rightAngleBracket();
            xml.append(innerXml);
        }
        return xml;
    }
}
