package org.stanzalab.suites.federation.xep0045;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jxmpp.jid.EntityFullJid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;

/**
 * Group chat with occupants from another domain: the room lives on the away server's group-chat service, its owner is
 * a user there, and a user of the home server enters it over the federation. Everything the room sends that user, and
 * everything the user sends the room, crosses both servers.
 */
@StanzalabTest
class CrossDomainRooms {
    static final String OWNER = "owner";
    static final String GUEST = "guest";

    /** The away server's room with its owner in it, and a user of the home server that has not entered yet. */
    record Scene(Room room, Session owner, Session guest) {
    }

    static Scene scene(Lab lab, Crossing crossing) {
        Lab home = crossing.home(lab);
        Lab away = crossing.away(lab);
        lab.transcript().note("crossing", crossing + ": " + crossing.describe(lab) + " (the room is on " + away.domain() + ")");
        Session owner = away.newUser().connect();
        Room room = Room.instant(away, owner, OWNER);
        Session guest = home.newUser().connect();
        lab.setUp("the route from " + home.domain() + " to " + room.jid.asDomainBareJid() + " works", () -> {
            Ping ping = new Ping(room.jid.asDomainBareJid());
            try {
                guest.request(ping);
            } catch (ServerFailure firstWaitedForTheServerToServerStream) {
                guest.request(new Ping(room.jid.asDomainBareJid()));
            }
        });
        owner.forget();
        return new Scene(room, owner, guest);
    }

    /** Enters the room as the guest, returning what the guest received up to its self-presence. */
    static List<Stanza> enterAsGuest(Scene s) {
        s.room().join(s.guest(), GUEST);
        return s.guest().received();
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "a user of another domain who enters a room gets the presence of the occupant already there before its own "
                  + "self-presence (status 110)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteUserEntersAndSeesTheOccupants(Crossing crossing, Lab lab) {
        Scene s = scene(lab, crossing);

        List<Stanza> received = enterAsGuest(s);

        EntityFullJid owner = s.room().occupant(OWNER);
        EntityFullJid self = s.room().occupant(GUEST);
        int ownerAt = indexOf(received, p -> owner.equals(p.getFrom()) && p.getType() == Presence.Type.available);
        int selfAt = indexOf(received, p -> self.equals(p.getFrom()) && Room.isSelf(p));
        if (ownerAt < 0) {
            throw new ServerFailure("the guest from " + s.guest().jid().getDomain() + " entered without receiving the presence of "
                    + owner + " (received: " + received.size() + " stanzas)");
        }
        assertTrue(ownerAt < selfAt, "the occupant's presence must come before the guest's self-presence");
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.2.2", level = MUST,
          requirement = "when a user of another domain enters a room, its presence from its occupant JID is sent to the occupants "
                  + "already there")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteUserEnteringIsSeenByTheOccupants(Crossing crossing, Lab lab) {
        Scene s = scene(lab, crossing);

        s.room().join(s.guest(), GUEST);

        Presence seen = s.room().expectFrom(s.owner(), GUEST, "the presence of the guest entering", p -> p.getType() == Presence.Type.available);
        assertEquals(MUCRole.participant, Room.role(seen), "role of the guest in its presence: " + Room.describe(seen));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.14", level = MUST,
          requirement = "when an occupant from another domain leaves, the room sends it unavailable self-presence (110) and sends "
                  + "the remaining occupants its unavailable presence with role none")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteOccupantLeavingIsSeenByTheOccupants(Crossing crossing, Lab lab) {
        Scene s = scene(lab, crossing);
        lab.setUp("the guest enters and the owner sees it", () -> {
            s.room().join(s.guest(), GUEST);
            s.room().expectFrom(s.owner(), GUEST, "the presence of the guest entering", p -> p.getType() == Presence.Type.available);
        });

        s.room().leave(s.guest(), GUEST);

        Presence gone = s.room().expectFrom(s.owner(), GUEST, "the unavailable presence of the guest leaving", p -> p.getType() == Presence.Type.unavailable);
        assertEquals(MUCRole.none, Room.role(gone), "role in the leaving guest's presence: " + Room.describe(gone));
        s.room().expectFrom(s.guest(), GUEST, "the guest's own unavailable self-presence (110)",
                p -> p.getType() == Presence.Type.unavailable && Room.isSelf(p));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.4", level = MUST,
          requirement = "a groupchat message from an occupant of another domain is reflected to every occupant, the sender included, "
                  + "from the sender's occupant JID, and the local occupant's messages reach it")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void groupchatMessagesCrossTheFederation(Crossing crossing, Lab lab) {
        Scene s = scene(lab, crossing);
        lab.setUp("the guest enters", () -> s.room().join(s.guest(), GUEST));

        s.room().say(s.guest(), "hello from afar");
        EntityFullJid guest = s.room().occupant(GUEST);
        s.owner().expectMessage("the guest's groupchat message", m -> guest.equals(m.getFrom()) && m.getType() == Message.Type.groupchat
                && "hello from afar".equals(m.getBody()));
        s.guest().expectMessage("the reflection of its own groupchat message", m -> guest.equals(m.getFrom())
                && m.getType() == Message.Type.groupchat && "hello from afar".equals(m.getBody()));

        s.room().say(s.owner(), "welcome");
        EntityFullJid owner = s.room().occupant(OWNER);
        s.guest().expectMessage("the owner's groupchat message", m -> owner.equals(m.getFrom()) && m.getType() == Message.Type.groupchat
                && "welcome".equals(m.getBody()));
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "7.5", level = MUST,
          requirement = "private messages between an occupant of another domain and a local occupant are delivered both ways, each "
                  + "from the sender's occupant JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void privateMessagesCrossTheFederation(Crossing crossing, Lab lab) {
        Scene s = scene(lab, crossing);
        lab.setUp("the guest enters", () -> s.room().join(s.guest(), GUEST));

        EntityFullJid guest = s.room().occupant(GUEST);
        EntityFullJid owner = s.room().occupant(OWNER);
        s.guest().sendMessage(owner, Message.Type.chat, "just between us");
        s.owner().expectMessage("the guest's private message", m -> guest.equals(m.getFrom()) && "just between us".equals(m.getBody()));

        s.owner().sendMessage(guest, Message.Type.chat, "agreed");
        s.guest().expectMessage("the owner's private answer", m -> owner.equals(m.getFrom()) && "agreed".equals(m.getBody()));
    }

    private static int indexOf(List<Stanza> received, java.util.function.Predicate<Presence> matcher) {
        for (int i = 0; i < received.size(); i++) {
            if (received.get(i) instanceof Presence p && matcher.test(p)) {
                return i;
            }
        }
        return -1;
    }
}
