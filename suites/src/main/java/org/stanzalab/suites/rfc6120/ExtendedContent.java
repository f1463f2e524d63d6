package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §8.4 and §8.1.5: what a server routes between clients it must leave as the sender wrote it. */
@StanzalabTest
class ExtendedContent {

    /** Stanzas carrying an extension element the server has never heard of. */
    enum Extension {
        MESSAGE_CHILD("message-child", "message", "<message type='chat' id='%s' to='%s'><body>with extension</body>%s</message>",
                "<x xmlns='urn:stanzalab:ext:1'><deep a='1' b='two'>text</deep></x>"),
        MESSAGE_NESTED_NAMESPACES("message-nested-namespaces", "message", "<message type='chat' id='%s' to='%s'><body>nested</body>%s</message>",
                "<x xmlns='urn:stanzalab:ext:1' xmlns:o='urn:stanzalab:other'><o:item o:flag='yes'><inner xmlns='urn:stanzalab:third'>v</inner></o:item></x>"),
        MESSAGE_WHITESPACE("message-whitespace", "message", "<message type='chat' id='%s' to='%s'><body>spaced</body>%s</message>",
                "<x xmlns='urn:stanzalab:ext:4'>\n  <line> padded  text </line>\n</x>"),
        MESSAGE_EXTENSION_ONLY("message-extension-only", "message", "<message id='%s' to='%s'>%s</message>",
                "<signal xmlns='urn:stanzalab:ext:2' level='3'/>"),
        PRESENCE_CHILD("presence-child", "presence", "<presence id='%s' to='%s'>%s</presence>",
                "<x xmlns='urn:stanzalab:ext:1'><mood>curious</mood></x>"),
        IQ_PAYLOAD("iq-payload", "iq", "<iq type='get' id='%s' to='%s'>%s</iq>",
                "<query xmlns='urn:stanzalab:ext:3'><param name='n'>42</param></query>");

        private final String key;
        final String kind;
        private final String template;
        final String extension;

        Extension(String key, String kind, String template, String extension) {
            this.key = key;
            this.kind = kind;
            this.template = template;
            this.extension = extension;
        }

        String stanza(String id, String to) {
            return template.formatted(id, to, extension);
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a server routes a stanza with an extension element it does not understand to the addressed "
                  + "full JID with that element unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Extension.class)
    void unknownExtensionIsRoutedUnchanged(Extension extension, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        String id = alice.newId("ext-" + extension);
        XmlElement sent = parse(extension.extension);
        if (extension.kind.equals("iq")) {
            // RFC 6121 §8.5.3.1 lets the server withhold an IQ request from someone the recipient shares no presence
            // with; directed presence from the recipient to the sender is such sharing.
            shareDirectedPresence(bob, alice);
        }

        alice.send(extension.stanza(id, bob.jid()));

        XmlElement delivered = bob.expect("the " + extension.kind + " with an extension from " + alice.user().role(),
                e -> e.is(extension.kind, XmppNamespaces.CLIENT) && Stanzas.hasId(e, id));
        List<XmlElement> copies = delivered.children(sent.name(), sent.namespace());
        assertEquals(1, copies.size(), "copies of the extension <" + sent.name() + " xmlns='" + sent.namespace() + "'/> in "
                + delivered.toXml());
        assertTrue(Stanzas.sameContent(sent, copies.get(0)),
                "the extension arrived changed: sent " + sent.toXml() + ", delivered " + copies.get(0).toXml());
    }

    /** Stanzas sent with an explicit language. */
    enum LanguageTagged {
        MESSAGE("message", "<message type='chat' id='%s' to='%s' xml:lang='de'><body>Guten Tag</body></message>"),
        PRESENCE("presence", "<presence id='%s' to='%s' xml:lang='de'><status>anwesend</status></presence>");

        private final String key;
        private final String template;

        LanguageTagged(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.1.5", level = MUST,
          requirement = "a server does not change the xml:lang a client put on a stanza it routes")
    @ParameterizedTest(name = "{0}")
    @EnumSource(LanguageTagged.class)
    void explicitLanguageIsKept(LanguageTagged stanza, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        String id = alice.newId("lang-" + stanza);

        alice.send(stanza.template.formatted(id, bob.jid()));

        XmlElement delivered = bob.expect("the " + stanza + " in German from " + alice.user().role(),
                e -> e.is(stanza.key, XmppNamespaces.CLIENT) && Stanzas.hasId(e, id));
        assertEquals("de", delivered.attribute("xml:lang").orElse(null),
                "xml:lang of the delivered " + stanza + ": " + delivered.toXml());
    }

    private static void shareDirectedPresence(RawSession from, RawSession to) {
        String id = from.newId("directed");
        from.send("<presence id='" + id + "' to='" + to.jid() + "'/>");
        to.expect("the directed presence '" + id + "' that makes the recipient share its presence with the sender",
                e -> Stanzas.isStanza(e, "presence") && Stanzas.hasId(e, id));
    }

    private static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (WireProtocolException e) {
            throw new TestError("the test's own extension is not XML: " + e.getMessage(), e);
        }
    }
}
