package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.Set;
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
          requirement = "an IQ get that does not contain exactly one child element is answered with an error carrying "
                  + "the request's id (no section names the condition; <bad-request/> is the fitting one and is noted)")
    @Test
    void iqGetWithoutExactlyOneChildGetsAnError(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String noChild = alice.newId("no-child");
        String twoChildren = alice.newId("two-children");

        XmlElement toNoChild = alice.request("<iq type='get' id='" + noChild + "' to='" + lab.domain() + "'/>", noChild);
        XmlElement toTwoChildren = alice.request("<iq type='get' id='" + twoChildren + "' to='" + lab.domain() + "'>"
                + "<ping xmlns='urn:xmpp:ping'/><query xmlns='jabber:iq:version'/></iq>", twoChildren);

        assertAll(
                () -> assertErrorReply(lab, toNoChild, "an IQ get without a child"),
                () -> assertErrorReply(lab, toTwoChildren, "an IQ get with two children"));
    }

    // §8.1.2.1: a message leaves with the full JID the server bound for the sending client, whatever 'from' the client
    // wrote (only subscription presences carry the bare JID); the client's own bare JID is no exception.
    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a message whose 'from' is the sender's own bare JID reaches its recipient stamped with the "
                  + "sender's full JID (or, if the server takes that 'from' as not the client's, the stream ends with "
                  + "<invalid-from/>, §4.9.3.9)")
    @Test
    void ownBareJidAsFromIsReplacedByTheFullJid(Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String bareFrom = alice.user().jid().toString();
        String id = alice.newId("own-bare-from");

        alice.send("<message type='chat' id='" + id + "' to='" + bob.jid() + "' from='" + bareFrom + "'>"
                + "<body>sent from my bare JID</body></message>");

        if (alice.endedSession().isPresent()) {
            StreamEnd.expectStreamErrorAndClosing(alice, "a message whose 'from' is the sender's bare JID " + bareFrom,
                    "4.9.3.9", Set.of("invalid-from"), true);
            return;
        }
        XmlElement delivered = bob.expect("alice's message '" + id + "'", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        assertEquals(alice.jid(), delivered.attribute("from").orElse(null),
                "'from' of alice's message (sent with from='" + bareFrom + "') as bob received it; the server stamps "
                        + "the sender's full JID (RFC 6120 §8.1.2.1): " + delivered.toXml());
    }

    /**
     * The reply to a request that breaks §8.2.3's one-child rule must be an error (the request cannot succeed); the
     * RFC names no condition for it, so the one the server chose is noted, not judged.
     */
    static void assertErrorReply(Lab lab, XmlElement reply, String request) {
        assertEquals("error", reply.attribute("type").orElse(null), "type of the reply to " + request + ": " + reply.toXml());
        lab.transcript().note("choice", request + " was answered with <" + Stanzas.errorCondition(reply) + "/>");
    }
}
