package org.stanzalab.suites.xep0421;

import static org.stanzalab.engine.Level.MUST;

import java.util.function.Function;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0421 §4: every message a room with occupant ids sends from an occupant carries exactly one occupant-id: bodyless
 * ones, the sender's own copy, the owner's, corrections, private messages, subject changes, the subject on entering
 * and the room's archive.
 */
@StanzalabTest
class OccupantMessages {
    static final String CHATSTATES = "http://jabber.org/protocol/chatstates";
    static final String CORRECT = "urn:xmpp:message-correct:0";

    enum Kind {
        /** A groupchat message with a chat state and no body (XEP-0085). */
        bodylessChatState(s -> {
            Ids.say(s.bob, s.room, null, new StandardExtensionElement("composing", CHATSTATES));
            return s.alice.expectMessage("bob's chat state from " + s.room.occupant("bob"), m -> s.room.occupant("bob").equals(m.getFrom())
                    && m.getBody() == null && m.getExtension("composing", CHATSTATES) != null);
        }),
        /** The copy of bob's message that the room reflects to bob himself. */
        sendersOwnCopy(s -> {
            Ids.say(s.bob, s.room, "my own copy");
            return Ids.expectFrom(s.bob, s.room, "bob", "my own copy");
        }),
        /** A message of the owner, a moderator, as bob gets it. */
        ownersMessage(s -> {
            Ids.say(s.alice, s.room, "from the owner");
            return Ids.expectFrom(s.bob, s.room, "alice", "from the owner");
        }),
        /** A last-message correction (XEP-0308). */
        correction(s -> {
            Message first = Ids.say(s.bob, s.room, "teh first");
            s.lab.setUp("alice gets bob's first message", () -> Ids.expectFrom(s.alice, s.room, "bob", "teh first"));
            Ids.say(s.bob, s.room, "the first", StandardExtensionElement.builder("replace", CORRECT).addAttribute("id", first.getStanzaId()).build());
            return Ids.expectFrom(s.alice, s.room, "bob", "the first");
        }),
        /** A private message through the room (XEP-0045 §7.5). */
        privateMessage(s -> {
            Ids.whisper(s.bob, s.room, "alice", "just between us");
            return Ids.expectFrom(s.alice, s.room, "bob", "just between us");
        }),
        /** A subject change by the owner, as bob gets it (XEP-0045 §8.1). */
        subjectChange(s -> {
            Ids.subject(s.alice, s.room, "occupant ids");
            Message m = s.bob.expectMessage("the new subject", x -> "occupant ids".equals(x.getSubject()) && x.getBody() == null);
            requireFromOccupant(s, m);
            return m;
        }),
        /** The subject a newcomer gets on entering, set earlier by alice (XEP-0045 §7.2.15). */
        subjectOnEntering(s -> {
            Ids.subject(s.alice, s.room, "told on entering");
            s.lab.setUp("bob gets the new subject", () -> s.bob.expectMessage("the new subject", x -> "told on entering".equals(x.getSubject())));
            Session carol = s.carol();
            Message m = carol.expectMessage("the subject on entering", x -> "told on entering".equals(x.getSubject()) && x.getBody() == null);
            requireFromOccupant(s, m);
            return m;
        });

        final Function<Scene, Stanza> bringAbout;

        Kind(Function<Scene, Stanza> bringAbout) {
            this.bringAbout = bringAbout;
        }

        /** A subject from the room's own address names no occupant, so no occupant id can be asked of it. */
        static void requireFromOccupant(Scene s, Message m) {
            s.lab.requireThat(m.getFrom() != null && m.getFrom().hasResource(),
                    "the room sent the subject from its own address " + m.getFrom() + ", which names no occupant");
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "every message the room sends from an occupant carries one occupant-id with an id, of every kind")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void everyOccupantMessageCarriesOneId(Kind kind, Lab lab) {
        Scene scene = Scene.open(lab);

        Stanza message = kind.bringAbout.apply(scene);

        Ids.id(message);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "a groupchat message the room returns from its archive (XEP-0313) carries one occupant-id")
    @Test
    void archivedMessageCarriesOneId(Lab lab) {
        Scene s = Scene.open(lab);
        Ids.say(s.bob, s.room, "for the archive");
        lab.setUp("alice gets bob's message", () -> Ids.expectFrom(s.alice, s.room, "bob", "for the archive"));

        StandardExtensionElement archived = Ids.archived(lab, s.alice, s.room, "for the archive");

        Ids.id(archived);
    }
}
