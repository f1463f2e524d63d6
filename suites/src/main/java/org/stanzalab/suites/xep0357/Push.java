package org.stanzalab.suites.xep0357;

import static org.stanzalab.engine.raw.Stanzas.hasType;

import java.util.Optional;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** XEP-0357 from the client's side: enabling and disabling push on the user's own server. */
final class Push {
    static final String NS = "urn:xmpp:push:0";
    static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    static final String DATA = "jabber:x:data";
    static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";
    static final String SUMMARY = "urn:xmpp:push:summary";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private Push() {
    }

    /** Impossible unless the account's disco#info lists urn:xmpp:push:0 (§4.1: only then may a client enable push). */
    static void requireSupport(RawSession client) {
        String bare = bare(client.jid());
        String id = client.newId("disco");
        XmlElement reply = client.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(bare) + "'><query xmlns='"
                + DISCO_INFO + "'/></iq>", id);
        boolean listed = reply.child("query", DISCO_INFO).map(q -> q.children("feature", DISCO_INFO).stream()
                .anyMatch(f -> NS.equals(f.attribute("var").orElse(null)))).orElse(false);
        if (!listed) {
            throw new Impossible("the account " + bare + " does not list " + NS + " in its disco#info (XEP-0357 §4.1), "
                    + "so its server does not publish push notifications: " + Stanzas.describe(reply));
        }
    }

    /**
     * Enables push to this service JID and node (with a publish-options form carrying this secret, if not null); the
     * server must answer with a result. The registration is disabled again when the test ends.
     */
    static void enable(Lab lab, RawSession client, String jid, String node, String secret) {
        XmlElement reply = enableReply(lab, client, jid, node, secret);
        if (!hasType(reply, "result")) {
            throw new ServerFailure("the server refused to enable push to " + jid + " node '" + node + "'"
                    + (secret == null ? "" : " with a publish-options form") + " although the account lists " + NS
                    + " (XEP-0357 §5): " + Stanzas.describe(reply));
        }
    }

    /** Sends the enable and returns the server's reply; a result registers the clean-up that disables it again. */
    static XmlElement enableReply(Lab lab, RawSession client, String jid, String node, String secret) {
        String id = client.newId("enable");
        String form = secret == null ? "" : "<x xmlns='" + DATA + "' type='submit'><field var='FORM_TYPE'><value>"
                + PUBLISH_OPTIONS + "</value></field><field var='secret'><value>" + XmlEscape.text(secret)
                + "</value></field></x>";
        XmlElement reply = client.request("<iq type='set' id='" + id + "'><enable xmlns='" + NS + "' jid='"
                + XmlEscape.attribute(jid) + "' node='" + XmlEscape.attribute(node) + "'>" + form + "</enable></iq>", id);
        if (hasType(reply, "result")) {
            User user = client.user();
            lab.cleanup("the push registration " + jid + " node '" + node + "'", () -> disableAfterwards(lab, user, jid, node));
        }
        return reply;
    }

    /** Sends a disable for this service JID (and node, if not null) and returns the server's reply. */
    static XmlElement disable(RawSession client, String jid, String node) {
        String id = client.newId("disable");
        return client.request("<iq type='set' id='" + id + "'><disable xmlns='" + NS + "' jid='" + XmlEscape.attribute(jid)
                + "'" + (node == null ? "" : " node='" + XmlEscape.attribute(node) + "'") + "/></iq>", id);
    }

    /** Disables and requires a result: a step the test relies on, not the requirement under test. */
    static void disableOrFail(RawSession client, String jid, String node) {
        XmlElement reply = disable(client, jid, node);
        if (!hasType(reply, "result")) {
            throw new ServerFailure("the server refused to disable push to " + jid + (node == null ? "" : " node '" + node
                    + "'") + " (XEP-0357 §6): " + Stanzas.describe(reply));
        }
    }

    private static void disableAfterwards(Lab lab, User user, String jid, String node) {
        RawSession stream = lab.raw().authenticate(user).bind();
        disable(stream, jid, node);
        stream.answerClosingTag();
        stream.awaitServerClosingTag(SmackConnector.CLOSE_WAIT);
    }

    /** Ends this session cleanly (unavailable presence, closing tag), so the account has no session left. */
    static void signOff(RawSession client) {
        client.send("<presence type='unavailable'/>");
        client.answerClosingTag();
        client.awaitServerClosingTag(SmackConnector.CLOSE_WAIT);
    }

    /** The value of a field of a data form, if the form has it. */
    static Optional<String> field(XmlElement form, String var) {
        return form.children("field", DATA).stream().filter(f -> var.equals(f.attribute("var").orElse(null))).findFirst()
                .flatMap(f -> f.childText("value", DATA));
    }

    static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
