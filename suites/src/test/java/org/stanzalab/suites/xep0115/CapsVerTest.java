package org.stanzalab.suites.xep0115;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.XmlElement;

/** The verification string computed as XEP-0115 §5.1 says, checked against the XEP's two worked examples (§5.2, §5.3). */
class CapsVerTest {
    private static final String INFO = "<query xmlns='http://jabber.org/protocol/disco#info'>";

    @Test
    void simpleExample() throws Exception {
        XmlElement query = XmlElement.parse(INFO
                + "<identity category='client' name='Exodus 0.9.1' type='pc'/>"
                + "<feature var='http://jabber.org/protocol/disco#items'/>"
                + "<feature var='http://jabber.org/protocol/caps'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/muc'/></query>");

        assertEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", Caps.ver(query, "SHA-1"));
    }

    @Test
    void complexExampleWithLanguagesAndForm() throws Exception {
        XmlElement query = XmlElement.parse(INFO
                + "<identity xml:lang='en' category='client' name='Psi 0.11' type='pc'/>"
                + "<identity xml:lang='el' category='client' name='\u03a8 0.11' type='pc'/>"
                + "<feature var='http://jabber.org/protocol/caps'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/disco#items'/>"
                + "<feature var='http://jabber.org/protocol/muc'/>"
                + "<x xmlns='jabber:x:data' type='result'>"
                + "<field var='FORM_TYPE' type='hidden'><value>urn:xmpp:dataforms:softwareinfo</value></field>"
                + "<field var='ip_version'><value>ipv4</value><value>ipv6</value></field>"
                + "<field var='os'><value>Mac</value></field>"
                + "<field var='os_version'><value>10.5.1</value></field>"
                + "<field var='software'><value>Psi</value></field>"
                + "<field var='software_version'><value>0.11</value></field></x></query>");

        assertEquals("q07IKJEyjvHSyhy//CH0CxmKi8w=", Caps.ver(query, "SHA-1"));
    }

    @Test
    void aMissingFeatureChangesTheVer() throws Exception {
        XmlElement query = XmlElement.parse(INFO
                + "<identity category='client' name='Exodus 0.9.1' type='pc'/>"
                + "<feature var='http://jabber.org/protocol/caps'/>"
                + "<feature var='http://jabber.org/protocol/disco#info'/>"
                + "<feature var='http://jabber.org/protocol/muc'/></query>");

        assertNotEquals("QgayPKawpkPSDYmwT/WM94uAlu0=", Caps.ver(query, "SHA-1"));
    }
}
