package org.stanzalab.suites.xep0223;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * The account's own PEP nodes, spoken by hand over the wire driver: publish with publish-options, read items,
 * retract, read the configuration, delete. Public because XEP-0402 bookmarks are stored this way (its §5.1).
 */
public final class PepNodes {
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = "http://jabber.org/protocol/pubsub#owner";
    public static final String DATA = "jabber:x:data";
    public static final String PUBLISH_OPTIONS = "http://jabber.org/protocol/pubsub#publish-options";

    private PepNodes() {
    }

    /** The options XEP-0223 §2 requires of a private node. */
    public static Map<String, String> privateOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("pubsub#persist_items", "true");
        options.put("pubsub#access_model", "whitelist");
        return options;
    }

    /** Publishes one item (payload as XML) to the node of the session's own account; the reply. */
    public static XmlElement publish(RawSession session, String node, String itemId, String payload, Map<String, String> options) {
        String id = session.newId("publish");
        StringBuilder xml = new StringBuilder("<iq type='set' id='").append(id).append("'><pubsub xmlns='").append(PUBSUB)
                .append("'><publish node='").append(XmlEscape.attribute(node)).append("'><item")
                .append(itemId == null ? "" : " id='" + XmlEscape.attribute(itemId) + "'").append('>').append(payload)
                .append("</item></publish>");
        if (options != null) {
            xml.append("<publish-options><x xmlns='").append(DATA).append("' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                    .append(PUBLISH_OPTIONS).append("</value></field>");
            options.forEach((k, v) -> xml.append("<field var='").append(k).append("'><value>").append(v).append("</value></field>"));
            xml.append("</x></publish-options>");
        }
        xml.append("</pubsub></iq>");
        XmlElement reply = org.stanzalab.suites.xep0060.Pubsub.changing(session, () -> session.request(xml.toString(), id));
        if (!Stanzas.hasType(reply, "result")) {
            org.stanzalab.suites.xep0060.Pubsub.requirePep(session);
        }
        return reply;
    }

    /** Publishes as set-up (it must succeed) and has the node deleted at the end of the test. */
    public static void published(Lab lab, RawSession session, String node, String itemId, String payload, Map<String, String> options) {
        lab.setUp("publishing to " + node, () -> {
            XmlElement reply = org.stanzalab.suites.xep0060.Pubsub.setUpChange(session, "the set-up publish", 5,
                    () -> publish(session, node, itemId, payload, options));
            if (!Stanzas.hasType(reply, "result")) {
                throw new AssertionError("the publish was answered with " + Stanzas.describe(reply));
            }
        });
        deletedAtEnd(lab, session, node);
    }

    public static void deletedAtEnd(Lab lab, RawSession session, String node) {
        lab.cleanup("PEP node " + node + " of " + session.jid(), () -> delete(session, node));
    }

    /** Asks the account (to: a bare JID, null for one's own) for the node's items; the reply. */
    public static XmlElement items(RawSession session, String to, String node) {
        String id = session.newId("items");
        return session.request("<iq type='get' id='" + id + "'" + to(to) + "><pubsub xmlns='" + PUBSUB + "'><items node='"
                + XmlEscape.attribute(node) + "'/></pubsub></iq>", id);
    }

    /** The items of a result (none when the result has no items element). */
    public static List<XmlElement> itemsOf(XmlElement reply) {
        if (!Stanzas.hasType(reply, "result")) {
            throw new ServerFailure("the items request was answered with " + Stanzas.describe(reply));
        }
        return reply.child("pubsub", PUBSUB).flatMap(p -> p.child("items", PUBSUB)).map(i -> i.children("item", PUBSUB)).orElse(List.of());
    }

    public static Optional<XmlElement> item(List<XmlElement> items, String id) {
        return items.stream().filter(i -> id.equals(i.attribute("id").orElse(null))).findFirst();
    }

    public static XmlElement retract(RawSession session, String node, String itemId) {
        String id = session.newId("retract");
        String request = "<iq type='set' id='" + id + "'><pubsub xmlns='" + PUBSUB + "'><retract node='" + XmlEscape.attribute(node)
                + "' notify='true'><item id='" + XmlEscape.attribute(itemId) + "'/></retract></pubsub></iq>";
        return org.stanzalab.suites.xep0060.Pubsub.changing(session, () -> session.request(request, id));
    }

    /** The node's configuration form fields (var to first value), read by the owner. */
    public static Map<String, String> configuration(RawSession session, String node) {
        String id = session.newId("configure");
        XmlElement reply = session.request("<iq type='get' id='" + id + "'><pubsub xmlns='" + OWNER + "'><configure node='"
                + XmlEscape.attribute(node) + "'/></pubsub></iq>", id);
        if (!Stanzas.hasType(reply, "result")) {
            throw new ServerFailure("the owner's request for the configuration of " + node + " was answered with " + Stanzas.describe(reply));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        reply.child("pubsub", OWNER).flatMap(p -> p.child("configure", OWNER)).flatMap(c -> c.child("x", DATA))
                .ifPresent(form -> form.children("field", DATA).forEach(f -> fields.put(f.attribute("var").orElse(""),
                        f.childText("value", DATA).map(String::trim).orElse(""))));
        return fields;
    }

    public static XmlElement delete(RawSession session, String node) {
        String id = session.newId("delete");
        return org.stanzalab.suites.xep0060.Pubsub.changing(session, () -> session.request("<iq type='set' id='" + id + "'><pubsub xmlns='"
                + OWNER + "'><delete node='" + XmlEscape.attribute(node) + "'/></pubsub></iq>", id));
    }

    /** disco#info of a bare JID (null: one's own account); the reply. */
    public static XmlElement info(RawSession session, String to) {
        String id = session.newId("info");
        return session.request("<iq type='get' id='" + id + "'" + to(to == null ? session.bareJid() : to)
                + "><query xmlns='http://jabber.org/protocol/disco#info'/></iq>", id);
    }

    public static boolean hasFeature(XmlElement infoReply, String feature) {
        return infoReply.child("query", "http://jabber.org/protocol/disco#info").map(q -> q.children("feature", "http://jabber.org/protocol/disco#info")
                .stream().anyMatch(f -> feature.equals(f.attribute("var").orElse(null)))).orElse(false);
    }

    public static boolean hasIdentity(XmlElement infoReply, String category, String type) {
        return infoReply.child("query", "http://jabber.org/protocol/disco#info").map(q -> q.children("identity", "http://jabber.org/protocol/disco#info")
                .stream().anyMatch(i -> category.equals(i.attribute("category").orElse(null)) && type.equals(i.attribute("type").orElse(null))))
                .orElse(false);
    }

    private static String to(String to) {
        return to == null ? "" : " to='" + XmlEscape.attribute(to) + "'";
    }
}
