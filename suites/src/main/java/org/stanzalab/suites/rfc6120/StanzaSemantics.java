package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.UUID;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/** RFC 6120 §8: addressing and IQ semantics of the stanzas a client sends through its server. */
@StanzalabTest
class StanzaSemantics {

    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a stanza a client sends without 'from' reaches its recipient stamped with the sender's full JID")
    @Test
    void routedStanzaCarriesSenderFullJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        String body = "who sent this? " + UUID.randomUUID();

        Message sent = alice.sendMessage(bob.jid(), Message.Type.normal, body);
        if (sent.getFrom() != null) {
            throw new TestError("the message left with from='" + sent.getFrom() + "'; the test needs the server to add it");
        }

        Message received = bob.expectMessage("alice's message", m -> body.equals(m.getBody()));
        assertEquals(alice.jid(), received.getFrom(), "'from' of alice's message as bob received it");
    }

    // The error type 'cancel' is only a SHOULD (§8.3.3.19), so it is not part of this MUST.
    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "an IQ get to the server whose payload namespace it does not understand is answered with "
                  + "<service-unavailable/>")
    @Test
    void unknownIqPayloadIsAnsweredWithServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();

        StanzaError error = alice.requestError(RawIq.get(lab.domainJid(), "query", "urn:stanzalab:no-such-protocol:0"));

        assertEquals(StanzaError.Condition.service_unavailable, error.getCondition(),
                "condition of the error answering an IQ in an unknown namespace: " + error.toXML());
    }

    @Spec(document = "RFC 6120", section = "8.2.3", level = MUST,
          requirement = "an IQ get that does not contain exactly one child element is answered with a <bad-request/> "
                  + "error carrying the request's id")
    @Test
    void iqGetWithoutExactlyOneChildIsABadRequest(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String noChild = alice.newId("no-child");
        String twoChildren = alice.newId("two-children");

        XmlElement toNoChild = alice.request("<iq type='get' id='" + noChild + "' to='" + lab.domain() + "'/>", noChild);
        XmlElement toTwoChildren = alice.request("<iq type='get' id='" + twoChildren + "' to='" + lab.domain() + "'>"
                + "<ping xmlns='urn:xmpp:ping'/><query xmlns='jabber:iq:version'/></iq>", twoChildren);

        assertAll(
                () -> assertBadRequest(toNoChild, "an IQ get without a child"),
                () -> assertBadRequest(toTwoChildren, "an IQ get with two children"));
    }

    private static void assertBadRequest(XmlElement reply, String request) {
        assertEquals("error", reply.attribute("type").orElse(null), "type of the reply to " + request + ": " + reply.toXml());
        assertEquals("bad-request", Stanzas.errorCondition(reply), "error condition answering " + request + ": " + reply.toXml());
    }
}
