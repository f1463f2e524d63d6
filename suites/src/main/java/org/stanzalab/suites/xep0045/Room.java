package org.stanzalab.suites.xep0045;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.util.StringUtils;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.jivesoftware.smackx.muc.MUCRole;
import org.jivesoftware.smackx.muc.packet.MUCItem;
import org.jivesoftware.smackx.muc.packet.MUCUser;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.EntityFullJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Resourcepart;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;

/**
 * A room of the server's group-chat service (XEP-0045), created for one test under a name nobody else uses and
 * destroyed by its owner when the test ends. The stanzas are built and read here by hand (with Smack's parsers for
 * the muc#user payload and data forms), so the status codes and errors a test judges are exactly what the room sent.
 */
public final class Room {
    public static final String MUC = "http://jabber.org/protocol/muc";
    public static final String USER = MUC + "#user";
    public static final String ADMIN = MUC + "#admin";
    public static final String OWNER = MUC + "#owner";
    public static final String ROOMCONFIG = MUC + "#roomconfig";
    public static final String DELAY = "urn:xmpp:delay";

    public final Lab lab;
    public final EntityBareJid jid;
    /** The owner's self-presence on creation (with 201 and 110 when the server behaves). */
    public Presence created;

    private Room(Lab lab, EntityBareJid jid) {
        this.lab = lab;
        this.jid = jid;
    }

    /** The group-chat service of the server; the test is impossible without one. */
    public static DomainBareJid service(Lab lab) {
        return lab.requireService("conference", "text", "group chat");
    }

    /** A room address on the service that no room has yet: the room does not exist until someone enters it. */
    public static Room unborn(Lab lab) {
        DomainBareJid service = service(lab);
        String name = "sl-muc-" + UUID.randomUUID().toString().substring(0, 8);
        try {
            return new Room(lab, JidCreate.entityBareFrom(name + "@" + service));
        } catch (XmppStringprepException e) {
            throw new TestError("not a room address: " + name + "@" + service, e);
        }
    }

    /**
     * Creates the room with {@code owner} entering as {@code nick}; the room stays locked (not configured). It is
     * destroyed when the test ends. A server that does not create it ends the test as an error of the set-up.
     */
    public static Room createLocked(Lab lab, Session owner, String nick) {
        Room room = unborn(lab);
        lab.cleanup("destroy room " + room.jid, () -> room.destroyQuietly(owner));
        room.created = lab.setUp("create room " + room.jid, () -> room.join(owner, nick));
        return room;
    }

    /** Creates the room and accepts the default configuration (an instant room, §10.1.2). */
    public static Room instant(Lab lab, Session owner, String nick) {
        Room room = createLocked(lab, owner, nick);
        lab.setUp("unlock room " + room.jid + " as an instant room", () -> {
            IQ reply = room.submitInstant(owner);
            if (reply.getType() != IQ.Type.result) {
                throw new ServerFailure("the instant-room request was answered with " + reply.toXML());
            }
        });
        return room;
    }

    /**
     * Creates the room and submits these configuration fields (a reserved room, §10.1.3). A field the server's form
     * does not offer makes the test impossible: the server has no such setting.
     */
    public static Room reserved(Lab lab, Session owner, String nick, Map<String, String> fields) {
        Room room = createLocked(lab, owner, nick);
        room.configure(owner, fields);
        return room;
    }

    /**
     * Creates a password-protected room: the secret goes in muc#roomconfig_roomsecret, and the form's
     * muc#roomconfig_passwordprotectedroom switch is turned on where the server has one.
     */
    public static Room passwordProtected(Lab lab, Session owner, String secret) {
        Room room = createLocked(lab, owner, "owner-" + owner.label().replaceAll("[^a-z]", ""));
        DataForm form = lab.setUp("fetch the configuration form of " + room.jid, () -> room.form(owner));
        Map<String, String> fields = fields("muc#roomconfig_roomsecret", secret);
        if (form.getField("muc#roomconfig_passwordprotectedroom") != null) {
            fields.put("muc#roomconfig_passwordprotectedroom", "1");
        }
        room.configure(owner, fields);
        return room;
    }

    public EntityFullJid occupant(String nick) {
        return JidCreate.entityFullFrom(jid, Resourcepart.fromOrThrowUnchecked(nick));
    }

    // ---- entering and leaving ----

    /** Sends the join presence with an {@code <x xmlns='…muc'/>} holding {@code mucChildren} (history, password). */
    public Presence sendJoin(Session session, String nick, StandardExtensionElement... mucChildren) {
        StandardExtensionElement.Builder x = StandardExtensionElement.builder("x", MUC);
        for (StandardExtensionElement child : mucChildren) {
            x.addElement(child);
        }
        Presence join = PresenceBuilder.buildPresence("join-" + UUID.randomUUID().toString().substring(0, 6))
                .to(occupant(nick)).addExtension(x.build()).build();
        session.send(join);
        return join;
    }

    public static StandardExtensionElement password(String secret) {
        return StandardExtensionElement.builder("password", MUC).setText(secret).build();
    }

    public static StandardExtensionElement history(String attribute, String value) {
        return StandardExtensionElement.builder("history", MUC).addAttribute(attribute, value).build();
    }

    /**
     * Enters as {@code nick} and returns what the room answered for that occupant JID: the self-presence (status 110)
     * or a presence error. Other occupants' presences stay in the mailbox.
     */
    public Presence enter(Session session, String nick, StandardExtensionElement... mucChildren) {
        sendJoin(session, nick, mucChildren);
        return awaitSelfOrError(session, nick);
    }

    public Presence awaitSelfOrError(Session session, String nick) {
        EntityFullJid me = occupant(nick);
        return session.expectPresence("the room's self-presence (status 110) or an error for " + me,
                p -> me.equals(p.getFrom()) && (p.getType() == Presence.Type.error || isSelf(p)));
    }

    /** Enters and fails (ServerFailure) unless the room lets the session in. */
    public Presence join(Session session, String nick, StandardExtensionElement... mucChildren) {
        Presence self = enter(session, nick, mucChildren);
        if (self.getType() == Presence.Type.error) {
            throw new ServerFailure(session.label() + " could not enter " + jid + " as " + nick + ": " + describe(self));
        }
        return self;
    }

    /** Enters as a set-up step and forgets what arrived so far, so the test's expectations see only what follows. */
    public Presence joined(Session session, String nick) {
        Presence self = lab.setUp(session.label() + " enters " + jid + " as " + nick, () -> join(session, nick));
        return self;
    }

    public void leave(Session session, String nick) {
        session.send(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).to(occupant(nick)).build());
    }

    /** Waits for a presence from this occupant JID that the predicate accepts. */
    public Presence expectFrom(Session session, String nick, String what, Predicate<Presence> matcher) {
        EntityFullJid from = occupant(nick);
        return session.expectPresence(what + " from " + from, p -> from.equals(p.getFrom()) && matcher.test(p));
    }

    // ---- owner and admin requests ----

    public IQ submitInstant(Session owner) {
        return owner.request(new RawIq(IQ.Type.set, jid, "query", OWNER, "<x xmlns='jabber:x:data' type='submit'/>"));
    }

    public IQ requestForm(Session session) {
        return session.request(RawIq.get(jid, "query", OWNER));
    }

    /** The room's configuration form, as its owner gets it. */
    public DataForm form(Session owner) {
        IQ reply = requestForm(owner);
        if (reply.getType() != IQ.Type.result) {
            throw new ServerFailure("the owner's request for the configuration form was answered with " + reply.toXML());
        }
        DataForm form = DataForm.from(reply);
        if (form == null) {
            throw new Impossible("the room returned no configuration form, so it has no configuration options");
        }
        return form;
    }

    /** Submits these fields (with the FORM_TYPE) as a set-up step; impossible when the form lacks one of them. */
    public void configure(Session owner, Map<String, String> fields) {
        lab.setUp("configure " + jid + " with " + fields, () -> {
            IQ reply = submit(owner, fields);
            if (reply.getType() != IQ.Type.result) {
                throw new ServerFailure("the configuration " + fields + " was refused: " + reply.toXML());
            }
        });
    }

    /** Submits these fields and returns the reply; impossible when the form lacks one of them. */
    public IQ submit(Session owner, Map<String, String> fields) {
        DataForm form = lab.setUp("fetch the configuration form of " + jid, () -> form(owner));
        for (String var : fields.keySet()) {
            if (form.getField(var) == null) {
                throw new Impossible("the configuration form of the room offers no field " + var
                        + " (it has " + form.getFields().stream().map(FormField::getFieldName).collect(Collectors.joining(", ")) + ")");
            }
        }
        StringBuilder xml = new StringBuilder("<x xmlns='jabber:x:data' type='submit'>")
                .append("<field var='FORM_TYPE'><value>").append(ROOMCONFIG).append("</value></field>");
        fields.forEach((var, value) -> xml.append("<field var='").append(StringUtils.escapeForXmlAttributeApos(var)).append("'><value>")
                .append(StringUtils.escapeForXmlText(value)).append("</value></field>"));
        xml.append("</x>");
        return owner.request(new RawIq(IQ.Type.set, jid, "query", OWNER, xml.toString()));
    }

    /** Configuration fields in order, for {@link #reserved}. */
    public static Map<String, String> fields(String... varsAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < varsAndValues.length; i += 2) {
            map.put(varsAndValues[i], varsAndValues[i + 1]);
        }
        return map;
    }

    /** A muc#admin set with these items (each an {@code <item …/>}). */
    public IQ admin(Session session, String items) {
        return session.request(new RawIq(IQ.Type.set, jid, "query", ADMIN, items));
    }

    /** Sets the role of the occupant with this nick. */
    public IQ setRole(Session session, String nick, MUCRole role) {
        return admin(session, "<item nick='" + StringUtils.escapeForXmlAttributeApos(nick) + "' role='" + role + "'/>");
    }

    /** Sets the affiliation of this bare JID. */
    public IQ setAffiliation(Session session, EntityBareJid user, MUCAffiliation affiliation) {
        return admin(session, "<item jid='" + user + "' affiliation='" + affiliation + "'/>");
    }

    /** Sets an affiliation as a set-up step, which must succeed. */
    public void grant(Session session, EntityBareJid user, MUCAffiliation affiliation) {
        lab.setUp("make " + user + " " + affiliation + " of " + jid, () -> expectResult(setAffiliation(session, user, affiliation)));
    }

    /** A muc#admin get for the items with this attribute (role='participant', affiliation='outcast'). */
    public IQ list(Session session, String attribute, String value) {
        return session.request(new RawIq(IQ.Type.get, jid, "query", ADMIN, "<item " + attribute + "='" + value + "'/>"));
    }

    public IQ destroy(Session session, String destroyXml) {
        return session.request(new RawIq(IQ.Type.set, jid, "query", OWNER, destroyXml));
    }

    private void destroyQuietly(Session owner) {
        if (owner.isConnected()) {
            // A room that is already gone answers with an error; that is fine here.
            destroy(owner, "<destroy><reason>test over</reason></destroy>");
        }
    }

    /** A groupchat message to the room, returned as sent. */
    public Message say(Session session, String body) {
        return session.sendMessage(jid, Message.Type.groupchat, body);
    }

    /** disco#info of this room (or an occupant JID, with a nick), result or error. */
    public IQ discoInfo(Session session) {
        return session.request(discoInfoRequest(session, jid));
    }

    /**
     * The room's disco#info right after it was emptied or destroyed. A request that reaches the room while it shuts
     * down can be lost (seen with ejabberd); the room is gone or not by the time a second request arrives, and that
     * one must be answered.
     */
    public IQ discoInfoAfterShutdown(Lab lab, Session session) {
        try {
            return discoInfo(session);
        } catch (org.stanzalab.engine.ServerFailure unanswered) {
            lab.transcript().note("check", "the first disco#info went unanswered while the room shut down; asking once more");
            return discoInfo(session);
        }
    }

    public static org.jivesoftware.smackx.disco.packet.DiscoverInfo discoInfoRequest(Session session, org.jxmpp.jid.Jid to) {
        return org.jivesoftware.smackx.disco.packet.DiscoverInfo.builder(session.smack()).to(to).ofType(IQ.Type.get).build();
    }

    // ---- reading what the room sent ----

    public static Set<Integer> codes(Stanza stanza) {
        MUCUser x = MUCUser.from(stanza);
        if (x == null) {
            return Set.of();
        }
        return x.getStatus().stream().map(MUCUser.Status::getCode).collect(Collectors.toSet());
    }

    public static boolean isSelf(Presence presence) {
        return codes(presence).contains(110);
    }

    public static MUCItem item(Stanza stanza) {
        MUCUser x = MUCUser.from(stanza);
        return x == null ? null : x.getItem();
    }

    public static MUCRole role(Stanza stanza) {
        MUCItem item = item(stanza);
        return item == null ? null : item.getRole();
    }

    public static MUCAffiliation affiliation(Stanza stanza) {
        MUCItem item = item(stanza);
        return item == null ? null : item.getAffiliation();
    }

    public static StanzaError.Condition condition(Stanza stanza) {
        return stanza.getError() == null ? null : stanza.getError().getCondition();
    }

    public static void expectResult(IQ reply) {
        if (reply.getType() != IQ.Type.result) {
            throw new ServerFailure("expected a result, got " + reply.toXML());
        }
    }

    /** Fails unless the reply is an error with this condition. */
    public static void expectError(IQ reply, StanzaError.Condition condition, String what) {
        if (reply.getType() != IQ.Type.error || condition(reply) != condition) {
            throw new ServerFailure(what + ": expected an error <" + condition + "/>, got " + reply.toXML());
        }
    }

    public static String describe(Stanza stanza) {
        return stanza.toXML().toString();
    }
}
