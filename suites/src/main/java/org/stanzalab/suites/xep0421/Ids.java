package org.stanzalab.suites.xep0421;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jivesoftware.smack.packet.ExtensionElement;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.suites.xep0045.Room;

/**
 * Reading and forging XEP-0421 occupant ids, and the few room actions the occupant-id tests need beyond {@link Room}.
 * A room that does not advertise urn:xmpp:occupant-id:0 makes a test impossible: the identifiers are optional, and
 * per room (§4).
 */
final class Ids {
    static final String NS = "urn:xmpp:occupant-id:0";
    static final String MAM = "urn:xmpp:mam:2";

    private Ids() {
    }

    /** An instant room of the owner's that offers occupant ids. */
    static Room room(Lab lab, Session owner, String nick) {
        return require(lab, owner, Room.instant(lab, owner, nick));
    }

    /** A room with this configuration that offers occupant ids. */
    static Room room(Lab lab, Session owner, String nick, Map<String, String> fields) {
        return require(lab, owner, Room.reserved(lab, owner, nick, fields));
    }

    static Room require(Lab lab, Session asker, Room room) {
        lab.requireThat(advertises(room.discoInfo(asker), NS), "the room does not advertise " + NS);
        return room;
    }

    static boolean advertises(IQ info, String feature) {
        return info instanceof DiscoverInfo d && info.getType() == IQ.Type.result && d.containsFeature(feature);
    }

    static List<ExtensionElement> all(Stanza stanza) {
        return stanza.getExtensions("occupant-id", NS);
    }

    /** The id of the one occupant-id the stanza carries; fails when it has none, several, or one without an id. */
    static String id(Stanza stanza) {
        List<ExtensionElement> ids = all(stanza);
        assertEquals(1, ids.size(), "occupant-id elements (exactly one expected) in " + stanza.toXML());
        String id = ids.get(0) instanceof StandardExtensionElement s ? s.getAttributeValue("id") : null;
        assertNotNull(id, "<occupant-id/> without an id in " + stanza.toXML());
        assertFalse(id.isEmpty(), "<occupant-id/> with an empty id in " + stanza.toXML());
        return id;
    }

    /** The same, for a message the room returned inside an archive result (parsed generically). */
    static String id(StandardExtensionElement message) {
        List<StandardExtensionElement> ids = message.getElements("occupant-id", NS);
        assertEquals(1, ids.size(), "occupant-id elements (exactly one expected) in the archived " + message.toXML());
        String id = ids.get(0).getAttributeValue("id");
        assertNotNull(id, "<occupant-id/> without an id in the archived " + message.toXML());
        assertFalse(id.isEmpty(), "<occupant-id/> with an empty id in the archived " + message.toXML());
        return id;
    }

    /** An occupant-id element a client makes up; the room must not pass it on. */
    static StandardExtensionElement forged(String id) {
        StandardExtensionElement.Builder b = StandardExtensionElement.builder("occupant-id", NS);
        if (id != null) {
            b.addAttribute("id", id);
        }
        return b.build();
    }

    // ---- room actions ----

    /** A groupchat message to the room with a body and these extensions, returned as sent. */
    static Message say(Session session, Room room, String body, ExtensionElement... extensions) {
        var builder = session.smack().getStanzaFactory().buildMessageStanza().to(room.jid).ofType(Message.Type.groupchat);
        if (body != null) {
            builder.setBody(body);
        }
        for (ExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        Message message = builder.build();
        session.send(message);
        return message;
    }

    /** A private message through the room to the occupant with this nick. */
    static Message whisper(Session session, Room room, String nick, String body, ExtensionElement... extensions) {
        var builder = session.smack().getStanzaFactory().buildMessageStanza().to(room.occupant(nick)).ofType(Message.Type.chat).setBody(body);
        for (ExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        Message message = builder.build();
        session.send(message);
        return message;
    }

    /** A subject change (§8.1). */
    static Message subject(Session session, Room room, String subject, ExtensionElement... extensions) {
        var builder = session.smack().getStanzaFactory().buildMessageStanza().to(room.jid).ofType(Message.Type.groupchat).setSubject(subject);
        for (ExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        Message message = builder.build();
        session.send(message);
        return message;
    }

    /** A presence update to the room under this nick (a nick change when the nick is new, §7.6). */
    static void presence(Session session, Room room, String nick, Presence.Mode mode, String status, ExtensionElement... extensions) {
        PresenceBuilder builder = PresenceBuilder.buildPresence().to(room.occupant(nick));
        if (mode != null) {
            builder.setMode(mode);
        }
        if (status != null) {
            builder.setStatus(status);
        }
        for (ExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        session.send(builder.build());
    }

    /** Enters the room with these extensions next to the muc element (a forged id, say). */
    static void enterWith(Session session, Room room, String nick, ExtensionElement... extensions) {
        PresenceBuilder builder = PresenceBuilder.buildPresence().to(room.occupant(nick))
                .addExtension(StandardExtensionElement.builder("x", Room.MUC).build());
        for (ExtensionElement e : extensions) {
            builder.addExtension(e);
        }
        session.send(builder.build());
    }

    /** A message from this occupant JID with this body, as the session receives it. */
    static Message expectFrom(Session session, Room room, String nick, String body) {
        return session.expectMessage("the message '" + body + "' from " + room.occupant(nick),
                m -> room.occupant(nick).equals(m.getFrom()) && body.equals(m.getBody()));
    }

    /** The available presence of this occupant, as the session receives it. */
    static Presence arrival(Session session, Room room, String nick) {
        return room.expectFrom(session, nick, "the arrival of " + nick, p -> p.getType() == Presence.Type.available);
    }

    /**
     * The messages of the room's archive (XEP-0313 on the room), as they came back inside the results of one query.
     * Impossible when the room does not advertise urn:xmpp:mam:2.
     */
    static List<StandardExtensionElement> archive(Lab lab, Session session, Room room) {
        lab.requireThat(advertises(room.discoInfo(session), MAM), "the room does not advertise " + MAM + ", so it has no archive to query");
        int mark = session.received().size();
        IQ reply = session.request(new RawIq(IQ.Type.set, room.jid, "query", MAM, ""));
        if (reply.getType() != IQ.Type.result) {
            throw new ServerFailure("the room's archive query was refused: " + reply.toXML());
        }
        List<Stanza> since = session.received();
        List<StandardExtensionElement> messages = new ArrayList<>();
        for (Stanza stanza : since.subList(Math.min(mark, since.size()), since.size())) {
            if (stanza instanceof Message m && room.jid.equals(m.getFrom())
                    && m.getExtension("result", MAM) instanceof StandardExtensionElement result) {
                StandardExtensionElement forwarded = result.getFirstElement("forwarded", "urn:xmpp:forward:0");
                if (forwarded != null) {
                    forwarded.getElements().stream().filter(e -> e.getElementName().equals("message")).forEach(messages::add);
                }
            }
        }
        return messages;
    }

    /** The archived message with this body; impossible when the archive does not hold it (archiving is optional). */
    static StandardExtensionElement archived(Lab lab, Session session, Room room, String body) {
        return archive(lab, session, room).stream().filter(m -> {
            StandardExtensionElement b = m.getFirstElement("body");
            return b != null && body.equals(b.getText());
        }).findFirst().orElseThrow(() -> new Impossible(
                "the room's archive does not hold the message '" + body + "' (archiving a room is optional)"));
    }

    /** The discussion history the session got on entering: the message with this body. */
    static Message history(Lab lab, Session session, Room room, String body) {
        session.sendMarkerIq(room.jid).await();
        Message history = (Message) session.received().stream().filter(s -> s instanceof Message m && body.equals(m.getBody()))
                .findFirst().orElse(null);
        lab.requireThat(history != null, "the room sent no discussion history (which XEP-0045 §7.2.13 allows)");
        return history;
    }
}
