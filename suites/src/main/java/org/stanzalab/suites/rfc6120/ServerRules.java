package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §10: the rules a server follows when it processes the stanzas a client sends. */
@StanzalabTest
class ServerRules {
    private static final String NOWHERE = "stanzalab-nowhere.invalid";
    private static final int BURST = 30;

    /** How the receiving client is addressed. */
    enum Addressing {
        FULL_JID("full-jid"),
        BARE_JID("bare-jid");

        private final String key;

        Addressing(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "10.1", level = MUST,
          requirement = "messages one client sends in a row to the same recipient are delivered in the order they were sent")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Addressing.class)
    void messagesAreDeliveredInTheOrderSent(Addressing addressing, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        String to = addressing == Addressing.FULL_JID ? bob.jid() : bob.user().jid().toString();
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<String> sent = IntStream.rangeClosed(1, BURST).mapToObj(n -> "order-" + run + "-" + n).toList();

        StringBuilder burst = new StringBuilder();
        for (String id : sent) {
            burst.append("<message type='chat' id='").append(id).append("' to='").append(to).append("'><body>")
                    .append(id).append("</body></message>");
        }
        alice.send(burst.toString());

        bob.expect("the last of " + BURST + " messages from " + alice.user().role(),
                e -> e.is("message", XmppNamespaces.CLIENT) && Stanzas.hasId(e, sent.get(BURST - 1)));
        List<String> received = new ArrayList<>();
        for (XmlElement e : bob.received()) {
            String id = e.attribute("id").orElse("");
            if (e.is("message", XmppNamespaces.CLIENT) && sent.contains(id)) {
                received.add(id);
            }
        }
        assertEquals(sent, received, "order in which " + bob.user().role() + " received the messages");
    }

    /** Stanzas addressed to a domain that does not exist. */
    enum ToNowhere {
        IQ_TO_DOMAIN("iq-to-domain", "iq", NOWHERE),
        IQ_TO_BARE_JID("iq-to-bare-jid", "iq", "someone@" + NOWHERE),
        IQ_TO_FULL_JID("iq-to-full-jid", "iq", "someone@" + NOWHERE + "/desk"),
        MESSAGE_TO_DOMAIN("message-to-domain", "message", NOWHERE),
        MESSAGE_TO_BARE_JID("message-to-bare-jid", "message", "someone@" + NOWHERE),
        MESSAGE_TO_FULL_JID("message-to-full-jid", "message", "someone@" + NOWHERE + "/desk");

        private final String key;
        final String kind;
        final String to;

        ToNowhere(String key, String kind, String to) {
            this.key = key;
            this.kind = kind;
            this.to = to;
        }

        String stanza(String id) {
            return kind.equals("iq")
                    ? "<iq type='get' id='" + id + "' to='" + to + "'><ping xmlns='urn:xmpp:ping'/></iq>"
                    : "<message type='chat' id='" + id + "' to='" + to + "'><body>hello?</body></message>";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "10.4.3", level = MUST,
          requirement = "a stanza for a domain that cannot be resolved is answered with a <remote-server-not-found/> error "
                  + "(<remote-server-timeout/> is for a domain that resolves but cannot be reached)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ToNowhere.class)
    void stanzaToAnUnreachableDomainIsBounced(ToNowhere stanza, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("nowhere-" + stanza);

        alice.send(stanza.stanza(id));

        XmlElement reply = alice.expect("an error for the " + stanza.kind + " to " + stanza.to, e -> Stanzas.hasId(e, id));
        assertEquals("error", reply.attribute("type").orElse(null), "reply to the " + stanza.kind + " to " + stanza.to + ": " + reply.toXml());
        // A name under .invalid never resolves (RFC 6761 §6.4), so this is the resolution failure of §10.4.3.
        assertEquals("remote-server-not-found", Stanzas.errorCondition(reply),
                "condition for the " + stanza.kind + " to " + stanza.to + ": " + reply.toXml());
    }

    /** IQ requests the server answers itself when they are addressed to its domain. */
    enum ServerRequest {
        PING("ping", "<ping xmlns='urn:xmpp:ping'/>"),
        DISCO_INFO("disco-info", "<query xmlns='http://jabber.org/protocol/disco#info'/>"),
        UNKNOWN("unknown-namespace", "<query xmlns='urn:stanzalab:no-such-protocol:0'/>");

        private final String key;
        final String payload;

        ServerRequest(String key, String payload) {
            this.key = key;
            this.payload = payload;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "10.5.1", level = MUST,
          requirement = "an IQ addressed to the server's own domain is handled by the server: the reply comes from the domain")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ServerRequest.class)
    void iqToTheDomainIsAnsweredByTheServer(ServerRequest request, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("domain-" + request);

        XmlElement reply = alice.request("<iq type='get' id='" + id + "' to='" + lab.domain() + "'>" + request.payload
                + "</iq>", id);

        assertEquals(lab.domain(), reply.attribute("from").orElse(null), "'from' of the reply to " + request + ": " + reply.toXml());
    }

    @Spec(document = "RFC 6120", section = "10.5.1", level = MUST,
          requirement = "a message addressed to the server's own domain is handled by the server and not delivered to "
                  + "any of its users")
    @Test
    void messageToTheDomainIsNotDeliveredToUsers(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        String id = alice.newId("to-domain-" + UUID.randomUUID());

        alice.send("<message type='chat' id='" + id + "' to='" + lab.domain() + "'><body>for the server</body></message>");

        bob.expectNothingFrom(alice, "the message addressed to " + lab.domain(),
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        alice.sync();
        alice.receivedWithId(id).stream().filter(e -> !"error".equals(e.attribute("type").orElse(null))).findFirst()
                .ifPresent(e -> {
                    throw new ServerFailure("the message " + alice.user().role() + " sent to " + lab.domain()
                            + " came back to her as if delivered: " + e.toXml());
                });
    }
}
