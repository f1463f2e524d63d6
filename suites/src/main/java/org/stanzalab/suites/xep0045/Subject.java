package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0045 §7.2.15 and §8.1: the room subject, who may change it, and what newcomers are told. */
@StanzalabTest
class Subject {

    static Message subject(Session session, Room room, String text) {
        Message change = session.smack().getStanzaFactory().buildMessageStanza()
                .to(room.jid).ofType(Message.Type.groupchat).setSubject(text).build();
        session.send(change);
        return change;
    }

    static boolean isSubjectFrom(Room room, Message m) {
        return m.getFrom() != null && room.jid.equals(m.getFrom().asBareJid()) && m.getType() == Message.Type.groupchat
                && m.getSubject() != null && m.getBody() == null;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.1", level = MUST,
          requirement = "a subject change by a moderator is passed on to every occupant, from the room JID or the changer's occupant JID")
    @Test
    void moderatorSubjectChangeReachesAllOccupants(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.joined(bob, "bob");

        subject(alice, room, "Stanzalab topic");

        Message seen = bob.expectMessage("the new subject", m -> isSubjectFrom(room, m) && "Stanzalab topic".equals(m.getSubject()));
        assertTrue(seen.getFrom().equals(room.jid) || seen.getFrom().equals(room.occupant("alice")),
                "the subject change must come from the room or alice's occupant JID, came from " + seen.getFrom());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.1", level = MUST,
          requirement = "a participant who may not change the subject and tries is answered with a forbidden error")
    @Test
    void subjectChangeWithoutPrivilegeIsForbidden(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_changesubject", "0"));
        room.joined(bob, "bob");

        subject(bob, room, "bob's topic");

        Message error = bob.expectMessage("an error for bob's subject change",
                m -> m.getType() == Message.Type.error && room.jid.equals(m.getFrom().asBareJid()));
        assertEquals(StanzaError.Condition.forbidden, Room.condition(error), "condition: " + Room.describe(error));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "8.1", level = MUST,
          requirement = "when the room configuration lets participants change the subject, a participant's change is passed on to the occupants")
    @Test
    void participantMayChangeSubjectWhenConfigured(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_changesubject", "1"));
        room.joined(bob, "bob");

        subject(bob, room, "bob's topic");

        alice.expectMessage("bob's subject", m -> isSubjectFrom(room, m) && "bob's topic".equals(m.getSubject()));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = MUST,
          requirement = "a newcomer is sent the current subject: a message with a subject and no body, from the room or an occupant JID")
    @Test
    void newcomerReceivesCurrentSubject(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        subject(alice, room, "Current topic");
        lab.setUp("alice's subject is reflected", () -> alice.expectMessage("the subject", m -> isSubjectFrom(room, m)
                && "Current topic".equals(m.getSubject())));

        room.join(bob, "bob");

        bob.expectMessage("the current subject", m -> isSubjectFrom(room, m) && "Current topic".equals(m.getSubject()));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = MUST,
          requirement = "a newcomer to a room without a subject is sent an empty subject element")
    @Test
    void newcomerReceivesEmptySubjectWhenNoneSet(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");

        room.join(bob, "bob");

        Message subject = bob.expectMessage("an (empty) subject message", m -> isSubjectFrom(room, m));
        assertEquals("", subject.getSubject(), "the subject of a room without one: " + Room.describe(subject));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = MUST,
          requirement = "the subject is sent to a newcomer after the room's discussion history")
    @Test
    void subjectComesAfterHistory(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        subject(alice, room, "History first");
        room.say(alice, "an old message");
        lab.setUp("alice's message is reflected", () -> alice.expectMessage("the old message", m -> "an old message".equals(m.getBody())));

        room.join(bob, "bob");

        bob.expectMessage("the current subject", m -> isSubjectFrom(room, m));
        // The room answers this IQ only after it has sent all it had for bob's entry, history included.
        bob.sendMarkerIq(room.jid).await();
        int history = indexOf(bob, "an old message");
        int subject = indexOfSubject(bob, room);
        lab.requireThat(history >= 0, "the room sent no discussion history (which §7.2.13 allows), so there is no order to check");
        assertTrue(history < subject, "the history message came after the subject (positions " + history + ", " + subject + ")");
    }

    private static int indexOf(Session session, String body) {
        var all = session.received();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof Message m && body.equals(m.getBody())) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOfSubject(Session session, Room room) {
        var all = session.received();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i) instanceof Message m && isSubjectFrom(room, m)) {
                return i;
            }
        }
        return -1;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = MUST,
          requirement = "a delay stamp on the subject sent to a newcomer names the room JID as its 'from'")
    @Test
    void subjectDelayIsFromRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        subject(alice, room, "Stamped topic");
        lab.setUp("alice's subject is reflected", () -> alice.expectMessage("the subject", m -> isSubjectFrom(room, m)
                && "Stamped topic".equals(m.getSubject())));

        room.join(bob, "bob");

        Message subject = bob.expectMessage("the current subject", m -> isSubjectFrom(room, m));
        org.jivesoftware.smackx.delay.packet.DelayInformation delay = org.jivesoftware.smackx.delay.packet.DelayInformation.from(subject);
        lab.requireThat(delay != null, "the subject carries no delay stamp (only recommended), so there is no 'from' to check");
        assertEquals(room.jid.toString(), delay.getFrom(), "'from' of the subject's delay stamp: " + Room.describe(subject));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = MUST,
          requirement = "after the subject has been cleared with an empty subject, a newcomer is sent an empty subject element")
    @Test
    void clearedSubjectIsSentEmpty(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        // The empty subject alice got on creation must not stand in for the reflection of her clearing it.
        lab.setUp("alice gets the room's initial subject", () -> alice.expectMessage("the initial subject", m -> isSubjectFrom(room, m)));
        alice.forget();
        subject(alice, room, "Short-lived topic");
        subject(alice, room, "");
        lab.setUp("alice's subject changes are reflected", () -> {
            alice.expectMessage("the subject", m -> isSubjectFrom(room, m) && "Short-lived topic".equals(m.getSubject()));
            alice.expectMessage("the cleared subject", m -> isSubjectFrom(room, m) && "".equals(m.getSubject()));
        });

        room.join(bob, "bob");

        Message subject = bob.expectMessage("the current subject", m -> isSubjectFrom(room, m));
        assertEquals("", subject.getSubject(), "the subject after it was cleared: " + Room.describe(subject));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.15", level = SHOULD,
          requirement = "the subject sent to a newcomer carries a urn:xmpp:delay stamp of its last change")
    @Test
    void subjectCarriesDelayStamp(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        subject(alice, room, "Dated topic");
        lab.setUp("alice's subject is reflected", () -> alice.expectMessage("the subject", m -> isSubjectFrom(room, m)
                && "Dated topic".equals(m.getSubject())));

        room.join(bob, "bob");

        Message subject = bob.expectMessage("the current subject", m -> isSubjectFrom(room, m));
        assertTrue(org.jivesoftware.smackx.delay.packet.DelayInformation.from(subject) != null,
                "the subject sent to bob carries no delay stamp: " + Room.describe(subject));
    }
}
