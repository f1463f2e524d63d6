package org.stanzalab.suites.xep0410;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * XEP-0410 MUC Self-Ping. Only the service side of §3.3 is a duty: a room that advertises the self-ping optimisation
 * answers a ping to the sender's own occupant JID itself, with a result while the sender is an occupant and
 * not-acceptable when it is not. Without that feature on the room the tests are impossible.
 */
@StanzalabTest
class MucSelfPing {
    private static final String OPTIMIZATION = "http://jabber.org/protocol/muc#self-ping-optimization";

    private static Room optimisingRoom(Lab lab, Session owner) {
        Room room = Room.instant(lab, owner, "alice");
        IQ info = room.discoInfo(owner);
        lab.requireThat(info instanceof DiscoverInfo d && d.containsFeature(OPTIMIZATION),
                "the room does not advertise " + OPTIMIZATION + " in its disco#info");
        return room;
    }

    @Spec(document = "XEP-0410", version = "1.1.0", section = "3.3", level = MUST,
          requirement = "a room with the self-ping optimisation answers an occupant's ping to its own occupant JID with a result")
    @Test
    void selfPingOfOccupantIsAnsweredWithResult(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = optimisingRoom(lab, alice);

        IQ reply = alice.request(new Ping(room.occupant("alice")));

        assertEquals(IQ.Type.result, reply.getType(), "reply to alice's self-ping: " + reply.toXML());
    }

    @Spec(document = "XEP-0410", version = "1.1.0", section = "3.3", level = MUST,
          requirement = "a room with the self-ping optimisation answers a ping from a user who is not an occupant to an occupant JID with not-acceptable")
    @Test
    void selfPingOfNonOccupantIsNotAcceptable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = optimisingRoom(lab, alice);

        IQ reply = bob.request(new Ping(room.occupant("bob")));

        assertEquals(StanzaError.Condition.not_acceptable, Room.condition(reply), "reply to bob's ping while not in the room: " + reply.toXML());
    }

    @Spec(document = "XEP-0410", version = "1.1.0", section = "3.3", level = MUST,
          requirement = "after an occupant has left, its self-ping to the old occupant JID is answered with not-acceptable")
    @Test
    void selfPingAfterLeavingIsNotAcceptable(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = optimisingRoom(lab, alice);
        room.joined(bob, "bob");
        room.leave(bob, "bob");
        lab.setUp("bob has left", () -> room.expectFrom(bob, "bob", "bob's unavailable self-presence",
                p -> p.getType() == org.jivesoftware.smack.packet.Presence.Type.unavailable));

        IQ reply = bob.request(new Ping(room.occupant("bob")));

        assertEquals(StanzaError.Condition.not_acceptable, Room.condition(reply), "reply to bob's ping after leaving: " + reply.toXML());
    }
}
