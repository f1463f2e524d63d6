package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.function.Function;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0421 §4: an occupant-id a client puts in its own stanza is replaced by the room, so the stanza the room sends
 * on carries exactly one id, the sender's real one: for every kind of stanza, with made-up ids and with the id of
 * another occupant, and also where the room later repeats the message (history, archive).
 */
@StanzalabTest
class ForgedIds {
    static final String MADE_UP = "forged-by-a-client";

    /** A stanza sent with a forged occupant-id, and the id the room then shows (which must be the sender's own). */
    enum Forgery {
        groupchatWithTwoIds(s -> {
            Ids.say(s.bob, s.room, "two ids", Ids.forged(MADE_UP), Ids.forged(MADE_UP + "-2"));
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "two ids"));
        }),
        groupchatWithIdlessElement(s -> {
            Ids.say(s.bob, s.room, "empty occupant-id", Ids.forged(null));
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "empty occupant-id"));
        }),
        groupchatClaimingAlicesId(s -> {
            Ids.say(s.bob, s.room, "I am alice", Ids.forged(s.aliceId()));
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "I am alice"));
        }),
        bodylessChatState(s -> {
            Ids.say(s.bob, s.room, null, new StandardExtensionElement("paused", OccupantMessages.CHATSTATES), Ids.forged(MADE_UP));
            return Ids.id(s.alice.expectMessage("bob's chat state", m -> s.room.occupant("bob").equals(m.getFrom())
                    && m.getExtension("paused", OccupantMessages.CHATSTATES) != null));
        }),
        privateMessage(s -> {
            Ids.whisper(s.bob, s.room, "alice", "forged in private", Ids.forged(MADE_UP));
            return Ids.id(Ids.expectFrom(s.alice, s.room, "bob", "forged in private"));
        }),
        presenceUpdate(s -> {
            Ids.presence(s.bob, s.room, "bob", Presence.Mode.xa, null, Ids.forged(MADE_UP));
            return Ids.id(s.room.expectFrom(s.alice, "bob", "bob's xa presence", p -> p.getMode() == Presence.Mode.xa));
        }),
        presenceClaimingAlicesId(s -> {
            Ids.presence(s.bob, s.room, "bob", null, "I am alice", Ids.forged(s.aliceId()));
            return Ids.id(s.room.expectFrom(s.alice, "bob", "bob's status", p -> "I am alice".equals(p.getStatus())));
        }),
        nickChange(s -> {
            Ids.presence(s.bob, s.room, "robert", null, null, Ids.forged(MADE_UP));
            return Ids.id(Ids.arrival(s.alice, s.room, "robert"));
        }),
        /** alice's subject change claiming bob's id; the room must show alice's. */
        subjectClaimingBobsId(s -> {
            Ids.subject(s.alice, s.room, "bob said so", Ids.forged(s.bobId()));
            Message m = s.bob.expectMessage("alice's subject", x -> "bob said so".equals(x.getSubject()) && x.getBody() == null);
            OccupantMessages.Kind.requireFromOccupant(s, m);
            return Ids.id(m);
        }) {
            @Override
            String real(Scene s) {
                return s.aliceId();
            }
        },
        /** The forged message as carol gets it in the discussion history. */
        discussionHistory(s -> {
            Ids.say(s.bob, s.room, "forged for history", Ids.forged(MADE_UP));
            s.lab.setUp("alice gets bob's message", () -> Ids.expectFrom(s.alice, s.room, "bob", "forged for history"));
            Session carol = s.carol();
            return Ids.id(Ids.history(s.lab, carol, s.room, "forged for history"));
        }),
        /** The forged message as the room's archive returns it. */
        archive(s -> {
            Ids.say(s.bob, s.room, "forged for the archive", Ids.forged(MADE_UP));
            s.lab.setUp("alice gets bob's message", () -> Ids.expectFrom(s.alice, s.room, "bob", "forged for the archive"));
            return Ids.id(Ids.archived(s.lab, s.alice, s.room, "forged for the archive"));
        });

        final Function<Scene, String> shown;

        Forgery(Function<Scene, String> shown) {
            this.shown = shown;
        }

        /** The sender's real id: bob's, from his arrival as alice saw it. */
        String real(Scene s) {
            return s.bobId();
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "an occupant-id a client sends is replaced: the room shows exactly one, the sender's real id, for every kind of stanza")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Forgery.class)
    void forgedIdIsReplacedByRealOne(Forgery forgery, Lab lab) {
        Scene scene = Scene.open(lab);
        String real = forgery.real(scene);

        String shown = forgery.shown.apply(scene);

        assertEquals(real, shown, "the room passed on a forged occupant id (" + forgery + ")");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "a user who enters with another occupant's id in the join presence is not shown with that id")
    @Test
    void joinPresenceCannotClaimAnotherOccupantsId(Lab lab) {
        Scene s = Scene.open(lab);
        Session carol = lab.newUser().connect();

        Ids.enterWith(carol, s.room, "carol", Ids.forged(s.bobId()));

        String carols = Ids.id(Ids.arrival(s.alice, s.room, "carol"));
        assertNotEquals(s.bobId(), carols, "carol entered claiming bob's occupant id and the room passed it on");
    }
}
