package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * RFC 6120 §11.1: XMPP uses a restricted profile of XML. Comments, processing instructions, DTDs and entity
 * references other than the five predefined ones end the stream with a stream error (MUST), which should be
 * {@code <restricted-xml/>} (§4.9.3.18; SHOULD).
 */
@StanzalabTest
class RestrictedXml {
    /** §11.1 notes that some implementations send {@code <bad-format/>} instead, so that is accepted too. */
    private static final Set<String> RESTRICTED = Set.of("restricted-xml", "bad-format");
    /** The payload is also not well-formed without a DTD (an undeclared entity, a misplaced declaration). */
    private static final Set<String> RESTRICTED_OR_MALFORMED = Set.of("restricted-xml", "bad-format", "not-well-formed");

    enum InStream {
        COMMENT_BETWEEN_STANZAS("comment-between-stanzas", "<!-- a comment between stanzas -->", RESTRICTED),
        COMMENT_IN_STANZA("comment-in-stanza", "<message><!-- a comment --><body>hi</body></message>", RESTRICTED),
        PI_BETWEEN_STANZAS("pi-between-stanzas", "<?example some data?>", RESTRICTED),
        PI_IN_STANZA("pi-in-stanza", "<message><?example some data?><body>hi</body></message>", RESTRICTED),
        STYLESHEET_PI("stylesheet-pi", "<?xml-stylesheet href='style.xsl' type='text/xsl'?>", RESTRICTED),
        XML_DECLARATION_MID_STREAM("xml-declaration-mid-stream", "<?xml version='1.0'?>", RESTRICTED_OR_MALFORMED),
        DOCTYPE_MID_STREAM("doctype-mid-stream", "<!DOCTYPE message>", RESTRICTED_OR_MALFORMED),
        ENTITY_DECLARATION_MID_STREAM("entity-declaration-mid-stream", "<!ENTITY boom 'boom'>", RESTRICTED_OR_MALFORMED),
        ENTITY_REF_IN_TEXT("entity-ref-in-text", "<message><body>a &nbsp; b</body></message>", RESTRICTED_OR_MALFORMED),
        ENTITY_REF_IN_ATTRIBUTE("entity-ref-in-attribute", "<message id='a&boom;b'/>", RESTRICTED_OR_MALFORMED);

        private final String key;
        final String xml;
        final Set<String> conditions;

        InStream(String key, String xml, Set<String> conditions) {
            this.key = key;
            this.xml = xml;
            this.conditions = conditions;
        }

        /** Whether the server can still read our closing tag: not after text that is not well-formed XML. */
        boolean wellFormed() {
            return !conditions.contains("not-well-formed");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // §11.1 obliges the server to close the stream with a stream error (MUST) and names the condition it should
    // have (SHOULD): the first method grades the closing, the second the condition.
    @Spec(document = "RFC 6120", section = "11.1", level = MUST,
          requirement = "a comment, processing instruction, DTD or entity reference other than the predefined ones "
                  + "inside the stream ends it with a stream error, then </stream:stream> and the TCP close")
    @ParameterizedTest(name = "{0}")
    @EnumSource(InStream.class)
    void restrictedXmlInTheStreamEndsIt(InStream restricted, Lab lab) {
        // Bound, so that the stanza carrying the restricted XML would otherwise be perfectly acceptable.
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();

        client.send(restricted.xml);

        StreamEnd.expectStreamErrorAndClosing(client, "restricted XML (" + restricted + ")", "11.1",
                StreamEnd.ANY_DEFINED_CONDITION, restricted.wellFormed());
    }

    @Spec(document = "RFC 6120", section = "11.1", level = SHOULD,
          requirement = "the stream error that restricted XML inside the stream earns is <restricted-xml/> (§4.9.3.18; "
                  + "<bad-format/> is noted as existing practice; where the text is not well-formed XML either, "
                  + "<not-well-formed/> is accepted too)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(InStream.class)
    void restrictedXmlInTheStreamGetsRestrictedXml(InStream restricted, Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();
        String violation = "restricted XML (" + restricted + ")";

        client.send(restricted.xml);

        StreamError error = StreamEnd.streamErrorToGrade(client::expectStreamError, violation);
        StreamEnd.assertPreferredCondition(error, violation, "11.1", restricted.conditions);
    }

    enum Prolog {
        COMMENT("comment", "<!-- hello -->"),
        PROCESSING_INSTRUCTION("processing-instruction", "<?example some data?>"),
        DOCTYPE("doctype", "<!DOCTYPE stream:stream>"),
        DOCTYPE_INTERNAL_SUBSET("doctype-internal-subset", "<!DOCTYPE stream:stream [<!ENTITY boom 'boom'>]>"),
        DOCTYPE_EXTERNAL_SUBSET("doctype-external-subset",
                "<!DOCTYPE stream:stream SYSTEM 'http://stanzalab.invalid/stream.dtd'>");

        private final String key;
        final String xml;

        Prolog(String key, String xml) {
            this.key = key;
            this.xml = xml;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "11.1", level = MUST,
          requirement = "a comment, processing instruction or DTD before the initial stream header gets a response "
                  + "header (§4.9.1.2), then a stream error and the closing of the stream")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Prolog.class)
    void restrictedXmlBeforeTheHeaderEndsTheStream(Prolog restricted, Lab lab) {
        RawSession client = lab.raw();

        client.send(headerAfter(restricted, lab));

        StreamEnd.expectHeaderThenStreamError(client, "restricted XML before the header (" + restricted + ")",
                "11.1", StreamEnd.ANY_DEFINED_CONDITION);
    }

    @Spec(document = "RFC 6120", section = "11.1", level = SHOULD,
          requirement = "the stream error that a comment, processing instruction or DTD before the initial stream header "
                  + "earns is <restricted-xml/> (or <bad-format/>, noted as existing practice)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Prolog.class)
    void restrictedXmlBeforeTheHeaderGetsRestrictedXml(Prolog restricted, Lab lab) {
        RawSession client = lab.raw();
        String violation = "restricted XML before the header (" + restricted + ")";

        client.send(headerAfter(restricted, lab));

        StreamError error = StreamEnd.streamErrorToGrade(() -> {
            client.expectResponseHeader();
            return client.expectStreamErrorInsteadOfFeatures();
        }, violation);
        StreamEnd.assertPreferredCondition(error, violation, "11.1", RESTRICTED);
    }

    private static String headerAfter(Prolog restricted, Lab lab) {
        return "<?xml version='1.0'?>" + restricted.xml + "<stream:stream to='" + lab.domain()
                + "' version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='" + XmppNamespaces.STREAMS + "'>";
    }

    @Spec(document = "RFC 6120", section = "11.1", level = MUST,
          requirement = "the five predefined entities and character references are not restricted: the server reads "
                  + "them as the characters they stand for")
    @Test
    void predefinedEntitiesAndCharacterReferencesAreAccepted(Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();
        String escapedId = "ents-&amp;&lt;&gt;&quot;&apos;-&#x263A;&#9731;";
        String id = "ents-&<>\"'-\u263A\u2603";

        client.send("<iq type='get' id='" + escapedId + "' to='" + lab.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");

        XmlElement reply = client.expect("a reply to a ping whose id is written with predefined entities and character references",
                e -> Stanzas.isStanza(e, "iq") && (Stanzas.hasType(e, "result") || Stanzas.hasType(e, "error")));
        assertEquals(id, reply.attribute("id").orElse(null),
                "the reply must carry the request's id as the characters the entities stand for (RFC 6120 §11.1, §8.2.3): "
                        + reply.toXml());
    }
}
