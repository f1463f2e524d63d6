package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * RFC 6120 §4.7, §4.8 and §4.9.3: initial stream headers the server must refuse. Whatever is wrong with the
 * client's header, the server answers with its own header first (§4.9.1.2), then the stream error, then closes.
 */
@StanzalabTest
class StreamHeaderErrors {
    private static final String STREAMS = XmppNamespaces.STREAMS;
    private static final String DECL = "<?xml version='1.0'?>";
    /** Attributes every case keeps unless it is about them; DOMAIN is replaced by the served domain. */
    private static final String TO_AND_VERSION = " to='DOMAIN' version='1.0' xml:lang='en'";

    enum WrongStreamNamespace {
        MISSPELLED("stream-ns-misspelled", "http://etherx.jabber.org/stream"),
        TRAILING_SLASH("stream-ns-trailing-slash", "http://etherx.jabber.org/streams/"),
        HTTPS("stream-ns-https", "https://etherx.jabber.org/streams"),
        UPPER_CASE("stream-ns-upper-case", "HTTP://ETHERX.JABBER.ORG/STREAMS"),
        CONTENT_NS("stream-ns-is-content-ns", "jabber:client");

        private final String key;
        private final String namespace;

        WrongStreamNamespace(String key, String namespace) {
            this.key = key;
            this.namespace = namespace;
        }

        String header(String domain) {
            return DECL + "<stream:stream" + TO_AND_VERSION.replace("DOMAIN", domain) + " xmlns='jabber:client' xmlns:stream='"
                    + namespace + "'>";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // §4.8.1 obliges the server to close the stream with a stream error (MUST) and names the condition it should
    // have (SHOULD): the first method grades the closing, the second the condition.
    @Spec(document = "RFC 6120", section = "4.8.1", level = MUST,
          requirement = "a stream element outside the streams namespace gets a response header and then a stream error, "
                  + "then the closing of the stream")
    @ParameterizedTest(name = "{0}")
    @EnumSource(WrongStreamNamespace.class)
    void wrongStreamNamespaceInHeaderEndsTheStream(WrongStreamNamespace namespace, Lab lab) {
        RawSession client = lab.raw();

        client.send(namespace.header(lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "an initial header with " + namespace, "4.8.1",
                StreamEnd.ANY_DEFINED_CONDITION);
    }

    @Spec(document = "RFC 6120", section = "4.8.1", level = SHOULD,
          requirement = "the stream error for a stream element outside the streams namespace is <invalid-namespace/> "
                  + "(§4.9.3.10; <bad-format/> is noted as existing practice; a validating server may say <invalid-xml/>, "
                  + "§4.9.3.11)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(WrongStreamNamespace.class)
    void wrongStreamNamespaceInHeaderGetsInvalidNamespace(WrongStreamNamespace namespace, Lab lab) {
        RawSession client = lab.raw();
        String violation = "an initial header with " + namespace;

        client.send(namespace.header(lab.domain()));

        StreamError error = StreamEnd.streamErrorToGrade(() -> {
            client.expectResponseHeader();
            return client.expectStreamErrorInsteadOfFeatures();
        }, violation);
        StreamEnd.assertPreferredCondition(error, violation, "4.8.1", Set.of("invalid-namespace", "bad-format", "invalid-xml"));
    }

    enum UnsupportedContentNamespace {
        UNKNOWN("content-ns-unknown", "urn:example:unknown"),
        MISSPELLED("content-ns-misspelled", "jabber:clients");

        private final String key;
        private final String namespace;

        UnsupportedContentNamespace(String key, String namespace) {
            this.key = key;
            this.namespace = namespace;
        }

        String header(String domain) {
            return DECL + "<stream:stream" + TO_AND_VERSION.replace("DOMAIN", domain) + " xmlns='" + namespace
                    + "' xmlns:stream='" + STREAMS + "'>";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // §4.8.3 lets a server refuse such a header at once, and obliges it to close the stream with <invalid-namespace/>
    // at the latest when a first-level element in that namespace arrives. Such an element is also one in a namespace
    // the server does not know, for which §4.8.4 prefers <unsupported-stanza-type/>; the two sections do not say which
    // rule wins, so both readings are accepted. (A header with no default namespace at all is allowed by §4.8.2,
    // prefix-free canonicalization, so it is no case here.)
    @Spec(document = "RFC 6120", section = "4.8.3", level = MUST,
          requirement = "a default content namespace the server does not support (neither jabber:client nor jabber:server) "
                  + "ends the stream with <invalid-namespace/> (from a validating server <invalid-xml/>, §4.9.3.11; "
                  + "<unsupported-stanza-type/> for the element, as §4.8.4 reads): at the header, or at the latest when "
                  + "the first element in that namespace arrives")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnsupportedContentNamespace.class)
    void unsupportedContentNamespaceEndsTheStreamWithInvalidNamespace(UnsupportedContentNamespace namespace, Lab lab) {
        RawSession client = lab.raw();
        String violation = "an initial header with " + namespace;
        Set<String> allowedForTheHeader = Set.of("invalid-namespace", "invalid-xml");
        Set<String> allowedForTheElement = Set.of("invalid-namespace", "invalid-xml", "unsupported-stanza-type");

        client.send(namespace.header(lab.domain()));

        StreamHeader header = client.expectResponseHeader();
        assertTrue(header.isXmppStream(), "the server must answer with a stream header (RFC 6120 §4.9.1.2), but sent " + header.raw());
        XmlElement answer = client.expect("a stream error or the stream features after " + violation,
                e -> StreamError.isStreamError(e) || e.is("features", STREAMS));
        if (StreamError.isStreamError(answer)) {
            lab.transcript().note("choice", "the server refused the header");
            StreamEnd.expectConditionAndClosing(client, StreamError.from(answer), violation, "4.8.3", allowedForTheHeader, true);
            return;
        }
        lab.transcript().note("choice", "the server accepted the header; a first-level element in " + namespace.namespace
                + " follows");
        client.send("<message><body>in the stream's default namespace</body></message>");
        StreamEnd.expectStreamErrorAndClosing(client, "a first-level element in " + namespace.namespace + " after " + violation,
                "4.8.3", allowedForTheElement, true);
    }

    enum BadPrefix {
        STREAM_PREFIX_UNDECLARED("stream-prefix-undeclared", "<stream:stream" + TO_AND_VERSION + " xmlns='jabber:client'>",
                Set.of("bad-namespace-prefix", "not-well-formed", "bad-format"));

        private final String key;
        final String header;
        final Set<String> conditions;

        BadPrefix(String key, String header, Set<String> conditions) {
            this.key = key;
            this.header = header;
            this.conditions = conditions;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // Not cases here, as §4.8.2 allows both: a stream element qualified by a default namespace without a prefix, and a
    // header that declares no default content namespace (prefix-free canonicalization).
    @Spec(document = "RFC 6120", section = "4.8.5", level = MUST,
          requirement = "a stream header whose prefix is bound to no namespace gets a response header and then a stream "
                  + "error: <bad-namespace-prefix/> (which §4.8.5 prefers, or <bad-format/>, noted there) or "
                  + "<not-well-formed/> (§11.3, as the header is not namespace-well-formed)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadPrefix.class)
    void badPrefixInHeaderGetsBadNamespacePrefix(BadPrefix header, Lab lab) {
        RawSession client = lab.raw();

        client.send(DECL + header.header.replace("DOMAIN", lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "an initial header with " + header, "4.8.5", header.conditions);
    }

    enum BadTo {
        UNKNOWN_SUBDOMAIN("unknown-subdomain", "to='no-such-sub.DOMAIN'"),
        DOCUMENTATION_IP("documentation-ip", "to='192.0.2.1'"),
        NOT_A_DOMAIN("not-a-domain", "to='not a domain!'"),
        EMPTY("empty", "to=''");
        // A header without 'to' is no case: the client breaks §4.7.2, but no section says what the server must then
        // do (the same information can come by other means, such as SNI), so serving a default domain is allowed.

        private final String key;
        final String to;

        BadTo(String key, String to) {
            this.key = key;
            this.to = to;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "4.9.1.2", level = MUST,
          requirement = "an initial header whose 'to' is empty, invalid or not a domain the server serves gets a "
                  + "response header and then <host-unknown/> (or <improper-addressing/>, which names a 'to' without a "
                  + "valid value, or from a validating server <invalid-xml/>, §4.9.3.11); "
                  + "the header that triggers the error gets its response header first (<host-unknown/> is defined in §4.9.3.6)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadTo.class)
    void headerNotAddressedToAServedDomainGetsHostUnknown(BadTo to, Lab lab) {
        RawSession client = lab.raw();

        client.send(DECL + "<stream:stream " + to.to.replace("DOMAIN", lab.domain())
                + " version='1.0' xml:lang='en' xmlns='jabber:client' xmlns:stream='" + STREAMS + "'>");

        StreamEnd.expectHeaderThenStreamError(client, "an initial header with 'to' " + to, "4.9.3.6",
                Set.of("host-unknown", "improper-addressing", "invalid-xml"));
    }

    enum Version {
        V2_0("v2.0", "2.0"),
        V10_0("v10.0", "10.0"),
        V1_1("v1.1", "1.1"),
        V0_9("v0.9", "0.9"),
        MISSING("missing", null);

        private final String key;
        final String sent;

        Version(String key, String sent) {
            this.key = key;
            this.sent = sent;
        }

        /** What a server that implements exactly 1.0 answers: the lower version, or nothing for "pre-1.0". */
        boolean acceptableAnswer(String answered) {
            double asked = sent == null ? 0.9 : Double.parseDouble(sent);
            if (asked >= 1.0) {
                return "1.0".equals(answered);
            }
            return answered == null || !answered.startsWith("1.");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "4.7.5", level = MUST,
          requirement = "the response header carries the lower of the client's version and the server's own (no version, "
                  + "or a pre-1.0 one, when the client sent none or 0.9), or the server refuses the version with "
                  + "<unsupported-version/> (§4.9.3.25) after its header")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Version.class)
    void versionIsAnsweredWithTheLowerVersionOrUnsupportedVersion(Version version, Lab lab) {
        RawSession client = lab.raw();

        client.send(DECL + "<stream:stream to='" + lab.domain() + "'"
                + (version.sent == null ? "" : " version='" + version.sent + "'")
                + " xml:lang='en' xmlns='jabber:client' xmlns:stream='" + STREAMS + "'>");

        StreamHeader header = client.expectResponseHeader();
        assertTrue(header.isXmppStream(), "the server must answer with a stream header (RFC 6120 §4.9.1.2), but sent " + header.raw());
        if (version.acceptableAnswer(header.version())) {
            return;
        }
        StreamEnd.expectStreamErrorAfterHeader(client,
                "an initial header with version " + (version.sent == null ? "missing" : "'" + version.sent + "'")
                        + " answered with version " + (header.version() == null ? "missing" : "'" + header.version() + "'"),
                "4.9.3.25", Set.of("unsupported-version"), true);
    }

    enum MalformedHeader {
        UNQUOTED_ATTRIBUTE("unquoted-attribute", DECL + "<stream:stream to=DOMAIN version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='" + STREAMS + "'>"),
        DUPLICATE_ATTRIBUTE("duplicate-attribute", DECL + "<stream:stream to='DOMAIN' to='DOMAIN' version='1.0' "
                + "xmlns='jabber:client' xmlns:stream='" + STREAMS + "'>"),
        LT_IN_ATTRIBUTE("lt-in-attribute", DECL + "<stream:stream to='DOMAIN' id='a<b' version='1.0' xmlns='jabber:client' "
                + "xmlns:stream='" + STREAMS + "'>"),
        BROKEN_XML_DECLARATION("broken-xml-declaration", "<?xml version=1.0?><stream:stream to='DOMAIN' version='1.0' "
                + "xmlns='jabber:client' xmlns:stream='" + STREAMS + "'>"),
        TEXT_INSTEAD_OF_HEADER("text-instead-of-header", "hello server\n"),
        HTTP_REQUEST("http-request", "GET / HTTP/1.1\r\nHost: DOMAIN\r\n\r\n"),
        END_TAG_FIRST("end-tag-first", "</stream:stream>");

        private final String key;
        final String text;

        MalformedHeader(String key, String text) {
            this.key = key;
            this.text = text;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "11.3", level = MUST,
          requirement = "an initial stream header that is not well-formed XML still gets a response header (§4.9.1.2), "
                  + "then a <not-well-formed/> stream error and the closing of the stream "
                  + "(the condition is defined in §4.9.3.13)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(MalformedHeader.class)
    void malformedHeaderGetsResponseHeaderThenNotWellFormed(MalformedHeader header, Lab lab) {
        RawSession client = lab.raw();

        client.send(header.text.replace("DOMAIN", lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "a malformed initial header (" + header + ")", "4.9.3.13",
                Set.of("not-well-formed"), false);
    }
}
