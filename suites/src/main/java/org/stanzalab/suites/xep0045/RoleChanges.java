package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §5.1.3: every change between roles in its table that an owner makes for an unaffiliated occupant of a
 * moderated room. The occupants see the new role; a change to none is a kick, with status 307.
 */
@StanzalabTest
class RoleChanges {

    record Change(MUCRole from, MUCRole to) {
        @Override
        public String toString() {
            return from + "-to-" + to;
        }
    }

    static List<Change> changes() {
        List<MUCRole> present = List.of(MUCRole.visitor, MUCRole.participant, MUCRole.moderator);
        List<Change> changes = new ArrayList<>();
        for (MUCRole from : present) {
            for (MUCRole to : List.of(MUCRole.none, MUCRole.visitor, MUCRole.participant, MUCRole.moderator)) {
                if (from != to) {
                    changes.add(new Change(from, to));
                }
            }
        }
        return changes;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = MUST,
          requirement = "an owner's change of an occupant's role takes effect and is announced to all occupants (a change to none removes the occupant with status 307)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void ownerChangesRole(Change change, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        change(lab, room, alice, alice, bob, change);
    }

    /** The changes a moderator without affiliation may make for an unaffiliated occupant: voice, and kicks. */
    static List<Change> moderatorChanges() {
        return List.of(new Change(MUCRole.visitor, MUCRole.participant), new Change(MUCRole.participant, MUCRole.visitor),
                new Change(MUCRole.visitor, MUCRole.none), new Change(MUCRole.participant, MUCRole.none));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.1.3", level = MUST,
          requirement = "a moderator's grant or revocation of voice, or kick, of an unaffiliated occupant takes effect and is announced to all occupants (a kick with status 307)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("moderatorChanges")
    void moderatorChangesRole(Change change, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_moderatedroom", "1"));
        room.joined(carol, "carol");
        lab.setUp("make carol a moderator", () -> Room.expectResult(room.setRole(alice, "carol", MUCRole.moderator)));
        change(lab, room, alice, carol, bob, change);
    }

    /** {@code actor} changes bob's role as the case says, after {@code owner} set the starting one; the actor watches. */
    private static void change(Lab lab, Room room, Session owner, Session actor, Session bob, Change change) {
        Session alice = actor;
        Presence self = room.joined(bob, "bob");
        if (Room.role(self) != change.from()) {
            lab.setUp("make bob " + change.from(), () -> {
                Room.expectResult(room.setRole(owner, "bob", change.from()));
                room.expectFrom(alice, "bob", "bob as " + change.from(), p -> Room.role(p) == change.from());
            });
        }

        IQ reply = room.setRole(actor, "bob", change.to());

        assertEquals(IQ.Type.result, reply.getType(), "reply to the role change " + change + ": " + reply.toXML());
        if (change.to() == MUCRole.none) {
            Presence gone = room.expectFrom(alice, "bob", "bob's removal", p -> p.getType() == Presence.Type.unavailable);
            assertTrue(Room.codes(gone).contains(307), "status 307 missing from bob's removal: " + Room.describe(gone));
        } else {
            room.expectFrom(alice, "bob", "bob's presence with role " + change.to(),
                    p -> p.getType() == Presence.Type.available && Room.role(p) == change.to());
            room.expectFrom(bob, "bob", "bob's own presence with role " + change.to(),
                    p -> p.getType() == Presence.Type.available && Room.role(p) == change.to());
        }
    }
}
