package org.stanzalab.suites.rfc7395;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc7395.WebSockets.connect;
import static org.stanzalab.suites.rfc7395.WebSockets.header;
import static org.stanzalab.suites.rfc7395.WebSockets.open;
import static org.stanzalab.suites.rfc7395.WebSockets.openAndReadFeatures;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.transport.WebSocketTransport;

/**
 * RFC 7395 §3.1 to §3.4 and §3.9: the subprotocol handshake, the server's {@code <open/>}, the framing of what it
 * sends (one standalone element per message) and the features it offers over a secure WebSocket.
 */
@StanzalabTest
class WebSocketFraming {

    /** The attributes RFC 6120 §4.7 asks of a responding entity's stream header. */
    enum OpenAttribute { FROM, ID, VERSION }

    @Spec(document = "RFC 7395", section = "3.1", level = MUST,
          requirement = "a server answers a WebSocket handshake that offers the xmpp subprotocol with 'xmpp' in its own Sec-WebSocket-Protocol header")
    @Test
    void serverEchoesTheXmppSubprotocol(Lab lab) {
        WebSockets.HandshakeAnswer answer = WebSockets.handshake(lab, "xmpp");

        assertEquals(101, answer.status(), "status of the WebSocket handshake offering the xmpp subprotocol");
        List<String> chosen = Arrays.stream(answer.header("Sec-WebSocket-Protocol").split(",")).map(String::strip).toList();
        assertTrue(chosen.contains("xmpp"), "the server's Sec-WebSocket-Protocol header must name xmpp, it is '"
                + answer.header("Sec-WebSocket-Protocol") + "'");
    }

    @Spec(document = "RFC 7395", section = "3.1", level = MUST,
          requirement = "the xmpp subprotocol exists only when the client asks for it: a handshake without it is refused or answered without 'xmpp'")
    @Test
    void handshakeWithoutTheSubprotocolEstablishesNoXmppConnection(Lab lab) {
        WebSockets.HandshakeAnswer answer = WebSockets.handshake(lab, null);

        // Refusing the upgrade and upgrading to a plain WebSocket are both allowed; naming xmpp is not.
        assertFalse(answer.status() == 101 && answer.header("Sec-WebSocket-Protocol").contains("xmpp"),
                "the server agreed to the xmpp subprotocol that the handshake did not offer (HTTP " + answer.status()
                        + ", Sec-WebSocket-Protocol: " + answer.header("Sec-WebSocket-Protocol") + ")");
    }

    @Spec(document = "RFC 7395", section = "3.4", level = MUST,
          requirement = "the server answers the client's <open/> with an <open/> carrying the stream attributes of RFC 6120 §4.7 (from, id, version)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OpenAttribute.class)
    void openIsAnsweredWithOpenCarrying(OpenAttribute which, Lab lab) {
        String attribute = which.name().toLowerCase(java.util.Locale.ROOT);
        WebSocketTransport ws = connect(lab);
        open(lab, ws);

        Map<String, String> answer = header(lab, ws, "the client's <open/>").attributes();

        String value = answer.get(attribute);
        assertTrue(value != null && !value.isBlank(), "the server's <open/> lacks '" + attribute + "': " + answer);
        switch (attribute) {
            case "from" -> assertEquals(lab.domain(), value, "'from' of the server's <open/> (the domain the client asked for)");
            case "version" -> assertEquals("1.0", value, "'version' of the server's <open/>");
            default -> { }
        }
    }

    @Spec(document = "RFC 7395", section = "3.3.2", level = MUST,
          requirement = "an <open/> outside the framing namespace is answered with the stream error <invalid-namespace/>")
    @Test
    void openInTheWrongNamespaceIsInvalidNamespace(Lab lab) {
        WebSocketTransport ws = connect(lab);

        WebSockets.send(ws, "<open xmlns='jabber:client' to='" + lab.domain() + "' version='1.0'/>");

        List<org.stanzalab.wire.transport.FramedTransport.Incoming> seen = WebSockets.untilEnd(lab, ws);
        String error = seen.stream().map(i -> i instanceof org.stanzalab.wire.transport.FramedTransport.End end
                        ? end.streamErrorXml().orElse("") : "").filter(s -> !s.isEmpty()).findFirst()
                .orElseThrow(() -> new AssertionError("no stream error after an <open/> in jabber:client; the server sent "
                        + seen.stream().map(WebSockets::describe).toList()));
        assertTrue(WebSockets.parse(error).hasChild("invalid-namespace", XmppNamespaces.STREAM_ERRORS),
                "the stream error must be <invalid-namespace/>: " + error);
    }

    @Spec(document = "RFC 7395", section = "3.3.3", level = MUST,
          requirement = "every message the server sends during a session's negotiation is one complete XML document that starts with '<'")
    @Test
    void everyMessageIsOneStandaloneElementStartingWithLessThan(Lab lab) {
        WebSocketTransport ws = connect(lab);

        WebSockets.session(lab, ws, lab.newUser());
        WebSockets.send(ws, "<iq xmlns='jabber:client' type='get' id='r1'><query xmlns='jabber:iq:roster'/></iq>");
        WebSockets.awaitElement(lab, ws, "the roster result", e -> e.is("iq", "jabber:client") && "r1".equals(e.attribute("id").orElse("")));

        List<String> messages = ws.receivedMessages();
        for (String message : messages) {
            assertTrue(message.startsWith("<"), "a message from the server does not start with '<': '"
                    + message.substring(0, Math.min(40, message.length())) + "'");
            WebSockets.parse(message);
        }
    }

    @Spec(document = "RFC 7395", section = "3.3.3", level = MUST,
          requirement = "stream features, sent without a parent stream element, declare the stream namespace themselves")
    @Test
    void streamFeaturesCarryTheirOwnStreamNamespace(Lab lab) {
        WebSocketTransport ws = connect(lab);
        open(lab, ws);
        header(lab, ws, "the client's <open/>");

        XmlElement features = WebSockets.element(lab, ws, "the stream features");

        assertTrue(features.is("features", XmppNamespaces.STREAMS),
                "the message after <open/> must be features in " + XmppNamespaces.STREAMS + ", parsed on its own it is {"
                        + features.namespace() + "}" + features.name());
    }

    @Spec(document = "RFC 7395", section = "3.9", level = MUST,
          requirement = "a server does not offer STARTTLS as a stream feature over the XMPP subprotocol (TLS is the secure WebSocket's)")
    @Test
    void startTlsIsNotOffered(Lab lab) {
        WebSocketTransport ws = connect(lab);

        XmlElement features = openAndReadFeatures(lab, ws, "the first <open/>");

        assertFalse(features.hasChild("starttls", XmppNamespaces.TLS),
                "the features of a WebSocket stream offer STARTTLS: " + features.toXml());
    }
}
