package org.stanzalab.suites.xep0425;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0425 Message Moderation: in a room that offers it, a moderator retracts an occupant's message by its stanza id
 * and every occupant, the moderator included, is told. Needs a group chat service whose rooms advertise
 * urn:xmpp:message-moderate:1; the test creates an instant room of its own and destroys it afterwards.
 */
@StanzalabTest
class MessageModeration {
    private static final String MODERATE = "urn:xmpp:message-moderate:1";
    private static final String RETRACT = "urn:xmpp:message-retract:1";
    private static final String MUC = "http://jabber.org/protocol/muc";
    private static final String MUC_OWNER = "http://jabber.org/protocol/muc#owner";
    private static final String MUC_USER = "http://jabber.org/protocol/muc#user";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    private static final String SID = "urn:xmpp:sid:0";

    @Spec(document = "XEP-0425", version = "0.3.0", section = "3.1", level = MUST,
          requirement = "a room that offers moderation answers a moderator's request with a result and sends every "
                  + "occupant, the moderator included, a retraction marked as moderated that names the message's stanza id")
    @Test
    void moderatorRetractionReachesEveryOccupant(Lab lab) {
        String service = lab.requireService("conference", "text", "group chat").toString();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        String room = "sl-moderation-" + UUID.randomUUID().toString().substring(0, 8) + "@" + service;

        lab.setUp("alice creates an instant room", () -> createInstantRoom(lab, alice, room));
        List<String> features = features(alice, room);
        lab.requireThat(features.contains(MODERATE), "room " + room + " does not advertise " + MODERATE
                + (features.contains("urn:xmpp:message-moderate:0") ? " (only the older :0 protocol)" : ""));
        lab.setUp("bob joins the room", () -> join(bob, room, "bob"));

        String messageId = bob.newId("spam");
        bob.send("<message type='groupchat' id='" + messageId + "' to='" + room + "'><body>buy magic potions</body></message>");
        XmlElement seen = alice.expect("bob's message in the room", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, messageId));
        String stanzaId = seen.children("stanza-id", SID).stream().filter(s -> room.equals(s.attribute("by").orElse(null)))
                .map(s -> s.attribute("id").orElse(null)).findFirst().orElse(null);
        lab.requireThat(stanzaId != null, "the room adds no stanza-id of its own (XEP-0359) to messages, which moderation refers to");

        String request = alice.newId("moderate");
        XmlElement reply = alice.request("<iq type='set' id='" + request + "' to='" + room + "'><moderate xmlns='" + MODERATE
                + "' id='" + stanzaId + "'><retract xmlns='" + RETRACT + "'/><reason>spam</reason></moderate></iq>", request);
        assertEquals("result", reply.attribute("type").orElse(null), "reply to the moderation request: " + Stanzas.describe(reply));

        for (RawSession occupant : List.of(alice, bob)) {
            occupant.expect("the moderation notice for stanza id " + stanzaId + " from " + room,
                    e -> Stanzas.isStanza(e, "message") && Stanzas.hasType(e, "groupchat") && room.equals(e.attribute("from").orElse(null))
                            && e.children("retract", RETRACT).stream().anyMatch(r -> stanzaId.equals(r.attribute("id").orElse(null))
                                    && r.hasChild("moderated", MODERATE)));
        }
    }

    /** Joins as owner, accepts the default configuration (XEP-0045 §10.1.2), and registers the room's destruction. */
    private static void createInstantRoom(Lab lab, RawSession owner, String room) {
        XmlElement self = join(owner, room, "alice");
        lab.cleanup("room " + room, () -> {
            String id = owner.newId("destroy");
            owner.request("<iq type='set' id='" + id + "' to='" + room + "'><query xmlns='" + MUC_OWNER + "'><destroy/></query></iq>", id);
        });
        boolean created = self.child("x", MUC_USER).stream().flatMap(x -> x.children("status", MUC_USER).stream())
                .anyMatch(s -> "201".equals(s.attribute("code").orElse(null)));
        if (!created) {
            throw new ServerFailure("room " + room + " already existed: " + self.toXml());
        }
        String id = owner.newId("instant");
        XmlElement reply = owner.request("<iq type='set' id='" + id + "' to='" + room + "'><query xmlns='" + MUC_OWNER + "'>"
                + "<x xmlns='jabber:x:data' type='submit'/></query></iq>", id);
        if (!Stanzas.hasType(reply, "result")) {
            throw new ServerFailure("the instant room was not accepted: " + Stanzas.describe(reply));
        }
    }

    /** Enters the room with this nickname and returns the self-presence (status 110). */
    private static XmlElement join(RawSession occupant, String room, String nick) {
        occupant.send("<presence to='" + room + "/" + nick + "'><x xmlns='" + MUC + "'><history maxstanzas='0'/></x></presence>");
        return occupant.expect("the self-presence in " + room, e -> Stanzas.isStanza(e, "presence")
                && (room + "/" + nick).equals(e.attribute("from").orElse(null)) && !Stanzas.hasType(e, "error"));
    }

    private static List<String> features(RawSession asker, String entity) {
        String id = asker.newId("disco");
        XmlElement reply = asker.request("<iq type='get' id='" + id + "' to='" + entity + "'><query xmlns='" + DISCO_INFO + "'/></iq>", id);
        return reply.child("query", DISCO_INFO).stream().flatMap(q -> q.children("feature", DISCO_INFO).stream())
                .map(f -> f.attribute("var").orElse("")).toList();
    }
}
