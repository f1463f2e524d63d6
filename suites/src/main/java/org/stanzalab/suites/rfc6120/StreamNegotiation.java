package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §4: how the server answers a client that opens an XML stream. */
@StanzalabTest
class StreamNegotiation {

    // §4.7.1 lets 'from' name another of the server's FQDNs where the 'to' is one it does not serve (§4.9.1.3,
    // host-unknown); the domain asked for here is served, so 'from' must be that domain.
    @Spec(document = "RFC 6120", section = "4.7.1", level = MUST,
          requirement = "the response stream header comes from the server's domain (§4.7.1), carries a stream id "
                  + "(§4.7.3), and answers version 1.0 with version 1.0 (§4.7.5)")
    @Test
    void responseHeaderNamesServerAndCarriesIdAndVersion(Lab lab) {
        RawSession client = lab.raw();

        client.send(WireStream.defaultStreamHeader(lab.domain()));

        StreamHeader header = client.expectResponseHeader();

        assertAll("response stream header " + header.raw(),
                () -> assertTrue(lab.domain().equalsIgnoreCase(header.from() == null ? "" : header.from()),
                        "'from' must be the server's domain " + lab.domain() + " (§4.7.1), was " + quoted(header.from())),
                () -> assertFalse(header.id() == null || header.id().isBlank(),
                        "'id' must carry a stream id (§4.7.3), was " + quoted(header.id())),
                () -> assertEquals("1.0", header.version(),
                        "'version' answering our version='1.0' (§4.7.5)"));
    }

    @Spec(document = "RFC 6120", section = "4.3.2", level = MUST,
          requirement = "a server answering a version 1.0 stream sends stream features right after its response header")
    @Test
    void streamFeaturesFollowTheResponseHeader(Lab lab) {
        RawSession client = lab.raw();

        client.send(WireStream.defaultStreamHeader(lab.domain()));

        client.expectResponseHeader();
        XmlElement first = client.expectNextElement("<stream:features/> after the response stream header");

        assertTrue(first.is("features", XmppNamespaces.STREAMS),
                "the first element after the response header must be <stream:features/>, was " + first.toXml());
    }

    @Spec(document = "RFC 6120", section = "4.7.2", level = MUST,
          requirement = "when the client's initial header names the client in 'from', the response header is "
                  + "addressed to that JID in 'to'")
    @Test
    void responseHeaderIsAddressedToTheClaimedFrom(Lab lab) {
        User user = lab.newUser();
        RawSession client = lab.raw();
        String from = user.jid().toString();

        client.send("<?xml version='1.0'?><stream:stream from='" + from + "' to='" + lab.domain() + "' version='1.0' "
                + "xml:lang='en' xmlns='jabber:client' xmlns:stream='" + XmppNamespaces.STREAMS + "'>");

        StreamHeader header = client.expectResponseHeader();
        assertTrue(from.equalsIgnoreCase(header.to() == null ? "" : header.to()),
                "the response header must carry to='" + from + "' (RFC 6120 §4.7.2), was " + quoted(header.to()) + ": " + header.raw());
    }

    @Spec(document = "RFC 6120", section = "4.7.4", level = MUST,
          requirement = "the response stream header carries an xml:lang attribute naming the stream's default language")
    @Test
    void responseHeaderCarriesXmlLang(Lab lab) {
        RawSession client = lab.raw();

        client.send(WireStream.defaultStreamHeader(lab.domain()));

        StreamHeader header = client.expectResponseHeader();
        assertFalse(header.lang() == null || header.lang().isBlank(),
                "the response header must carry xml:lang (RFC 6120 §4.7.4), was " + quoted(header.lang()) + ": " + header.raw());
    }

    @Spec(document = "RFC 6120", section = "4.7.3", level = MUST,
          requirement = "every stream gets its own stream id, and ids are unpredictable: not a counter")
    @Test
    void streamIdsAreUniqueAndNotACounter(Lab lab) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            RawSession client = lab.raw();
            client.send(WireStream.defaultStreamHeader(lab.domain()));
            ids.add(client.expectResponseHeader().id());
        }

        assertFalse(ids.contains(null), "every response header must carry an id (RFC 6120 §4.7.3): " + ids);
        assertEquals(ids.size(), new HashSet<>(ids).size(), "four streams must get four different ids (RFC 6120 §4.7.3): " + ids);
        assertFalse(GuessableValues.looksLikeACounter(ids), "stream ids must be unpredictable (RFC 6120 §4.7.3), but these of four "
                + "streams opened one after the other look like a counter: " + ids);
    }

    @Spec(document = "RFC 6120", section = "4.3.3", level = MUST,
          requirement = "each stream restart (after TLS and after SASL) gets a new response header with a new stream id")
    @Test
    void everyRestartGetsANewStreamId(Lab lab) {
        User user = lab.newUser();
        RawSession client = lab.raw();
        client.send(WireStream.defaultStreamHeader(lab.domain()));
        String first = client.expectResponseHeader().id();
        client.expectNextElement("<stream:features/> after the first response header");

        String afterTls = client.expectHeaderAfterTls().id();
        String afterSasl = client.expectHeaderAfterAuthenticating(user).id();

        assertAll("stream ids: initial " + quoted(first) + ", after TLS " + quoted(afterTls) + ", after SASL " + quoted(afterSasl),
                () -> assertNotEquals(first, afterTls, "the stream restarted after TLS must get a new id (RFC 6120 §4.3.3)"),
                () -> assertNotEquals(afterTls, afterSasl, "the stream restarted after SASL must get a new id (RFC 6120 §4.3.3)"),
                () -> assertNotEquals(first, afterSasl, "the stream restarted after SASL must not reuse the first id (RFC 6120 §4.3.3)"));
    }

    @Spec(document = "RFC 6120", section = "4.3.4", level = MUST,
          requirement = "stream features follow the response header of every restarted stream too: after TLS and after SASL")
    @Test
    void featuresFollowEveryRestartedHeader(Lab lab) {
        User user = lab.newUser();
        RawSession client = lab.raw();
        client.send(WireStream.defaultStreamHeader(lab.domain()));
        client.expectResponseHeader();
        client.expectNextElement("<stream:features/> after the first response header");

        client.expectHeaderAfterTls();
        client.expectHeaderAfterAuthenticating(user);

        XmlElement afterTls = client.features(RawSession.Stage.SECURED).orElseThrow();
        XmlElement afterSasl = client.features(RawSession.Stage.AUTHENTICATED).orElseThrow();

        assertAll(() -> assertTrue(afterTls.is("features", XmppNamespaces.STREAMS), "after TLS: " + afterTls.toXml()),
                () -> assertTrue(afterSasl.is("features", XmppNamespaces.STREAMS), "after SASL: " + afterSasl.toXml()));
    }

    @Spec(document = "RFC 6120", section = "11.7", level = MAY,
          requirement = "whitespace between first-level elements (such as whitespace keepalives) is accepted: the session "
                  + "goes on and the next request is answered (a client MAY send such whitespace; the server that breaks on it takes that freedom away)")
    @Test
    void whitespaceBetweenStanzasIsAccepted(Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();

        client.send(" ");
        client.send("\n");
        client.send("\r\n\t  ");
        String id = client.newId("after-keepalives");
        XmlElement reply = client.request("<iq type='get' id='" + id + "' to='" + lab.domain() + "'>"
                + "<ping xmlns='urn:xmpp:ping'/></iq>", id);

        assertTrue(reply.is("iq", XmppNamespaces.CLIENT), "a reply to the ping after whitespace keepalives: " + reply.toXml());
    }

    enum Stage {
        OPENED("opened"),
        SECURED("secured"),
        AUTHENTICATED("authenticated"),
        BOUND("bound");

        private final String key;

        Stage(String key) {
            this.key = key;
        }

        RawSession reach(Lab lab) {
            return switch (this) {
                case OPENED -> lab.raw().open();
                case SECURED -> lab.raw().secure();
                case AUTHENTICATED -> lab.raw().authenticate(lab.newUser());
                case BOUND -> lab.raw().authenticate(lab.newUser()).bind();
            };
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "4.4", level = MUST,
          requirement = "when the client closes its stream with </stream:stream>, the server closes its own stream with "
                  + "</stream:stream> and then the TCP connection, at every stage of the stream")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Stage.class)
    void closingTagIsAnsweredWithClosingTagAndTcpClose(Stage stage, Lab lab) {
        RawSession client = stage.reach(lab);

        client.send("</stream:stream>");

        Closure closure = client.awaitClosure();
        assertEquals(Closure.CLOSING_TAG_THEN_EOF, closure, "after our </stream:stream> on a " + stage + " stream the "
                + "server must answer with </stream:stream> and close the connection (RFC 6120 §4.4)");
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "'" + value + "'";
    }
}
