package org.stanzalab.suites.xep0114;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.target.ComponentLogin;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0114 Jabber Component Protocol, accept mode: the tool connects as the run's external component. The server
 * lets one session hold a component's domain at a time, so these tests run alone.
 */
@StanzalabTest
@Isolated("one external component session can hold the component's domain at a time")
class ComponentProtocol {

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a server that services the component name in the stream header answers with its own stream header in the component namespace, with a stream id to hash")
    @Test
    void componentHeaderIsAnsweredWithStreamHeader(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);

        StreamHeader header = component.open(login.domain(), Component.ACCEPT);

        assertEquals(Component.ACCEPT, header.defaultNamespace(), "default namespace of the server's response header");
        assertTrue(header.id() != null && !header.id().isBlank(), "the response header carries no stream id: " + header.raw());
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a handshake made from the stream id and the right secret is answered with an empty handshake element")
    @Test
    void rightHandshakeIsAnsweredWithEmptyHandshake(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);
        component.open(login.domain(), Component.ACCEPT);

        XmlElement answer = component.handshake(login.secret());

        assertTrue(answer.is("handshake", Component.ACCEPT), "answer to the right handshake: " + answer.toXml());
        assertTrue(answer.children().isEmpty() && answer.text().isBlank(), "the server's handshake is not empty: " + answer.toXml());
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a handshake made with a wrong secret ends the stream and the connection, with no session")
    @Test
    void wrongHandshakeEndsTheStream(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);
        component.open(login.domain(), Component.ACCEPT);

        XmlElement answer = component.handshake(login.secret() + "-wrong");

        assertFalse(answer.is("handshake", Component.ACCEPT), "the server accepted a handshake made with a wrong secret");
        Closure closure = component.awaitClosure();
        assertTrue(closure == Closure.CLOSING_TAG_THEN_EOF || closure == Closure.EOF,
                "after a wrong handshake the server must close the stream and the connection; observed: " + closure);
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = SHOULD,
          requirement = "a handshake made with a wrong secret gets the not-authorized stream error")
    @Test
    void wrongHandshakeGetsNotAuthorized(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);
        component.open(login.domain(), Component.ACCEPT);

        XmlElement answer = component.handshake(login.secret() + "-wrong");

        assertTrue(StreamError.isStreamError(answer), "a wrong handshake got no stream error but " + answer.toXml());
        assertEquals("not-authorized", StreamError.from(answer).condition(), "stream error after a wrong handshake");
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a stream header naming a component the server does not service gets a stream error")
    @Test
    void unservicedComponentNameGetsStreamError(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);
        String unknown = "no-such-component-" + UUID.randomUUID().toString().substring(0, 8) + "." + lab.domain();

        component.open(unknown, Component.ACCEPT);
        // A server may refuse the name at once or only when the handshake comes; so the handshake follows (with the
        // secret of the run's component), and what counts is a stream error and no session for that name.
        component.handshakeIfStillOpen(login.secret());

        StreamError error = component.expectStreamError("a stream error for the unserviced component name " + unknown);
        lab.transcript().note("xep0114", "the server refused " + unknown + " with " + error.describe());
        assertTrue(component.received().stream().noneMatch(e -> e.is("handshake", Component.ACCEPT)),
                "the server accepted a handshake for " + unknown + ", a name it does not service");
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a stream header in a namespace the component port does not support gets the invalid-namespace stream error")
    @Test
    void unsupportedStreamNamespaceGetsInvalidNamespace(Lab lab) {
        ComponentLogin login = Component.login(lab);
        Component component = Component.connect(lab, login);

        component.open(login.domain(), "urn:stanzalab:no-such-stream-namespace");

        StreamError error = component.expectStreamError("a stream error for a stream header in an unknown namespace");
        assertEquals("invalid-namespace", error.condition(), "stream error for an unsupported stream namespace");
    }

    @Spec(document = "RFC 6120", section = "10.5", level = MUST,
          requirement = "a stanza to an address at a domain the server hands to a local service (here an external component) is routed to that service")
    @Test
    void userMessageReachesTheComponent(Lab lab) {
        Component component = Component.loggedIn(lab);
        Session alice = lab.newUser().connect();
        String to = "bot@" + component.domain();

        Message sent = alice.sendMessage(JidCreate.fromOrThrowUnchecked(to), Message.Type.chat, "to the component");

        XmlElement received = component.expect("alice's message to " + to,
                e -> e.name().equals("message") && e.attribute("id").orElse("").equals(sent.getStanzaId()));
        assertEquals(to, received.attribute("to").orElse(null), "'to' of the message the component received");
        assertEquals(alice.jid().toString(), received.attribute("from").orElse(null), "'from' of the message the component received");
    }

    @Spec(document = "RFC 6120", section = "10.5.4", level = MUST,
          requirement = "a message from the component to a connected user's full JID is delivered to that resource, with the from the component set")
    @Test
    void componentMessageReachesTheUserWithItsFrom(Lab lab) {
        Component component = Component.loggedIn(lab);
        Session alice = lab.newUser().connect();
        String from = "bot@" + component.domain() + "/lab";

        String id = component.sendMessage(from, alice.jid().toString(), "from the component");

        Message received = alice.expectMessage("the component's message " + id, m -> id.equals(m.getStanzaId()));
        assertEquals(from, String.valueOf(received.getFrom()), "'from' of the component's message as delivered");
    }

    @Spec(document = "XEP-0114", version = "1.6", section = "3", level = MUST,
          requirement = "a component sends only from addresses at its own domain: the server does not pass on a stanza whose from names a user of the server")
    @Test
    void componentCannotSendAsAUserOfTheServer(Lab lab) {
        Component component = Component.loggedIn(lab);
        Session alice = lab.newUser().connect();
        String victim = lab.newUser().jid().toString();

        String forged = component.sendMessage(victim, alice.jid().toString(), "forged by the component");
        String marker = component.newId("marker");
        String sync = component.newId("sync");

        // The server handles the component's stream in order: once it answers this ping, it has dealt with the forged
        // message and the marker, unless it ended the stream over the forgery (even before the marker went out),
        // which is an allowed answer too.
        boolean open = component.sendIfStillOpen(Component.message(marker, "bot@" + component.domain(), alice.jid().toString(), "marker"))
                && component.sendIfStillOpen("<iq type='get' id='" + sync + "' from='" + component.domain() + "' to='" + lab.domain()
                        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        XmlElement reply = open ? component.expect("the answer to ping '" + sync + "' or a stream error",
                e -> e.name().equals("iq") && e.attribute("id").orElse("").equals(sync) || StreamError.isStreamError(e)) : null;
        if (reply == null || StreamError.isStreamError(reply)) {
            lab.transcript().note("xep0114", "the server ended the component's stream over the forged from: "
                    + component.lastStreamError().map(StreamError::describe).orElse("the connection closed"));
            // Whatever the server routed before ending the stream reached alice's session before her own ping's answer.
            alice.requestResult(new Ping(JidCreate.domainBareFromOrThrowUnchecked(lab.domain())));
            assertTrue(alice.received().stream().noneMatch(s -> forged.equals(s.getStanzaId())),
                    "alice received the message forged as " + victim);
            return;
        }
        Message first = alice.expectMessage("the forged message or the marker after it",
                m -> forged.equals(m.getStanzaId()) || marker.equals(m.getStanzaId()));
        if (forged.equals(first.getStanzaId())) {
            throw new ServerFailure("the component's message from " + victim + " reached alice as " + first.getFrom()
                    + ": " + first.toXML());
        }
    }

    @Spec(document = "RFC 6120", section = "10.5", level = MUST,
          requirement = "an IQ to the component's domain is routed to the component, and the component's reply reaches the requester")
    @Test
    void iqToTheComponentGetsTheComponentsAnswer(Lab lab) {
        Component component = Component.loggedIn(lab);
        Session alice = lab.newUser().connect();
        Ping ping = new Ping(JidCreate.domainBareFromOrThrowUnchecked(component.domain()));

        // The component answers the ping as soon as it arrives; the reply is what alice waits for.
        Thread answerer = new Thread(() -> {
            XmlElement request = component.expect("alice's ping to " + component.domain(),
                    e -> e.name().equals("iq") && e.attribute("id").orElse("").equals(ping.getStanzaId()));
            component.send("<iq type='result' id='" + request.attribute("id").orElseThrow() + "' from='" + component.domain()
                    + "' to='" + request.attribute("from").orElse("") + "'/>");
        }, "component-answers-ping");
        answerer.setDaemon(true);
        answerer.start();
        IQ reply = alice.request(ping);

        assertEquals(IQ.Type.result, reply.getType(), "reply to alice's ping of the component: " + reply.toXML());
        assertEquals(component.domain(), String.valueOf(reply.getFrom()), "'from' of the reply");
    }

    @Spec(document = "RFC 6120", section = "10.5.1", level = MUST,
          requirement = "once the component has disconnected, an IQ to its domain is still answered: the server handles it or returns an error")
    @Test
    void iqToDisconnectedComponentIsStillAnswered(Lab lab) {
        Component component = Component.loggedIn(lab);
        Session alice = lab.newUser().connect();
        component.disconnect();

        IQ reply = alice.request(new Ping(JidCreate.domainBareFromOrThrowUnchecked(component.domain())));

        // The server either handles the IQ itself or returns an error; alice.request fails if no reply comes at all.
        lab.transcript().note("xep0114", "the disconnected component's domain was answered with " + reply.getType()
                + (reply.getError() == null ? "" : " " + reply.getError().getCondition()));
        assertTrue(reply.getType() == IQ.Type.error || reply.getType() == IQ.Type.result, "reply: " + reply.toXML());
    }
}
