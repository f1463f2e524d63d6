package org.stanzalab.suites.xep0045;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCAdmin;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jxmpp.jid.EntityBareJid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;

/**
 * A room and the people in it, each with the affiliation and role a case of the §5.1.3 and §5.2.2 matrices needs.
 * Alice creates the room and stays its owner; she watches what the room broadcasts. Everyone else is added with
 * {@link #add}, which grants the affiliation, enters the room and sets the role, all as set-up steps, and leaves
 * alice's mailbox holding nothing older than that person's last presence.
 */
final class Crew {
    final Lab lab;
    final Room room;
    final Session owner;

    private Crew(Lab lab, Room room, Session owner) {
        this.lab = lab;
        this.room = room;
        this.owner = owner;
    }

    /**
     * A moderated, semi-anonymous room (visitors exist, and only moderators see real JIDs): the room type whose
     * rules the matrices check. Impossible where the configuration form lacks either setting.
     */
    static Crew moderated(Lab lab) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice",
                Room.fields("muc#roomconfig_moderatedroom", "1", "muc#roomconfig_whois", "moderators"));
        return new Crew(lab, room, alice);
    }

    /** A room with these configuration fields, owned by alice. */
    static Crew configured(Lab lab, String... fields) {
        Session alice = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields(fields));
        return new Crew(lab, room, alice);
    }

    /**
     * A new user with this affiliation who enters as {@code nick} and then holds {@code role} (the owner sets it
     * when the room gave another on entry). Returns once alice has seen that presence.
     */
    Session add(String nick, MUCAffiliation affiliation, MUCRole role) {
        Session session = lab.newUser().connect();
        if (affiliation != MUCAffiliation.none) {
            room.grant(owner, session.bareJid(), affiliation);
        }
        Presence self = room.joined(session, nick);
        lab.setUp(nick + " holds the role " + role, () -> {
            if (Room.role(self) != role) {
                Room.expectResult(room.setRole(owner, nick, role));
                room.expectFrom(session, nick, nick + "'s own presence as " + role, p -> Room.role(p) == role);
            }
            room.expectFrom(owner, nick, nick + " as " + role + " and " + affiliation,
                    p -> p.getType() == Presence.Type.available && Room.role(p) == role && Room.affiliation(p) == affiliation);
        });
        owner.forget(Presence.class);
        session.forget(Presence.class);
        return session;
    }

    /**
     * After a refused request: the room's next answer to alice comes after anything the refused request made it
     * send her, so no presence of {@code nick} may reach her before it (the refusal changed nothing).
     */
    void expectNoChangeOf(String nick) {
        Marker marker = owner.sendMarkerIq(room.jid);
        owner.expectNothingBefore(marker, Presence.class, "a presence of " + nick + " after the refused request",
                p -> room.occupant(nick).equals(p.getFrom()));
    }

    /** Fails unless the reply is an error with one of these conditions (what the cited text allows). */
    static StanzaError.Condition expectRefusal(IQ reply, Set<StanzaError.Condition> allowed, String what) {
        StanzaError.Condition condition = Room.condition(reply);
        if (reply.getType() != IQ.Type.error || !allowed.contains(condition)) {
            throw new ServerFailure(what + ": expected an error " + allowed + ", got " + reply.toXML());
        }
        return condition;
    }

    static Set<StanzaError.Condition> conditions(StanzaError.Condition first, StanzaError.Condition... rest) {
        return EnumSet.of(first, rest);
    }

    /** The bare JIDs a muc#admin list names; fails unless the reply is a muc#admin result. */
    static List<EntityBareJid> jids(IQ list) {
        return items(list).stream().filter(i -> i.getJid() != null).map(i -> i.getJid().asEntityBareJidIfPossible()).toList();
    }

    /** The nicks a muc#admin list (of a role) names. */
    static List<String> nicks(IQ list) {
        return items(list).stream().filter(i -> i.getNick() != null).map(i -> i.getNick().toString()).toList();
    }

    static List<MUCItem> items(IQ list) {
        if (!(list instanceof MUCAdmin admin) || list.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a muc#admin result with the list, got " + list.toXML());
        }
        return admin.getItems();
    }

    /** An affiliation and a role as they appear in the names of the matrices' cases ("member-participant"). */
    static String name(MUCAffiliation affiliation, MUCRole role) {
        return affiliation + "-" + role;
    }
}
