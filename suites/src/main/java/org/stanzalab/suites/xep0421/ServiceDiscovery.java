package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0421 §2 and §4: where occupant ids are advertised. A service that advertises the feature itself claims that every
 * room has them (it may advertise it only then), so a room of any configuration must advertise and attach them.
 */
@StanzalabTest
class ServiceDiscovery {

    @Spec(document = "XEP-0421", version = "1.0.1", section = "4", level = MUST,
          requirement = "a service advertising occupant ids has them in every room: a non-anonymous room advertises and attaches them too")
    @Test
    void serviceFeatureMeansEveryRoomHasIds(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        lab.requireThat(Ids.advertises(alice.request(Room.discoInfoRequest(alice, Room.service(lab))), Ids.NS),
                "the group-chat service does not advertise " + Ids.NS + " (rooms may still offer the ids one by one)");
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_whois", "anyone"));

        boolean roomAdvertises = Ids.advertises(room.discoInfo(alice), Ids.NS);
        room.join(bob, "bob");

        assertTrue(roomAdvertises, "the service advertises " + Ids.NS + " but the non-anonymous room " + room.jid + " does not");
        Presence arrival = Ids.arrival(alice, room, "bob");
        Ids.id(arrival);
    }

    @Spec(document = "XEP-0421", version = "1.0.1", section = "2", level = MUST,
          requirement = "a room whose stanzas carry occupant ids advertises urn:xmpp:occupant-id:0 in its disco#info")
    @Test
    void roomThatAttachesIdsAdvertisesThem(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.instant(lab, alice, "alice");
        lab.requireThat(!Ids.all(room.created).isEmpty(), "the room attaches no occupant id to its presences, so it need not advertise any");

        boolean advertised = Ids.advertises(room.discoInfo(alice), Ids.NS);

        assertTrue(advertised, "the room attaches occupant ids (" + room.created.toXML() + ") but does not advertise " + Ids.NS);
    }
}
