package org.stanzalab.suites.rfc6120;

import static org.stanzalab.engine.Level.MUST;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;

/**
 * RFC 6120 §4.9.3.13 and §11.3: XML that breaks the well-formedness rules of XML 1.0 or Namespaces in XML,
 * sent on a secured stream after the stream is set up.
 */
@StanzalabTest
class MalformedStreams {
    private static final Set<String> NOT_WELL_FORMED = Set.of("not-well-formed");
    /** An undeclared or unusable prefix breaks Namespaces in XML, which is also what bad-namespace-prefix names. */
    private static final Set<String> NAMESPACE_BROKEN = Set.of("not-well-formed", "bad-namespace-prefix");

    enum Malformed {
        MISMATCHED_END_TAG("mismatched-end-tag", "<message><body>never closed</message>", NOT_WELL_FORMED),
        END_TAG_OF_OTHER_STANZA("end-tag-of-other-stanza", "<presence></iq>", NOT_WELL_FORMED),
        END_TAG_NEVER_OPENED("end-tag-never-opened", "</message>", NOT_WELL_FORMED),
        UNQUOTED_ATTRIBUTE("unquoted-attribute", "<message id=abc/>", NOT_WELL_FORMED),
        MIXED_QUOTES("mixed-quotes", "<message id='abc\"/><presence/>", NOT_WELL_FORMED),
        ATTRIBUTE_WITHOUT_VALUE("attribute-without-value", "<message checked/>", NOT_WELL_FORMED),
        DUPLICATE_ATTRIBUTE("duplicate-attribute", "<message id='a' id='b'/>", NOT_WELL_FORMED),
        DUPLICATE_EXPANDED_ATTRIBUTE("duplicate-expanded-attribute",
                "<message xmlns:a='urn:example:x' xmlns:b='urn:example:x' a:t='1' b:t='2'/>", NOT_WELL_FORMED),
        LT_IN_ATTRIBUTE("lt-in-attribute", "<message id='a<b'/>", NOT_WELL_FORMED),
        BARE_AMPERSAND("bare-ampersand", "<message><body>fish & chips</body></message>", NOT_WELL_FORMED),
        CDATA_END_IN_TEXT("cdata-end-in-text", "<message><body>a ]]> b</body></message>", NOT_WELL_FORMED),
        SPACE_BEFORE_NAME("space-before-name", "< message/>", NOT_WELL_FORMED),
        NAME_STARTS_WITH_DIGIT("name-starts-with-digit", "<1message/>", NOT_WELL_FORMED),
        ATTRIBUTE_NAME_INVALID("attribute-name-invalid", "<message a$b='c'/>", NOT_WELL_FORMED),
        NUL_CHARACTER("nul-character", "<message><body>a" + ch(0x0) + "b</body></message>", NOT_WELL_FORMED),
        CONTROL_CHARACTER("control-character", "<message><body>a" + ch(0x1) + "b</body></message>", NOT_WELL_FORMED),
        ESCAPE_CHARACTER("escape-character", "<message><body>a" + ch(0x1B) + "b</body></message>", NOT_WELL_FORMED),
        CONTROL_IN_ATTRIBUTE("control-in-attribute", "<message id='a" + ch(0x8) + "b'/>", NOT_WELL_FORMED),
        NONCHARACTER_FFFE("noncharacter-fffe", "<message><body>a" + ch(0xFFFE) + "b</body></message>", NOT_WELL_FORMED),
        NONCHARACTER_FFFF("noncharacter-ffff", "<message><body>a" + ch(0xFFFF) + "b</body></message>", NOT_WELL_FORMED),
        CHAR_REF_NUL("char-ref-nul", "<message><body>a&#0;b</body></message>", NOT_WELL_FORMED),
        CHAR_REF_CONTROL("char-ref-control", "<message><body>a&#x1;b</body></message>", NOT_WELL_FORMED),
        CHAR_REF_SURROGATE("char-ref-surrogate", "<message><body>a&#xD800;b</body></message>", NOT_WELL_FORMED),
        CHAR_REF_BEYOND_UNICODE("char-ref-beyond-unicode", "<message><body>a&#x110000;b</body></message>", NOT_WELL_FORMED),
        UNDECLARED_ELEMENT_PREFIX("undeclared-element-prefix", "<foo:message/>", NAMESPACE_BROKEN),
        UNDECLARED_ATTRIBUTE_PREFIX("undeclared-attribute-prefix", "<message foo:bar='x'/>", NAMESPACE_BROKEN),
        PREFIX_UNDECLARED_TO_EMPTY("prefix-undeclared-to-empty", "<message xmlns:foo=''/>", NAMESPACE_BROKEN),
        XML_PREFIX_REBOUND("xml-prefix-rebound", "<message xmlns:xml='urn:example:other'/>", NAMESPACE_BROKEN),
        XMLNS_PREFIX_DECLARED("xmlns-prefix-declared", "<message xmlns:xmlns='urn:example:other'/>", NAMESPACE_BROKEN);

        private final String key;
        final String xml;
        final Set<String> conditions;

        Malformed(String key, String xml, Set<String> conditions) {
            this.key = key;
            this.xml = xml;
            this.conditions = conditions;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "11.3", level = MUST,
          requirement = "XML that breaks the well-formedness rules of XML or of Namespaces in XML ends the stream with a "
                  + "<not-well-formed/> stream error (a broken namespace prefix may instead get <bad-namespace-prefix/>, "
                  + "or, as §11.3 allows for namespace errors, a <not-acceptable/> stanza error), "
                  + "followed by </stream:stream> and the TCP close "
                  + "(the condition is defined in §4.9.3.13)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Malformed.class)
    void malformedXmlEndsTheStreamWithNotWellFormed(Malformed malformed, Lab lab) {
        RawSession client = lab.raw().secure();

        client.send(malformed.xml);

        if (malformed.conditions == NAMESPACE_BROKEN) {
            // §11.3 lets a server refuse data that is only not namespace-well-formed with a <not-acceptable/> stanza error.
            XmlElement answer = client.expect("a stream error or a <not-acceptable/> stanza error for malformed XML ("
                    + malformed + ")", e -> StreamError.isStreamError(e) || "not-acceptable".equals(Stanzas.errorCondition(e)));
            if (!StreamError.isStreamError(answer)) {
                lab.transcript().note("choice", "the server refused the stanza with <not-acceptable/> and kept the stream");
                return;
            }
            StreamEnd.expectConditionAndClosing(client, StreamError.from(answer), "malformed XML (" + malformed + ")",
                    "4.9.3.13", malformed.conditions, false);
            return;
        }
        StreamEnd.expectStreamErrorAndClosing(client, "malformed XML (" + malformed + ")", "4.9.3.13", malformed.conditions, false);
    }

    static String ch(int codePoint) {
        return new String(Character.toChars(codePoint));
    }
}
