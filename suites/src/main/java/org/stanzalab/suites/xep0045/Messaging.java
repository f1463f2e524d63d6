package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.4 and §7.5: messages to all occupants and private messages through the room. */
@StanzalabTest
class Messaging {

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.4", level = MUST,
          requirement = "a groupchat message from an occupant with voice is reflected to every occupant, the sender included, from the sender's occupant JID")
    @Test
    void groupchatIsReflectedToAllFromOccupantJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        room.say(bob, "hello room");

        for (Session each : new Session[] {alice, bob}) {
            each.expectMessage("bob's message reflected from " + room.occupant("bob"),
                    m -> room.occupant("bob").equals(m.getFrom()) && m.getType() == Message.Type.groupchat && "hello room".equals(m.getBody()));
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.4", level = SHOULD,
          requirement = "the reflected groupchat message keeps the id the sender gave it")
    @Test
    void reflectedMessageKeepsSendersId(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        Message sent = room.say(alice, "id check");

        Message reflected = alice.expectMessage("alice's message reflected",
                m -> room.occupant("alice").equals(m.getFrom()) && "id check".equals(m.getBody()));
        assertEquals(sent.getStanzaId(), reflected.getStanzaId(), "id of the reflected message");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.4", level = MUST,
          requirement = "a visitor's groupchat message in a moderated room is refused with forbidden and not reflected")
    @Test
    void visitorMessageIsForbiddenAndNotReflected(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        room.joined(bob, "bob");
        lab.setUp("revoke bob's voice", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.visitor)));

        Message sent = room.say(bob, "visitor speaks");

        Message error = bob.expectMessage("an error for the visitor's message",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.forbidden, Room.condition(error), "condition: " + Room.describe(error));
        // The room handles bob's message before alice's later one, so alice's arrival proves bob's was not reflected.
        room.say(alice, "sentinel");
        alice.expectMessage("alice's sentinel", m -> "sentinel".equals(m.getBody()));
        assertTrue(alice.received().stream().noneMatch(s -> s instanceof Message m && "visitor speaks".equals(m.getBody())),
                "the visitor's message " + sent.getStanzaId() + " was reflected to alice");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.4", level = SHOULD,
          requirement = "a groupchat message from someone who is not an occupant is refused with not-acceptable")
    @Test
    void nonOccupantMessageIsNotAcceptable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.say(bob, "from outside");

        Message error = bob.expectMessage("an error for the outsider's message",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.not_acceptable, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MUST,
          requirement = "a private message to an occupant JID is delivered to that occupant from the sender's occupant JID")
    @Test
    void privateMessageIsDeliveredFromOccupantJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.sendMessage(room.occupant("alice"), Message.Type.chat, "psst");

        alice.expectMessage("bob's private message from " + room.occupant("bob"),
                m -> room.occupant("bob").equals(m.getFrom()) && "psst".equals(m.getBody()) && m.getType() == Message.Type.chat);
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MUST,
          requirement = "a private message of type groupchat to an occupant is refused with bad-request and not delivered")
    @Test
    void groupchatTypedPrivateMessageIsBadRequest(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.sendMessage(room.occupant("alice"), Message.Type.groupchat, "wrong type");

        Message error = bob.expectMessage("an error for the groupchat-typed private message",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.bad_request, Room.condition(error), "condition: " + Room.describe(error));
        bob.sendMessage(room.occupant("alice"), Message.Type.chat, "sentinel");
        alice.expectMessage("bob's sentinel", m -> "sentinel".equals(m.getBody()));
        assertTrue(alice.received().stream().noneMatch(s -> s instanceof Message m && "wrong type".equals(m.getBody())),
                "the groupchat-typed private message reached alice");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MUST,
          requirement = "a private message to an occupant JID nobody has is refused with item-not-found")
    @Test
    void privateMessageToAbsentNickIsItemNotFound(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        alice.sendMessage(room.occupant("nobody-here"), Message.Type.chat, "anyone?");

        Message error = alice.expectMessage("an error for the message to an absent nickname",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.item_not_found, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MUST,
          requirement = "a private message from someone who is not an occupant to an occupant is refused with not-acceptable")
    @Test
    void privateMessageFromNonOccupantIsNotAcceptable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        bob.sendMessage(room.occupant("alice"), Message.Type.chat, "from outside");

        Message error = bob.expectMessage("an error for the outsider's private message",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.not_acceptable, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = SHOULD,
          requirement = "the room adds a muc#user x element to a private message that has none")
    @Test
    void privateMessageGetsMucUserElement(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        bob.sendMessage(room.occupant("alice"), Message.Type.chat, "plain pm");

        Message pm = alice.expectMessage("bob's private message", m -> "plain pm".equals(m.getBody()));
        assertTrue(org.jivesoftware.smackx.muc.packet.MUCUser.from(pm) != null, "no muc#user x in the delivered private message: " + Room.describe(pm));
    }
}
