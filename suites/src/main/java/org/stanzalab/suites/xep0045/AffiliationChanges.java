package org.stanzalab.suites.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/**
 * XEP-0045 §5.2.2: every change between affiliations in its table, made by the room owner. A user in the room is
 * announced to the occupants with the new affiliation (a ban removes them with status 301); a banned user who is
 * not in the room is checked by entering afterwards or by the affiliation list.
 */
@StanzalabTest
class AffiliationChanges {

    /** One cell of the table: the affiliation bob has, and the one the owner gives him. */
    record Change(MUCAffiliation from, MUCAffiliation to) {
        @Override
        public String toString() {
            return from + "-to-" + to;
        }
    }

    static List<Change> changes() {
        List<MUCAffiliation> all = List.of(MUCAffiliation.outcast, MUCAffiliation.none, MUCAffiliation.member,
                MUCAffiliation.admin, MUCAffiliation.owner);
        List<Change> changes = new ArrayList<>();
        for (MUCAffiliation from : all) {
            for (MUCAffiliation to : all) {
                if (from != to) {
                    changes.add(new Change(from, to));
                }
            }
        }
        return changes;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.2.2", level = MUST,
          requirement = "an owner's change of a user's affiliation takes effect and is announced to the occupants (a ban removes the user with status 301)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void ownerChangesAffiliation(Change change, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        change(lab, room, alice, alice, bob, change);
    }

    /** The cells of the table an admin may change (none, member and outcast among themselves). */
    static List<Change> adminChanges() {
        List<MUCAffiliation> lower = List.of(MUCAffiliation.outcast, MUCAffiliation.none, MUCAffiliation.member);
        List<Change> changes = new ArrayList<>();
        for (MUCAffiliation from : lower) {
            for (MUCAffiliation to : lower) {
                if (from != to) {
                    changes.add(new Change(from, to));
                }
            }
        }
        return changes;
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "5.2.2", level = MUST,
          requirement = "an admin's change between none, member and outcast takes effect and is announced to the occupants (a ban removes the user with status 301)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("adminChanges")
    void adminChangesAffiliation(Change change, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        room.grant(alice, carol.bareJid(), MUCAffiliation.admin);
        room.joined(carol, "carol");
        change(lab, room, alice, carol, bob, change);
    }

    /** {@code actor} changes bob's affiliation as the case says, after {@code owner} set the starting one; carol or alice watches. */
    private static void change(Lab lab, Room room, Session owner, Session actor, Session bob, Change change) {
        Session alice = actor;
        if (change.from() != MUCAffiliation.none) {
            room.grant(owner, bob.bareJid(), change.from());
        }
        boolean inRoom = change.from() != MUCAffiliation.outcast;
        if (inRoom) {
            room.joined(bob, "bob");
            lab.setUp("bob's arrival reaches alice", () -> room.expectFrom(alice, "bob", "bob's arrival", p -> p.getType() == Presence.Type.available));
        }

        IQ reply = room.setAffiliation(actor, bob.bareJid(), change.to());

        if (change.from() == MUCAffiliation.owner && reply.getType() == IQ.Type.error
                && Room.condition(reply) == StanzaError.Condition.not_authorized) {
            // §10.4 lets an implementation refuse to revoke another owner's status, with exactly this error.
            lab.transcript().note("check", "the room does not let one owner revoke another's status (not-authorized), as §10.4 allows");
            return;
        }
        assertEquals(IQ.Type.result, reply.getType(), "reply to the affiliation change " + change + ": " + reply.toXML());
        if (inRoom && change.to() == MUCAffiliation.outcast) {
            Presence gone = room.expectFrom(alice, "bob", "bob's removal after the ban", p -> p.getType() == Presence.Type.unavailable);
            assertTrue(Room.codes(gone).contains(301), "status 301 missing from bob's removal: " + Room.describe(gone));
        } else if (inRoom) {
            Presence update = room.expectFrom(alice, "bob", "bob's presence with affiliation " + change.to(),
                    p -> p.getType() == Presence.Type.available && Room.affiliation(p) == change.to());
            assertEquals(change.to(), Room.affiliation(update));
        } else {
            // bob was banned and is not in the room: the lifted ban shows when he enters.
            Presence answer = room.enter(bob, "bob");
            assertEquals(Presence.Type.available, answer.getType(), "bob entering after the ban became " + change.to() + ": " + Room.describe(answer));
            assertEquals(change.to(), Room.affiliation(answer), "bob's affiliation on entering: " + Room.describe(answer));
        }
    }
}
