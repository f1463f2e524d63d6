package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 Anonymous unique occupant identifiers for MUCs. Each test uses a room that advertises
 * urn:xmpp:occupant-id:0; a room without it makes the test impossible (the identifiers are optional per room).
 */
@StanzalabTest
class OccupantIds {
    static final String NS = Ids.NS;

    private static Room roomWithIds(Lab lab, Session owner) {
        return Ids.room(lab, owner, "alice");
    }

    static List<ExtensionElement> ids(Stanza stanza) {
        return Ids.all(stanza);
    }

    /** The single occupant id of the stanza; fails when there is none or several. */
    static String id(Stanza stanza) {
        return Ids.id(stanza);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "every presence the room sends about an occupant carries exactly one occupant-id")
    @Test
    void occupantPresenceCarriesOneId(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);

        room.join(bob, "bob");

        Presence seen = room.expectFrom(alice, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available);
        assertEquals(1, ids(seen).size(), "occupant-id elements in bob's presence: " + seen.toXML());
        id(seen);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "every groupchat message the room reflects carries the sender's occupant-id, once")
    @Test
    void reflectedMessageCarriesOneId(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);
        room.joined(bob, "bob");

        room.say(bob, "with id");

        Message reflected = alice.expectMessage("bob's message", m -> room.occupant("bob").equals(m.getFrom()) && "with id".equals(m.getBody()));
        assertEquals(1, ids(reflected).size(), "occupant-id elements in the message: " + reflected.toXML());
        id(reflected);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "an occupant-id a client puts in its own message is replaced by the room's, never passed on")
    @Test
    void forgedIdIsReplaced(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);
        Presence bobs = room.joined(bob, "bob");
        String real = id(bobs);

        bob.send(bob.smack().getStanzaFactory().buildMessageStanza().to(room.jid).ofType(Message.Type.groupchat).setBody("forged")
                .addExtension(StandardExtensionElement.builder("occupant-id", NS).addAttribute("id", "forged-by-bob").build()).build());

        Message reflected = alice.expectMessage("bob's message", m -> room.occupant("bob").equals(m.getFrom()) && "forged".equals(m.getBody()));
        assertEquals(1, ids(reflected).size(), "occupant-id elements in the message: " + reflected.toXML());
        assertEquals(real, id(reflected), "the reflected message must carry bob's real occupant id");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "discussion history sent on entering carries the occupant-id of each message's sender")
    @Test
    void historyCarriesIds(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);
        room.say(alice, "before bob");
        lab.setUp("alice's message is reflected", () -> alice.expectMessage("reflection", m -> "before bob".equals(m.getBody())));

        room.join(bob, "bob");

        id(Ids.history(lab, bob, room, "before bob"));
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "a user who enters the same room again gets the same occupant id")
    @Test
    void idIsStableAcrossVisits(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);
        String first = id(room.joined(bob, "bob"));
        room.leave(bob, "bob");
        lab.setUp("bob has left", () -> room.expectFrom(bob, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable));

        String second = id(room.join(bob, "robert"));

        assertEquals(first, second, "bob's occupant id on his second visit (under another nick)");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "two different users in a room get different occupant ids")
    @Test
    void idsOfDifferentUsersDiffer(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);

        String bobs = id(room.join(bob, "bob"));

        assertNotEquals(id(room.created), bobs, "alice and bob have the same occupant id");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "an occupant id is at most 128 characters long")
    @Test
    void idIsAtMost128Characters(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);

        String id = id(room.created);

        assertTrue(id.length() <= 128, "occupant id of " + id.length() + " characters: " + id);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = SHOULD,
          requirement = "the same user gets different occupant ids in two rooms of the service")
    @Test
    void idDiffersBetweenRooms(Lab lab) {
        Session alice = lab.newUser().connect();
        Room first = roomWithIds(lab, alice);
        Room second = roomWithIds(lab, alice);

        assertNotEquals(id(first.created), id(second.created), "alice has the same occupant id in " + first.jid + " and " + second.jid);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "an occupant id does not reveal the user's bare JID")
    @Test
    void idDoesNotContainBareJid(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = roomWithIds(lab, alice);

        String id = id(room.created);

        assertTrue(!id.contains(alice.bareJid().toString()) && !id.contains(alice.bareJid().getLocalpart().toString()),
                "the occupant id " + id + " contains alice's address " + alice.bareJid());
    }
}
