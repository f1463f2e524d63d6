package org.stanzalab.suites.xep0280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0280.Carbons.Direction.received;
import static org.stanzalab.suites.xep0280.Carbons.Direction.sent;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0280.Carbons.Direction;

/**
 * XEP-0280 Message Carbons. Alice and bob are fresh users; the resource that does not take part in the
 * conversation ("laptop") is the one that gets, or must not get, the copy. That a copy did not come is decided by
 * a marker sent after the message along the route the copy would take: from the session whose stanza made the
 * server produce the copy (the sender for sent copies, the original recipient, after it got the message, for
 * received copies).
 */
@StanzalabTest
class MessageCarbons {

    /** A device of a user: a session with a fixed resource, available so bare-JID routing reaches it. */
    private static Session device(User user, String resource) {
        return user.connect(resource).available();
    }

    /**
     * Alice and Bob, each on a phone, and a laptop of Alice's (for sent copies) or of Bob's (for received ones), all
     * available; carbons are left to the test.
     */
    private record Conversation(Session alice, Session bob, Session laptop) {
        static Conversation open(Lab lab, boolean laptopIsAlices) {
            User aliceAccount = lab.newUser();
            Session alice = device(aliceAccount, "phone");
            User bobAccount = lab.newUser();
            Session bob = device(bobAccount, "phone");
            return new Conversation(alice, bob, device(laptopIsAlices ? aliceAccount : bobAccount, "laptop"));
        }
    }

    private static Message chat(Session from, Session to, String body) {
        return from.sendMessage(to.jid(), Message.Type.chat, body);
    }

    // ---- enabling and disabling (§4, §5, §10.1) ----

    @Spec(document = "XEP-0280", version = "1.0.1", section = "10.1", level = MUST,
          requirement = "a client may enable, disable and enable carbons again in one session, each answered with a result and taking effect")
    @Test
    void carbonsCanBeEnabledDisabledAndEnabledAgain(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = device(bobAccount, "phone");
        Session laptop = device(bobAccount, "laptop");

        assertEquals(IQ.Type.result, laptop.request(Carbons.enableRequest()).getType(), "reply to the first enable");
        assertEquals(IQ.Type.result, laptop.request(Carbons.disableRequest()).getType(), "reply to the disable");
        assertEquals(IQ.Type.result, laptop.request(Carbons.enableRequest()).getType(), "reply to the second enable");
        String body = Carbons.body("re-enabled");
        chat(alice, phone, body);

        laptop.expectMessage("a received carbon of '" + body + "' after enabling again", m -> body.equals(Carbons.originalBody(m, received)));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "10.1", level = SHOULD,
          requirement = "enabling carbons when they are already enabled is answered with a result, not an error")
    @Test
    void repeatedEnableIsNotAnError(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        Carbons.enabled(lab, alice);

        IQ reply = alice.request(Carbons.enableRequest());

        assertEquals(IQ.Type.result, reply.getType(), "reply to a second enable: " + reply.toXML());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "10.1", level = SHOULD,
          requirement = "disabling carbons when they are already disabled is answered with a result, not an error")
    @Test
    void repeatedDisableIsNotAnError(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        lab.setUp("enabling and disabling carbons", () -> {
            alice.requestResult(Carbons.enableRequest());
            alice.requestResult(Carbons.disableRequest());
        });

        IQ reply = alice.request(Carbons.disableRequest());

        assertEquals(IQ.Type.result, reply.getType(), "reply to a second disable: " + reply.toXML());
    }

    // ---- received copies (§7) ----

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a message to one resource is copied to the user's other carbons-enabled resource inside received and forwarded elements")
    @Test
    void receivedMessageIsCopiedToOtherEnabledResource(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = device(bobAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String body = Carbons.body("received copy");

        chat(alice, phone, body);

        phone.expectMessage("the original message", m -> body.equals(m.getBody()));
        Message copy = laptop.expectMessage("a copy of '" + body + "'", m -> Carbons.isCopyOf(m, body) || body.equals(m.getBody()));
        assertNotNull(Carbons.original(copy, received), "the copy must wrap the original in <received xmlns='" + Carbons.NS
                + "'><forwarded xmlns='" + Carbons.FORWARD + "'>: " + copy.toXML());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a received carbon comes from the user's bare JID and is addressed to the full JID of the resource that gets it")
    @Test
    void receivedCopyComesFromBareJidToFullJid(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = device(bobAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String body = Carbons.body("addresses");

        chat(alice, phone, body);

        Message copy = laptop.expectMessage("a received carbon", m -> body.equals(Carbons.originalBody(m, received)));
        assertEquals(bobAccount.jid(), copy.getFrom(), "'from' of the carbon: " + copy.toXML());
        assertEquals(laptop.jid(), copy.getTo(), "'to' of the carbon: " + copy.toXML());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "the message inside a received carbon is the original: same id, type, from, to and body")
    @Test
    void receivedCopyHoldsTheOriginalMessage(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = device(bobAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String body = Carbons.body("original & <unchanged>");

        Message sent = chat(alice, phone, body);

        Message copy = laptop.expectMessage("a received carbon", m -> body.equals(Carbons.originalBody(m, received)));
        StandardExtensionElement original = Carbons.original(copy, received);
        assertEquals(sent.getStanzaId(), original.getAttributeValue("id"), "id of the forwarded message: " + copy.toXML());
        assertEquals("chat", original.getAttributeValue("type"), "type of the forwarded message: " + copy.toXML());
        assertEquals(alice.jid().toString(), original.getAttributeValue("from"), "from of the forwarded message: " + copy.toXML());
        assertEquals(phone.jid().toString(), original.getAttributeValue("to"), "to of the forwarded message: " + copy.toXML());
    }

    @Spec(document = "XEP-0297", version = "1.0", section = "3.2", level = SHOULD,
          requirement = "a forwarded copy keeps the original's extension elements")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void copyKeepsTheOriginalsExtensions(Direction direction, Lab lab) {
        Carbons.require(lab);
        Conversation talk = Conversation.open(lab, direction == sent);
        Session alice = talk.alice(), bob = talk.bob(), laptop = Carbons.enabled(lab, talk.laptop());
        String body = Carbons.body("extension " + direction);

        alice.send(alice.smack().getStanzaFactory().buildMessageStanza().to(bob.jid()).ofType(Message.Type.chat).setBody(body)
                .addExtension(StandardExtensionElement.builder("note", Carbons.TEST_NS).addAttribute("kind", "kept").setText("payload").build())
                .build());

        Message copy = laptop.expectMessage("a " + direction + " carbon", m -> body.equals(Carbons.originalBody(m, direction)));
        StandardExtensionElement note = Carbons.original(copy, direction).getFirstElement("note", Carbons.TEST_NS);
        assertNotNull(note, "the forwarded message lost <note xmlns='" + Carbons.TEST_NS + "'/>: " + copy.toXML());
        assertEquals("payload", note.getText(), "text of the forwarded extension");
        assertEquals("kept", note.getAttributeValue("kind"), "attribute of the forwarded extension");
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "the resource a message was addressed to gets the message and no carbon of it, even with carbons enabled")
    @Test
    void addressedResourceGetsNoCopy(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = Carbons.enabled(lab, device(bobAccount, "phone"));
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String body = Carbons.body("no copy for the addressee");

        chat(alice, phone, body);

        phone.expectMessage("the original message", m -> body.equals(m.getBody()));
        laptop.expectMessage("the received carbon", m -> Carbons.isCopyOf(m, body));
        // A wrongful copy would be made as the phone's own delivery is processed: a marker the phone sends itself follows it.
        phone.expectNothingBefore(phone.sendMarkerTo(phone), Message.class, "a carbon of a message addressed to itself",
                m -> Carbons.isCopyOf(m, body));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a chat message to the bare JID reaches each carbons-enabled resource exactly once, as the message or as a received carbon")
    @Test
    void messageToBareJidReachesEachEnabledResourceOnce(Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = Carbons.enabled(lab, device(bobAccount, "phone"));
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String body = Carbons.body("to the bare jid");

        alice.sendMessage(bobAccount.jid(), Message.Type.chat, body);

        List<Message> got = lab.barrier(phone, laptop).expectEach(Message.class, "the message or its carbon", m -> Carbons.carries(m, body));
        for (int i = 0; i < 2; i++) {
            Session device = i == 0 ? phone : laptop;
            Session other = i == 0 ? laptop : phone;
            Message first = got.get(i);
            // Whoever got the original must not also get a copy, and the other way round: one more of either is a
            // duplicate. It would come from alice's routing or from the other resource's delivery: a marker on each route.
            device.expectNothingBefore(alice.sendMarkerTo(device), Message.class, "a second delivery of '" + body + "' after " + first.toXML(),
                    m -> Carbons.carries(m, body));
            device.expectNothingBefore(other.sendMarkerTo(device), Message.class, "a second delivery of '" + body + "' after " + first.toXML(),
                    m -> Carbons.carries(m, body));
        }
    }

    // ---- sent copies (§8) ----

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = MUST,
          requirement = "a message a resource sends is copied, from the bare JID, inside sent and forwarded elements to the user's other carbons-enabled resources, even when the sender has not enabled carbons")
    @Test
    void sentMessageIsCopiedToOtherEnabledResource(Lab lab) {
        Carbons.require(lab);
        User aliceAccount = lab.newUser();
        Session phone = device(aliceAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(aliceAccount, "laptop"));
        Session bob = lab.newUser().connect();
        String body = Carbons.body("sent copy");

        Message sentMessage = chat(phone, bob, body);

        Message copy = laptop.expectMessage("a copy of '" + body + "'", m -> Carbons.isCopyOf(m, body));
        StandardExtensionElement original = Carbons.original(copy, sent);
        assertNotNull(original, "the copy must wrap the original in <sent xmlns='" + Carbons.NS + "'><forwarded/>: " + copy.toXML());
        assertEquals(aliceAccount.jid(), copy.getFrom(), "'from' of the sent carbon: " + copy.toXML());
        assertEquals(sentMessage.getStanzaId(), original.getAttributeValue("id"), "id of the forwarded message: " + copy.toXML());
        assertEquals(bob.jid().toString(), original.getAttributeValue("to"), "to of the forwarded message: " + copy.toXML());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = SHOULD,
          requirement = "a sent carbon is addressed to the full JID of the resource that gets it")
    @Test
    void sentCopyIsAddressedToTheFullJid(Lab lab) {
        Carbons.require(lab);
        User aliceAccount = lab.newUser();
        Session phone = device(aliceAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(aliceAccount, "laptop"));
        Session bob = lab.newUser().connect();
        String body = Carbons.body("sent to");

        chat(phone, bob, body);

        Message copy = laptop.expectMessage("a sent carbon", m -> body.equals(Carbons.originalBody(m, sent)));
        assertEquals(laptop.jid(), copy.getTo(), "'to' of the sent carbon: " + copy.toXML());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = SHOULD,
          requirement = "the sending resource gets no carbon of its own message, even with carbons enabled")
    @Test
    void senderGetsNoCopyOfItsOwnMessage(Lab lab) {
        Carbons.require(lab);
        User aliceAccount = lab.newUser();
        Session phone = Carbons.enabled(lab, device(aliceAccount, "phone"));
        Session laptop = Carbons.enabled(lab, device(aliceAccount, "laptop"));
        Session bob = lab.newUser().connect();
        String body = Carbons.body("not back to the sender");

        chat(phone, bob, body);

        laptop.expectMessage("the sent carbon", m -> Carbons.isCopyOf(m, body));
        phone.expectNothingBefore(phone.sendMarkerTo(phone), Message.class, "a carbon of its own message", m -> Carbons.isCopyOf(m, body));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = SHOULD,
          requirement = "a carbon keeps the type of the message it copies")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void copyKeepsTheMessageType(Direction direction, Lab lab) {
        Carbons.require(lab);
        Conversation talk = Conversation.open(lab, direction == sent);
        Session alice = talk.alice(), bob = talk.bob(), laptop = Carbons.enabled(lab, talk.laptop());
        String body = Carbons.body("type " + direction);

        chat(alice, bob, body);

        Message copy = laptop.expectMessage("a " + direction + " carbon", m -> body.equals(Carbons.originalBody(m, direction)));
        assertEquals(Message.Type.chat, copy.getType(), "type of the carbon of a chat message: " + copy.toXML());
    }

    // ---- who gets no copies (§2, §9) ----

    /** A resource that must get no copy: it never enabled carbons, or enabled and then disabled them. */
    enum NotEnabled {
        neverEnabledReceived, neverEnabledSent, disabledReceived, disabledSent;

        boolean sentDirection() {
            return this == neverEnabledSent || this == disabledSent;
        }

        boolean disabled() {
            return this == disabledReceived || this == disabledSent;
        }
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "2", level = MUST,
          requirement = "a resource that has not enabled carbons, or has disabled them, gets no carbon copies")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NotEnabled.class)
    void resourceWithoutCarbonsGetsNoCopies(NotEnabled which, Lab lab) {
        Carbons.require(lab);
        Conversation talk = Conversation.open(lab, which.sentDirection());
        Session alice = talk.alice(), bob = talk.bob(), laptop = talk.laptop();
        if (which.disabled()) {
            lab.setUp("enabling and disabling carbons on the laptop", () -> {
                laptop.requestResult(Carbons.enableRequest());
                laptop.requestResult(Carbons.disableRequest());
            });
        }
        String body = Carbons.body("no carbons " + which);

        chat(alice, bob, body);

        bob.expectMessage("the message", m -> body.equals(m.getBody()));
        Session route = which.sentDirection() ? alice : bob;
        laptop.expectNothingBefore(route.sendMarkerTo(laptop), Message.class, "a carbon", m -> Carbons.isCopyOf(m, body));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "9", level = MUST,
          requirement = "a message with the private element and the no-copy hint is not copied to the sender's or the recipient's other resources")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void privateMessageIsNotCopied(Direction direction, Lab lab) {
        Carbons.require(lab);
        Conversation talk = Conversation.open(lab, direction == sent);
        Session alice = talk.alice(), bob = talk.bob(), laptop = Carbons.enabled(lab, talk.laptop());
        String body = Carbons.body("private " + direction);

        alice.send(alice.smack().getStanzaFactory().buildMessageStanza().to(bob.jid()).ofType(Message.Type.chat).setBody(body)
                .addExtension(new StandardExtensionElement("private", Carbons.NS))
                .addExtension(new StandardExtensionElement("no-copy", Carbons.HINTS)).build());

        bob.expectMessage("the private message", m -> body.equals(m.getBody()));
        Session route = direction == sent ? alice : bob;
        laptop.expectNothingBefore(route.sendMarkerTo(laptop), Message.class, "a " + direction + " carbon of a private message",
                m -> Carbons.isCopyOf(m, body));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "6.1", level = SHOULD,
          requirement = "a message with the private element is not eligible for carbons, even without the no-copy hint")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void messageWithPrivateElementIsNotCopied(Direction direction, Lab lab) {
        Carbons.require(lab);
        Conversation talk = Conversation.open(lab, direction == sent);
        Session alice = talk.alice(), bob = talk.bob(), laptop = Carbons.enabled(lab, talk.laptop());
        String body = Carbons.body("private only " + direction);

        alice.send(alice.smack().getStanzaFactory().buildMessageStanza().to(bob.jid()).ofType(Message.Type.chat).setBody(body)
                .addExtension(new StandardExtensionElement("private", Carbons.NS)).build());

        bob.expectMessage("the private message", m -> body.equals(m.getBody()));
        Session route = direction == sent ? alice : bob;
        laptop.expectNothingBefore(route.sendMarkerTo(laptop), Message.class, "a " + direction + " carbon of a private message",
                m -> Carbons.isCopyOf(m, body));
    }

    // ---- which messages are copied (§6.1) ----

    /** A kind of message, and whether the recommended rules make it eligible for carbons. */
    enum Kind {
        chatWithBody(true), normalWithBody(true), chatStateOnly(true), receiptRequestOnly(true),
        groupchat(false), headline(false), normalWithoutImPayload(false);

        final boolean copied;

        Kind(boolean copied) {
            this.copied = copied;
        }

        /** The message, identified by its id, sent to {@code to}. */
        Message build(Session from, Session to, String id) {
            MessageBuilder m = StanzaBuilder.buildMessage(id).to(to.jid());
            switch (this) {
                case chatWithBody -> m.ofType(Message.Type.chat).setBody("carbons " + id);
                case normalWithBody -> m.ofType(Message.Type.normal).setBody("carbons " + id);
                case chatStateOnly -> m.ofType(Message.Type.chat).addExtension(new StandardExtensionElement("active", "http://jabber.org/protocol/chatstates"));
                case receiptRequestOnly -> m.ofType(Message.Type.normal).addExtension(new StandardExtensionElement("request", "urn:xmpp:receipts"));
                case groupchat -> m.ofType(Message.Type.groupchat).setBody("carbons " + id);
                case headline -> m.ofType(Message.Type.headline).setBody("carbons " + id);
                case normalWithoutImPayload -> m.ofType(Message.Type.normal).addExtension(new StandardExtensionElement("note", Carbons.TEST_NS));
            }
            return m.build();
        }
    }

    private static boolean isCopyWithId(Stanza stanza, String id) {
        if (!(stanza instanceof Message m)) {
            return false;
        }
        StandardExtensionElement original = Carbons.original(m, received);
        return original != null && id.equals(original.getAttributeValue("id"));
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "6.1", level = SHOULD,
          requirement = "messages used for instant messaging (chat, normal with a body, chat states, receipts) are copied; groupchat, headline and other messages are not")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void eligibleMessagesAndOnlyThoseAreCopied(Kind kind, Lab lab) {
        Carbons.require(lab);
        Session alice = lab.newUser().connect();
        User bobAccount = lab.newUser();
        Session phone = device(bobAccount, "phone");
        Session laptop = Carbons.enabled(lab, device(bobAccount, "laptop"));
        String id = "carbons-" + kind + "-" + Carbons.body("x").substring(2);

        alice.send(kind.build(alice, phone, id));

        phone.expectMessage("the " + kind + " message " + id, m -> id.equals(m.getStanzaId()));
        if (kind.copied) {
            laptop.expectMessage("a received carbon of the " + kind + " message " + id, m -> isCopyWithId(m, id));
        } else {
            laptop.expectNothingBefore(phone.sendMarkerTo(laptop), Message.class, "a carbon of the " + kind + " message " + id,
                    m -> isCopyWithId(m, id));
        }
    }
}
