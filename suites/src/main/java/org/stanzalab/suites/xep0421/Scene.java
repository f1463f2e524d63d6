package org.stanzalab.suites.xep0421;

import org.jivesoftware.smack.packet.Presence;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0045.Room;

/**
 * The usual starting point of an occupant-id test: alice owns a room that offers occupant ids and sits in it as
 * "alice"; bob has entered as "bob". The ids are read where the room first told them: alice's from her self-presence
 * on creation, bob's from his arrival as alice saw it.
 */
final class Scene {
    final Lab lab;
    final Room room;
    final User aliceUser;
    final User bobUser;
    final Session alice;
    final Session bob;
    /** bob's own self-presence on entering (status 110). */
    final Presence bobSelf;
    /** alice's presence as the room sent it to bob when he entered. */
    final Presence aliceSeenByBob;
    /** bob's arrival as alice received it. */
    final Presence bobArrival;

    private Scene(Lab lab, Room room, User aliceUser, Session alice, User bobUser, Session bob, Presence bobSelf,
                  Presence aliceSeenByBob, Presence bobArrival) {
        this.lab = lab;
        this.room = room;
        this.aliceUser = aliceUser;
        this.alice = alice;
        this.bobUser = bobUser;
        this.bob = bob;
        this.bobSelf = bobSelf;
        this.aliceSeenByBob = aliceSeenByBob;
        this.bobArrival = bobArrival;
    }

    static Scene open(Lab lab) {
        User aliceUser = lab.newUser();
        User bobUser = lab.newUser();
        Session alice = aliceUser.connect();
        Session bob = bobUser.connect();
        Room room = Ids.room(lab, alice, "alice");
        Presence bobSelf = room.joined(bob, "bob");
        Presence aliceSeenByBob = lab.setUp("bob is told alice is in the room", () -> Ids.arrival(bob, room, "alice"));
        Presence bobArrival = lab.setUp("alice is told bob arrived", () -> Ids.arrival(alice, room, "bob"));
        return new Scene(lab, room, aliceUser, alice, bobUser, bob, bobSelf, aliceSeenByBob, bobArrival);
    }

    String aliceId() {
        return Ids.id(room.created);
    }

    String bobId() {
        return Ids.id(bobArrival);
    }

    /** carol, a third user, enters as "carol"; returns her session once alice and bob have been told. */
    Session carol() {
        Session carol = lab.newUser().connect();
        room.joined(carol, "carol");
        lab.setUp("alice and bob are told carol arrived", () -> {
            Ids.arrival(alice, room, "carol");
            Ids.arrival(bob, room, "carol");
        });
        return carol;
    }
}
