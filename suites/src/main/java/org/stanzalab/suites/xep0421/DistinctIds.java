package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §4.1, uniqueness: the id belongs to the user, not to the nick or the resource, so another user never gets
 * it by taking the nick or using the same resource name.
 */
@StanzalabTest
class DistinctIds {

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "a user who enters under the nick another user left gets an id of their own")
    @Test
    void nickTakenOverAfterLeavingGetsAnotherId(Lab lab) {
        Scene s = Scene.open(lab);
        String bobs = s.bobId();
        s.room.leave(s.bob, "bob");
        lab.setUp("alice is told bob left", () -> s.room.expectFrom(s.alice, "bob", "bob's departure", p -> p.getType() == Presence.Type.unavailable));
        Session carol = lab.newUser().connect();

        s.room.join(carol, "bob");

        assertNotEquals(bobs, Ids.id(Ids.arrival(s.alice, s.room, "bob")), "carol, entering under bob's old nick, got bob's occupant id");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "a user who changes to the nick another user gave up keeps an id of their own")
    @Test
    void nickTakenOverByNickChangeKeepsOwnId(Lab lab) {
        Scene s = Scene.open(lab);
        String bobs = s.bobId();
        Session carol = s.carol();
        Ids.presence(s.bob, s.room, "robert", null, null);
        lab.setUp("alice is told bob is now robert", () -> Ids.arrival(s.alice, s.room, "robert"));

        Ids.presence(carol, s.room, "bob", null, null);

        assertNotEquals(bobs, Ids.id(Ids.arrival(s.alice, s.room, "bob")), "carol, renamed to bob's old nick, carries bob's occupant id");
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4.1", level = MUST,
          requirement = "two users connected under the same resource name get different ids")
    @Test
    void sameResourceNameOfTwoUsersGetsTwoIds(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Ids.room(lab, alice, "alice");
        Session bob = lab.newUser().connect("occupant-id");
        Session carol = lab.newUser().connect("occupant-id");

        room.join(bob, "bob");
        room.join(carol, "carol");

        assertNotEquals(Ids.id(Ids.arrival(alice, room, "bob")), Ids.id(Ids.arrival(alice, room, "carol")),
                "bob and carol, both on resource 'occupant-id', have the same occupant id");
    }
}
