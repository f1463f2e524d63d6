package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.StreamHeader;
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

    enum BadNamespace {
        STREAM_NS_MISSPELLED("stream-ns-misspelled", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/stream'>", Set.of("invalid-namespace", "invalid-xml")),
        STREAM_NS_TRAILING_SLASH("stream-ns-trailing-slash", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams/'>", Set.of("invalid-namespace", "invalid-xml")),
        STREAM_NS_HTTPS("stream-ns-https", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:client' xmlns:stream='https://etherx.jabber.org/streams'>", Set.of("invalid-namespace", "invalid-xml")),
        STREAM_NS_UPPER_CASE("stream-ns-upper-case", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:client' xmlns:stream='HTTP://ETHERX.JABBER.ORG/STREAMS'>", Set.of("invalid-namespace", "invalid-xml")),
        STREAM_NS_IS_CONTENT_NS("stream-ns-is-content-ns", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:client' xmlns:stream='jabber:client'>", Set.of("invalid-namespace", "invalid-xml")),
        CONTENT_NS_UNKNOWN("content-ns-unknown", "<stream:stream" + TO_AND_VERSION
                + " xmlns='urn:example:unknown' xmlns:stream='" + STREAMS + "'>", Set.of("invalid-namespace", "invalid-xml")),
        CONTENT_NS_MISSPELLED("content-ns-misspelled", "<stream:stream" + TO_AND_VERSION
                + " xmlns='jabber:clients' xmlns:stream='" + STREAMS + "'>", Set.of("invalid-namespace", "invalid-xml")),
        CONTENT_NS_MISSING("content-ns-missing", "<stream:stream" + TO_AND_VERSION
                + " xmlns:stream='" + STREAMS + "'>", Set.of("invalid-namespace", "bad-namespace-prefix", "invalid-xml"));

        private final String key;
        final String header;
        final Set<String> conditions;

        BadNamespace(String key, String header, Set<String> conditions) {
            this.key = key;
            this.header = header;
            this.conditions = conditions;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "4.8.1", level = MUST,
          requirement = "a stream element outside the streams namespace, or a default content namespace other than "
                  + "jabber:client, gets a response header and then an <invalid-namespace/> stream error (a missing content "
                  + "namespace may instead get <bad-namespace-prefix/>; a validating server may say <invalid-xml/>, §4.9.3.11); "
                  + "for a content namespace the server does not support, see §4.8.3; the condition is defined in §4.9.3.10")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadNamespace.class)
    void wrongNamespaceInHeaderGetsInvalidNamespace(BadNamespace header, Lab lab) {
        RawSession client = lab.raw();

        client.send(DECL + header.header.replace("DOMAIN", lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "an initial header with " + header, "4.9.3.10", header.conditions);
    }

    enum BadPrefix {
        STREAM_UNPREFIXED("stream-unprefixed", "<stream" + TO_AND_VERSION + " xmlns='" + STREAMS + "'>",
                Set.of("bad-namespace-prefix", "invalid-namespace", "invalid-xml")),
        STREAM_PREFIX_UNDECLARED("stream-prefix-undeclared", "<stream:stream" + TO_AND_VERSION + " xmlns='jabber:client'>",
                Set.of("bad-namespace-prefix", "not-well-formed")),
        CONTENT_NS_PREFIXED("content-ns-prefixed", "<stream:stream" + TO_AND_VERSION
                + " xmlns:client='jabber:client' xmlns:stream='" + STREAMS + "'>", Set.of("bad-namespace-prefix", "invalid-namespace", "invalid-xml"));

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

    @Spec(document = "RFC 6120", section = "4.8.5", level = MUST,
          requirement = "a stream element without the prefix it needs, with an undeclared prefix, or with the content "
                  + "namespace only under a prefix, gets a response header and then <bad-namespace-prefix/> (or, as the "
                  + "namespace is then wrong too, <invalid-namespace/>; an undeclared prefix may get <not-well-formed/>; a validating "
                  + "server may say <invalid-xml/>, §4.9.3.11); the condition is defined in §4.9.3.2")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadPrefix.class)
    void badPrefixInHeaderGetsBadNamespacePrefix(BadPrefix header, Lab lab) {
        RawSession client = lab.raw();

        client.send(DECL + header.header.replace("DOMAIN", lab.domain()));

        StreamEnd.expectHeaderThenStreamError(client, "an initial header with " + header, "4.9.3.2", header.conditions);
    }

    enum BadTo {
        UNKNOWN_SUBDOMAIN("unknown-subdomain", "to='no-such-sub.DOMAIN'"),
        DOCUMENTATION_IP("documentation-ip", "to='192.0.2.1'"),
        NOT_A_DOMAIN("not-a-domain", "to='not a domain!'"),
        EMPTY("empty", "to=''"),
        MISSING("missing", "");

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
          requirement = "an initial header whose 'to' is missing, empty, invalid or not a domain the server serves gets a "
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
