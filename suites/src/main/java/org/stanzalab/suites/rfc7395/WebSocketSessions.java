package org.stanzalab.suites.rfc7395;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc7395.WebSockets.connect;

import java.util.List;
import java.util.UUID;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.transport.FramedTransport.End;
import org.stanzalab.wire.transport.FramedTransport.Header;
import org.stanzalab.wire.transport.FramedTransport.Incoming;
import org.stanzalab.wire.transport.WebSocketTransport;

/**
 * RFC 7395 §3.5 to §3.7: restarts after SASL, stanzas between a WebSocket session and another user, the closing
 * handshake and stream errors.
 */
@StanzalabTest
class WebSocketSessions {

    @Spec(document = "RFC 7395", section = "3.7", level = MUST,
          requirement = "after SASL success the client's new <open/> (without <close/>) opens a new stream: a new <open/> and features offering resource binding")
    @Test
    void newOpenAfterSaslRestartsTheStream(Lab lab) {
        WebSocketTransport ws = connect(lab);
        WebSockets.open(lab, ws);
        String firstId = WebSockets.header(lab, ws, "the first <open/>").attributes().get("id");
        XmlElement features = WebSockets.element(lab, ws, "the stream features");

        XmlElement restarted = WebSockets.authenticate(lab, ws, features, lab.newUser());

        assertTrue(restarted.hasChild("bind", XmppNamespaces.BIND),
                "the features of the restarted stream must offer resource binding: " + restarted.toXml());
        String secondId = ws.receivedMessages().stream().map(WebSockets::parse)
                .filter(e -> e.is("open", WebSocketTransport.FRAMING)).skip(1).findFirst()
                .flatMap(e -> e.attribute("id")).orElse(null);
        assertNotEquals(firstId, secondId, "the restarted stream must get a new stream id (RFC 6120 §4.7.3)");
    }

    /** Stanzas a WebSocket session sends to another user's session, each in a message of its own. */
    enum Outgoing { MESSAGE, PRESENCE }

    @Spec(document = "RFC 7395", section = "3.3.3", level = MUST,
          requirement = "a stanza sent in its own WebSocket message is routed like any other: a message or directed presence reaches a user on another session")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Outgoing.class)
    void stanzaSentOverWebSocketReachesAnotherUser(Outgoing kind, Lab lab) {
        User bob = lab.newUser();
        Session bobSession = bob.connect();
        WebSocketTransport ws = connect(lab);
        String aliceJid = WebSockets.session(lab, ws, lab.newUser());
        String to = XmlEscape.attribute(bobSession.jid().toString());
        String mark = "over-websocket-" + UUID.randomUUID();

        switch (kind) {
            case MESSAGE -> {
                WebSockets.send(ws, "<message xmlns='jabber:client' type='chat' to='" + to + "' id='m1'><body>" + mark
                        + "</body></message>");
                bobSession.expectMessage("the message sent over WebSocket", m -> mark.equals(m.getBody()));
            }
            case PRESENCE -> {
                // Directed presence (RFC 6121 §4.6) needs no subscription, so it reaches bob as sent.
                WebSockets.send(ws, "<presence xmlns='jabber:client' to='" + to + "'><status>" + mark + "</status></presence>");
                bobSession.expectPresence("the directed presence sent over WebSocket",
                        p -> mark.equals(p.getStatus()) && aliceJid.equals(String.valueOf(p.getFrom())));
            }
        }
    }

    @Spec(document = "RFC 7395", section = "3.3.3", level = MUST,
          requirement = "a stanza for a WebSocket session arrives as one message holding exactly that stanza, with its namespace declared")
    @Test
    void messageToWebSocketSessionArrivesAsItsOwnMessage(Lab lab) {
        User alice = lab.newUser();
        WebSocketTransport ws = connect(lab);
        String fullJid = WebSockets.session(lab, ws, alice);
        Session bob = lab.newUser().connect();
        String body = "to-websocket-" + UUID.randomUUID();

        bob.send(org.jivesoftware.smack.packet.MessageBuilder.buildMessage().to(JidCreate.fromOrThrowUnchecked(fullJid))
                .ofType(Message.Type.chat).setBody(body).build());

        XmlElement message = WebSockets.awaitElement(lab, ws, "bob's message", e -> e.is("message", "jabber:client"));
        assertEquals(body, message.childText("body", "jabber:client").orElse(null), "body of the message delivered over WebSocket");
        String raw = ws.receivedMessages().stream().filter(m -> m.contains(body)).findFirst().orElseThrow();
        assertEquals(message, WebSockets.parse(raw), "the WebSocket message holding the stanza must hold only that stanza");
    }

    @Spec(document = "RFC 7395", section = "3.6", level = MUST,
          requirement = "a <close/> from the client is answered with <close/>, and the WebSocket closing handshake follows")
    @Test
    void closeIsAnsweredWithCloseAndTheWebSocketCloses(Lab lab) {
        WebSocketTransport ws = connect(lab);
        WebSockets.session(lab, ws, lab.newUser());

        try {
            ws.closeStream();
        } catch (org.stanzalab.wire.WireException e) {
            throw new org.stanzalab.engine.TestError("sending <close/> failed: " + e.getMessage(), e);
        }
        List<Incoming> seen = WebSockets.untilEnd(lab, ws);

        boolean closeCame = ws.receivedMessages().stream().map(m -> m.isBlank() ? null : WebSockets.parse(m))
                .anyMatch(e -> e != null && e.is("close", WebSocketTransport.FRAMING));
        assertTrue(closeCame, "the server must answer <close/> with <close/>; it sent "
                + seen.stream().map(WebSockets::describe).toList());
        // Whoever starts the WebSocket closing handshake, it must complete: the server's close frame arrives.
        ws.closeWebSocket();
        assertTrue(ws.awaitInputClosed(lab.timeouts().reply()), "the WebSocket is still open " + lab.timeouts().reply().toSeconds()
                + " s after the stream was closed");
    }

    @Spec(document = "RFC 7395", section = "3.5", level = MUST,
          requirement = "a stream error during the opening of a stream comes after the server's <open/>, as a message of its own, and the connection is then closed")
    @Test
    void streamErrorWhileOpeningFollowsTheOpen(Lab lab) {
        WebSocketTransport ws = connect(lab);

        WebSockets.send(ws, "<open xmlns='" + WebSocketTransport.FRAMING + "' to='no-such-host.invalid' version='1.0'/>");
        List<Incoming> seen = WebSockets.untilEnd(lab, ws);

        List<String> described = seen.stream().map(WebSockets::describe).toList();
        assertTrue(!seen.isEmpty() && seen.get(0) instanceof Header,
                "the server's first answer to an <open/> for an unknown host must be its <open/>, it sent " + described);
        String error = seen.stream().filter(i -> i instanceof End).map(i -> ((End) i).streamErrorXml().orElse(""))
                .findFirst().orElse("");
        assertTrue(!error.isEmpty(), "no stream error as a message of its own after the <open/>: " + described);
        assertTrue(WebSockets.parse(error).hasChild("host-unknown", XmppNamespaces.STREAM_ERRORS),
                "the stream error for an unknown host should be <host-unknown/>: " + error);
        assertTrue(seen.get(seen.size() - 1) instanceof End, "the connection was not closed after the stream error: " + described);
    }

    @Spec(document = "RFC 7395", section = "3.5", level = MUST,
          requirement = "a stream error on an open stream is sent as one complete element in a message of its own, and the connection is then closed")
    @Test
    void streamErrorIsAMessageOfItsOwn(Lab lab) {
        WebSocketTransport ws = connect(lab);
        WebSockets.openAndReadFeatures(lab, ws, "the first <open/>");

        // A message whose tags do not match is not well-formed in any reading: the server must end the stream
        // (RFC 6120 §4.9.3.13). An unfinished element would not do: a server may wait for the rest of it.
        WebSockets.send(ws, "<message xmlns='jabber:client' to='" + lab.domain() + "'><body>broken</message>");
        List<Incoming> seen = WebSockets.untilEnd(lab, ws);

        List<String> described = seen.stream().map(WebSockets::describe).toList();
        String error = ws.receivedMessages().stream().filter(m -> m.contains(XmppNamespaces.STREAMS) && m.contains("error"))
                .findFirst().orElseThrow(() -> new AssertionError("no stream error after a message with mismatched tags: " + described));
        XmlElement parsed = WebSockets.parse(error);
        assertTrue(parsed.is("error", XmppNamespaces.STREAMS), "the stream error must be the only element of its message: " + error);
        assertTrue(!seen.isEmpty() && seen.get(seen.size() - 1) instanceof End,
                "the connection was not closed after the stream error: " + described);
    }
}
