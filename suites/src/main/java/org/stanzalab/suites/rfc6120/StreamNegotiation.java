package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §4: how the server answers a client that opens an XML stream. */
@StanzalabTest
class StreamNegotiation {

    @Spec(document = "RFC 6120", section = "4.7", level = MUST,
          requirement = "the response stream header comes from the server's domain, carries a stream id, "
                  + "and answers version 1.0 with version 1.0")
    @Test
    void responseHeaderNamesServerAndCarriesIdAndVersion(Lab lab) {
        RawClient client = RawClient.connect(lab);

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
        RawClient client = RawClient.connect(lab);

        client.send(WireStream.defaultStreamHeader(lab.domain()));

        client.expectResponseHeader();
        XmlElement first = client.expectNextElement("<stream:features/> after the response stream header");

        assertTrue(first.is("features", XmppNamespaces.STREAMS),
                "the first element after the response header must be <stream:features/>, was " + first.toXml());
    }

    private static String quoted(String value) {
        return value == null ? "absent" : "'" + value + "'";
    }
}
