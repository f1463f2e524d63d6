package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireStream;

/** RFC 6120 §4.9: stream errors the server raises when a client breaks the stream's rules. */
@StanzalabTest
class StreamErrors {

    @Spec(document = "RFC 6120", section = "11.3", level = MUST,
          requirement = "XML that is not well-formed gets a <not-well-formed/> stream error, after which the server "
                  + "closes the stream with </stream:stream> (§4.9.1.1); the condition is defined in §4.9.3.13")
    @Test
    void malformedXmlGetsNotWellFormedAndTheStreamIsClosed(Lab lab) {
        RawSession client = lab.raw().secure();

        client.send("<message><body>the body is never closed</message>");

        StreamError error = client.expectStreamError();
        Closure closure = client.awaitClosure();
        assertEquals("not-well-formed", error.condition(), "stream error condition for mismatched tags: " + error.element().toXml());
        assertTrue(closure.closingTagReceived(),
                "after the stream error the server must close the stream with </stream:stream>; observed: " + closure);
    }

    @Spec(document = "RFC 6120", section = "4.9.1.2", level = MUST,
          requirement = "an initial stream header addressed to a domain the server does not serve gets a response "
                  + "header followed by the stream error for it, <host-unknown/> (§4.9.3.6)")
    @Test
    void streamToUnknownDomainGetsHostUnknown(Lab lab) {
        RawSession client = lab.raw();
        String unknownDomain = "no-such-host.invalid";

        client.send(WireStream.defaultStreamHeader(unknownDomain));

        StreamHeader header = client.expectResponseHeader();
        assertTrue(header.isXmppStream(),
                "the server must open its stream before the error (§4.9.1.2), but began with " + header.raw());
        StreamError error = client.expectStreamError();
        assertEquals("host-unknown", error.condition(),
                "stream error condition for a stream to " + unknownDomain + ": " + error.element().toXml());
    }
}
