package org.stanzalab.suites.xep0421;

import static org.stanzalab.engine.Level.MUST;

import java.util.Map;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §4 in rooms of every common configuration: the ids are there whether the room shows real JIDs or not,
 * is moderated (bob enters as a visitor), members-only (bob enters as a member), password-protected or persistent.
 */
@StanzalabTest
class RoomConfigurations {
    static final String SECRET = "Occupant-1d-s3cret";

    enum Configuration {
        semiAnonymous(Room.fields("muc#roomconfig_whois", "moderators")),
        nonAnonymous(Room.fields("muc#roomconfig_whois", "anyone")),
        moderated(Room.fields("muc#roomconfig_moderatedroom", "1")),
        membersOnly(Room.fields("muc#roomconfig_membersonly", "1")),
        passwordProtected(Map.of()),
        persistent(Room.fields("muc#roomconfig_persistentroom", "1"));

        final Map<String, String> fields;

        Configuration(Map<String, String> fields) {
            this.fields = fields;
        }

        /** alice's room of this configuration, with bob let in where it is members-only. */
        Room create(Lab lab, Session alice, Session bob) {
            Room room = this == passwordProtected
                    ? Ids.require(lab, alice, Room.passwordProtected(lab, alice, SECRET))
                    : Ids.room(lab, alice, "alice", fields);
            if (this == membersOnly) {
                room.grant(alice, bob.bareJid(), MUCAffiliation.member);
            }
            return room;
        }

        void enter(Lab lab, Room room, Session bob) {
            lab.setUp("bob enters " + room.jid, () -> this == passwordProtected ? room.join(bob, "bob", Room.password(SECRET)) : room.join(bob, "bob"));
        }
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "in a room of any configuration, an occupant's presence carries one occupant-id")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Configuration.class)
    void arrivalCarriesIdInEveryConfiguration(Configuration configuration, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = configuration.create(lab, alice, bob);

        configuration.enter(lab, room, bob);

        Presence arrival = Ids.arrival(alice, room, "bob");
        Ids.id(arrival);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "in a room of any configuration, a reflected groupchat message carries one occupant-id")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Configuration.class)
    void messageCarriesIdInEveryConfiguration(Configuration configuration, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = configuration.create(lab, alice, bob);
        configuration.enter(lab, room, bob);
        if (Room.role(lab.setUp("alice is told bob arrived", () -> Ids.arrival(alice, room, "bob"))) == MUCRole.visitor) {
            // A moderated room lets visitors not speak (XEP-0045 §7.4); alice gives bob voice first.
            lab.setUp("alice gives bob voice", () -> Room.expectResult(room.setRole(alice, "bob", MUCRole.participant)));
        }

        Ids.say(bob, room, "configured room");

        Ids.id(Ids.expectFrom(alice, room, "bob", "configured room"));
    }
}
