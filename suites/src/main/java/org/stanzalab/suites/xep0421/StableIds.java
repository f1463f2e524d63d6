package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.function.Function;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §4.1, stability: the id belongs to the user (the real bare JID), so it stays the same across everything the
 * user does in the room, from every resource, in every kind of stanza, and whoever looks at it.
 */
@StanzalabTest
class StableIds {

    /** What happens after bob's arrival, and where his id is read again. */
    enum Occasion {
        nickChange(s -> {
            Ids.presence(s.bob, s.room, "robert", null, null);
            return Ids.id(Ids.arrival(s.alice, s.room, "robert"));
        }),
        presenceUpdate(s -> {
            Ids.presence(s.bob, s.room, "bob", Presence.Mode.dnd, "busy");
            return Ids.id(s.room.expectFrom(s.alice, "bob", "bob's busy presence", p -> p.getMode() == Presence.Mode.dnd));
        }),
        /** bob leaves and comes back from another connection (another resource, a new stream). */
        reentryFromAnotherResource(s -> {
            s.room.leave(s.bob, "bob");
            s.lab.setUp("alice is told bob left", () -> s.room.expectFrom(s.alice, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable));
            Session laptop = s.bobUser.connect();
            s.room.joined(laptop, "bob");
            return Ids.id(Ids.arrival(s.alice, s.room, "bob"));
        }),
        /** bob's second resource enters under a nick of its own while the first stays: the same bare JID. */
        secondResourceUnderAnotherNick(s -> {
            Session laptop = s.bobUser.connect();
            s.room.joined(laptop, "bob-laptop");
            return Ids.id(Ids.arrival(s.alice, s.room, "bob-laptop"));
        }),
        /** bob's second resource enters under the same nick (XEP-0045 §7.2.10 multi-session), read from its self-presence. */
        secondResourceUnderSameNick(s -> {
            Session laptop = s.bobUser.connect();
            Presence self = s.room.enter(laptop, "bob");
            s.lab.requireThat(self.getType() != Presence.Type.error,
                    "the room does not let a second resource share a nick (XEP-0045 §7.2.10 leaves that to the service): " + Room.describe(self));
            return Ids.id(self);
        }),
        groupchatMessage(s -> {
            Ids.say(s.bob, s.room, "same id as my presence");
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "same id as my presence"));
        }),
        privateMessage(s -> {
            Ids.whisper(s.bob, s.room, "alice", "privately the same");
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "privately the same"));
        }),
        /** bob's message as carol gets it in the discussion history on entering. */
        discussionHistory(s -> {
            Ids.say(s.bob, s.room, "said before carol");
            s.lab.setUp("alice gets bob's message", () -> Ids.expectFrom(s.alice, s.room, "bob", "said before carol"));
            Session carol = s.carol();
            return Ids.id(Ids.history(s.lab, carol, s.room, "said before carol"));
        }),
        /** bob's message as the room's archive returns it (XEP-0313). */
        archive(s -> {
            Ids.say(s.bob, s.room, "archived the same");
            s.lab.setUp("alice gets bob's message", () -> Ids.expectFrom(s.alice, s.room, "bob", "archived the same"));
            return Ids.id(Ids.archived(s.lab, s.alice, s.room, "archived the same"));
        }),
        /** bob is kicked and enters again. */
        reentryAfterKick(s -> {
            s.lab.setUp("alice kicks bob", () -> {
                Room.expectResult(s.room.setRole(s.alice, "bob", MUCRole.none));
                s.room.expectFrom(s.alice, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
                s.room.expectFrom(s.bob, "bob", "bob's own removal", p -> p.getType() == Presence.Type.unavailable);
            });
            s.room.joined(s.bob, "bob");
            return Ids.id(Ids.arrival(s.alice, s.room, "bob"));
        }),
        /** bob is made a member: a new affiliation, the same user. */
        affiliationChange(s -> {
            s.lab.setUp("alice makes bob a member", () -> Room.expectResult(s.room.setAffiliation(s.alice, s.bob.bareJid(), MUCAffiliation.member)));
            return Ids.id(s.room.expectFrom(s.alice, "bob", "bob's presence as a member", p -> Room.affiliation(p) == MUCAffiliation.member));
        }),
        /** alice makes the room non-anonymous; bob speaks afterwards. */
        anonymityChange(s -> {
            s.room.configure(s.alice, Room.fields("muc#roomconfig_whois", "anyone"));
            Ids.say(s.bob, s.room, "after the change");
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "after the change"));
        }),
        /** carol, who enters later, is told about bob with the id alice was told. */
        anotherObserver(s -> {
            Session carol = s.lab.newUser().connect();
            s.room.joined(carol, "carol");
            return Ids.id(Ids.arrival(carol, s.room, "bob"));
        }),
        /** alice's subject change carries the id of her self-presence. */
        subjectChange(s -> {
            Ids.subject(s.alice, s.room, "the same alice");
            Message m = s.bob.expectMessage("alice's subject", x -> "the same alice".equals(x.getSubject()) && x.getBody() == null);
            OccupantMessages.Kind.requireFromOccupant(s, m);
            // Stability can only be judged on an id that is there; a subject without one is the §4 attach duty,
            // judged by OccupantMessages[subjectChange].
            s.lab.requireThat(!Ids.all(m).isEmpty(), "the room attaches no occupant id to subject changes, so there is no id to compare");
            return Ids.id(m);
        }) {
            @Override
            String before(Scene s) {
                return s.aliceId();
            }
        };

        final Function<Scene, String> after;

        Occasion(Function<Scene, String> after) {
            this.after = after;
        }

        /** The id to compare with: bob's, from his arrival as alice saw it. */
        String before(Scene s) {
            return s.bobId();
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "an occupant's id stays the same whatever the user does in the room and wherever the room shows it")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Occasion.class)
    void idStaysTheSame(Occasion occasion, Lab lab) {
        Scene scene = Scene.open(lab);
        String before = occasion.before(scene);

        String after = occasion.after.apply(scene);

        assertEquals(before, after, "the occupant id changed (" + occasion + ")");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "a persistent room gives a user the same id after it stood empty")
    @Test
    void idSurvivesAnEmptyPersistentRoom(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Ids.room(lab, alice, "alice", Room.fields("muc#roomconfig_persistentroom", "1"));
        String first = Ids.id(room.created);
        room.leave(alice, "alice");
        lab.setUp("alice has left and the room is empty", () -> room.expectFrom(alice, "alice", "alice's departure", p -> p.getType() == Presence.Type.unavailable));

        Presence again = room.join(alice, "alice");

        assertEquals(first, Ids.id(again), "alice's occupant id after the persistent room stood empty");
    }
}
