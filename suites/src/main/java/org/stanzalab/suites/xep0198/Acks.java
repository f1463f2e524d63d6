package org.stanzalab.suites.xep0198;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0198.StreamManagement.NS;

import java.util.List;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** XEP-0198 §4 and §6: the server's count of handled stanzas, and what it does with the client's acks. */
@StanzalabTest
class Acks {

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MUST,
          requirement = "an <r/> right after stream management was enabled is answered with <a h='0'/>: nothing has "
                  + "been handled yet, and the <enable/> itself is no stanza")
    @Test
    void firstRequestIsAnsweredWithZero(Lab lab) {
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        long h = StreamManagement.requestAck(alice, 0);

        assertEquals(0, h, "'h' of the <a/> answering an <r/> sent right after <enabled/>");
    }

    /** What the client sends before asking for an ack: three stanzas of one kind (or one of each), each different. */
    enum Sent {
        MESSAGES_TO_CONTACT("messages-to-contact", (alice, bob) -> {
            for (int i = 1; i <= 3; i++) {
                alice.sendMessage(bob.jid(), "counted " + i);
            }
        }),
        MESSAGES_TO_UNKNOWN_ACCOUNT("messages-bounced", (alice, bob) -> {
            // Handling includes answering with an error: the server took responsibility for each of them.
            for (int i = 1; i <= 3; i++) {
                alice.sendMessage("nobody-" + i + "-stanzalab@" + domainOf(bob), "bounced " + i);
            }
        }),
        BROADCAST_PRESENCE("presence-broadcast", (alice, bob) -> {
            alice.send("<presence/>");
            alice.send("<presence><show>away</show></presence>");
            alice.send("<presence><show>dnd</show><status>counted</status></presence>");
        }),
        DIRECTED_PRESENCE("presence-directed", (alice, bob) -> {
            for (int i = 1; i <= 3; i++) {
                alice.send("<presence to='" + XmlEscape.attribute(bob.jid()) + "'><status>directed " + i + "</status></presence>");
            }
        }),
        PINGS_TO_SERVER("iq-ping-server", (alice, bob) -> {
            String domain = domainOf(bob);
            for (int i = 1; i <= 3; i++) {
                alice.send("<iq type='get' id='" + alice.newId("counted") + "' to='" + XmlEscape.attribute(domain)
                        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            }
        }),
        IQS_TO_CONTACT("iq-routed", (alice, bob) -> {
            for (int i = 1; i <= 3; i++) {
                alice.send("<iq type='get' id='" + alice.newId("routed") + "' to='" + XmlEscape.attribute(bob.jid())
                        + "'><ping xmlns='urn:xmpp:ping'/></iq>");
            }
        }),
        UNSUPPORTED_IQS("iq-error", (alice, bob) -> {
            for (int i = 1; i <= 3; i++) {
                alice.send("<iq type='get' id='" + alice.newId("unknown") + "'><query xmlns='urn:stanzalab:unknown:" + i
                        + "'/></iq>");
            }
        }),
        ONE_OF_EACH("mixed", (alice, bob) -> {
            alice.sendMessage(bob.jid(), "counted message");
            alice.send("<presence/>");
            alice.send("<iq type='get' id='" + alice.newId("roster") + "'><query xmlns='jabber:iq:roster'/></iq>");
        });

        private final String key;
        final BiConsumer<RawSession, RawSession> send;

        Sent(String key, BiConsumer<RawSession, RawSession> send) {
            this.key = key;
            this.send = send;
        }

        @Override
        public String toString() {
            return key;
        }

        private static String domainOf(RawSession session) {
            String jid = session.jid();
            return jid.substring(jid.indexOf('@') + 1, jid.indexOf('/'));
        }
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MUST,
          requirement = "the server answers <r/> with an <a/> whose 'h' is exactly the number of stanzas it handled from "
                  + "the client since enabling: three messages, presences or IQs (delivered, routed, answered or "
                  + "bounced alike) make h='3'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Sent.class)
    void ackCountsEveryHandledStanza(Sent sent, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        sent.send.accept(alice, bob);
        long h = StreamManagement.requestAck(alice, 3);

        assertEquals(3, h, "'h' after the client sent three stanzas (" + sent + ") since <enabled/>");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MUST,
          requirement = "the count in 'h' grows by one per stanza and not for <r/> or <a/>: requests between the "
                  + "stanzas get h='1', '2', '3' in turn")
    @Test
    void ackElementsAreNotCounted(Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        long[] answers = new long[3];
        for (int i = 0; i < 3; i++) {
            alice.sendMessage(bob.jid(), "one by one " + i);
            alice.send("<a xmlns='" + NS + "' h='0'/>");
            answers[i] = StreamManagement.requestAck(alice, i + 1);
        }

        assertEquals("[1, 2, 3]", java.util.Arrays.toString(answers),
                "'h' of the <a/> answering an <r/> after each of three messages, with an <a h='0'/> of ours in between");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MAY,
          requirement = "a client may acknowledge the server's stanzas at any time, unasked: the server takes an "
                  + "unrequested <a/> with the right count and the stream goes on")
    @Test
    void unrequestedAckIsAccepted(Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());
        bob.sendMessage(alice.jid(), "to be acknowledged 1");
        bob.sendMessage(alice.jid(), "to be acknowledged 2");
        StreamManagement.receive(alice, "to be acknowledged 2");
        int received = StreamManagement.stanzasSinceEnabled(alice).size();

        alice.send("<a xmlns='" + NS + "' h='" + received + "'/>");

        alice.expectSessionGoesOn("an unrequested <a h='" + received + "'/> acknowledging the " + received
                + " stanzas received is allowed");
        assertEquals(1, StreamManagement.requestAck(alice, 1),
                "'h' after the <a/> and one ping (the server's count of our stanzas must not move with our ack)");
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "6", level = SHOULD,
          requirement = "an <a/> acknowledging more stanzas than the server sent ends the stream with an "
                  + "undefined-condition stream error carrying <handled-count-too-high/> (urn:xmpp:sm:3)")
    @Test
    void ackOfMoreThanWasSentEndsTheStream(Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());
        bob.sendMessage(alice.jid(), "the only stanza");
        StreamManagement.receive(alice, "the only stanza");
        int received = StreamManagement.stanzasSinceEnabled(alice).size();

        alice.send("<a xmlns='" + NS + "' h='" + (received + 5) + "'/>");

        StreamError error = alice.expectStreamError();
        assertEquals("undefined-condition", error.condition(), "stream error after acknowledging " + (received + 5)
                + " stanzas of " + received + " sent: " + error.element().toXml());
        assertTrue(error.element().hasChild("handled-count-too-high", NS),
                "the stream error should carry <handled-count-too-high xmlns='" + NS + "'/>: " + error.element().toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MUST,
          requirement = "every <a/> the server sends, asked for or not, carries 'h' with a count no larger than the "
                  + "stanzas it handled so far, and counts never go down")
    @Test
    void serverAcksCarryAConsistentCount(Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        RawSession alice = StreamManagement.enabledStream(lab, lab.newUser());

        for (int i = 1; i <= 5; i++) {
            alice.sendMessage(bob.jid(), "watched " + i);
            StreamManagement.requestAck(alice, i);
        }

        List<XmlElement> acks = alice.received().stream().filter(e -> StreamManagement.isSm(e, "a")).toList();
        long previous = 0;
        for (XmlElement ack : acks) {
            long h = StreamManagement.h(ack);
            assertTrue(h >= previous && h <= 5, "the server's acks must count up to the 5 stanzas sent, never down: "
                    + acks.stream().map(XmlElement::toXml).toList());
            previous = h;
        }
        assertEquals(5, previous, "'h' of the server's last <a/> after five messages");
    }
}
