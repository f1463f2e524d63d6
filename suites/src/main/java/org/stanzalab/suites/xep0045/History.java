package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.delay.packet.DelayInformation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.1, §7.2.13 and §7.2.14: discussion history sent on entering, and the limits a newcomer sets on it. */
@StanzalabTest
class History {
    private static final List<String> SAID = List.of("history one", "history two", "history three");

    /** A room where alice said three things, all reflected back to her. */
    private static Room roomWithHistory(Lab lab, Session alice) {
        Room room = Room.instant(lab, alice, "alice");
        lab.setUp("alice says three things", () -> {
            for (String body : SAID) {
                room.say(alice, body);
                alice.expectMessage("'" + body + "' reflected", m -> body.equals(m.getBody()));
            }
        });
        return room;
    }

    /** The history messages bob got, once the room has certainly sent everything for his entry. */
    private static List<Message> historyOf(Session bob, Room room) {
        bob.sendMarkerIq(room.jid).await();
        return bob.received().stream().filter(s -> s instanceof Message m && m.getBody() != null && SAID.contains(m.getBody()))
                .map(s -> (Message) s).toList();
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.13", level = MUST,
          requirement = "each discussion-history message sent to a newcomer carries a urn:xmpp:delay stamp")
    @Test
    void historyMessagesCarryDelayStamp(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithHistory(lab, alice);

        room.join(bob, "bob");

        List<Message> history = historyOf(bob, room);
        lab.requireThat(!history.isEmpty(), "the room sends no discussion history (which §7.2.13 allows)");
        for (Message m : history) {
            assertNotNull(DelayInformation.from(m), "history message without urn:xmpp:delay stamp: " + Room.describe(m));
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.13", level = MUST,
          requirement = "the delay stamp of a discussion-history message names the room JID as its 'from'")
    @Test
    void historyDelayStampIsFromRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithHistory(lab, alice);

        room.join(bob, "bob");

        List<Message> history = historyOf(bob, room);
        lab.requireThat(!history.isEmpty(), "the room sends no discussion history (which §7.2.13 allows)");
        for (Message m : history) {
            DelayInformation delay = DelayInformation.from(m);
            lab.requireThat(delay != null, "a history message has no delay stamp (judged by historyMessagesCarryDelayStamp)");
            assertEquals(room.jid.toString(), delay.getFrom(), "'from' of the delay stamp: " + Room.describe(m));
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.1", level = MUST,
          requirement = "discussion history reaches a newcomer only after its self-presence")
    @Test
    void historyComesAfterSelfPresence(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithHistory(lab, alice);

        room.join(bob, "bob");

        List<Message> history = historyOf(bob, room);
        lab.requireThat(!history.isEmpty(), "the room sends no discussion history (which §7.2.13 allows)");
        List<Stanza> all = bob.received();
        int self = -1;
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof org.jivesoftware.smack.packet.Presence p && room.occupant("bob").equals(p.getFrom()) && Room.isSelf(p)) {
                self = i;
                break;
            }
        }
        int first = all.indexOf(history.get(0));
        assertTrue(self >= 0 && self < first, "history (at " + first + ") must follow bob's self-presence (at " + self + ")");
    }

    /** History requests and the most messages of the three that the room may send for each. */
    enum Limit {
        maxstanzas0("maxstanzas", "0", 0),
        maxstanzas1("maxstanzas", "1", 1),
        maxstanzas2("maxstanzas", "2", 2),
        maxchars0("maxchars", "0", 0),
        maxchars10("maxchars", "10", 0), // no complete message stanza is 10 characters long
        sinceFuture("since", "2999-01-01T00:00:00Z", 0);

        final String attribute;
        final String value;
        final int most;

        Limit(String attribute, String value, int most) {
            this.attribute = attribute;
            this.value = value;
            this.most = most;
        }
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.14", level = MUST,
          requirement = "a newcomer's history limit (maxstanzas, maxchars, since) is respected: the room sends no more history than the limit allows, in whole stanzas")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Limit.class)
    void historyLimitIsRespected(Limit limit, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = roomWithHistory(lab, alice);

        room.join(bob, "bob", Room.history(limit.attribute, limit.value));

        List<Message> history = historyOf(bob, room);
        assertTrue(history.size() <= limit.most, "with <history " + limit.attribute + "='" + limit.value + "'/> the room sent "
                + history.size() + " history messages, at most " + limit.most + " allowed: " + history.stream().map(Message::getBody).toList());
    }
}
