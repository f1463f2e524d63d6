package org.stanzalab.suites.xep0060;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;

import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0060 requests written by hand over the wire driver, so the transcript shows exactly what was asked, and the
 * readers of their replies and of event notifications. One instance speaks for one session to one pubsub service:
 * a service JID (pubsub.example.org), another account's bare JID (its PEP service), or null for the session's own
 * account. Public because XEP-0163 (PEP) speaks the same protocol.
 */
public final class Pubsub {
    public static final String PUBSUB = "http://jabber.org/protocol/pubsub";
    public static final String OWNER = PUBSUB + "#owner";
    public static final String EVENT = PUBSUB + "#event";
    public static final String ERRORS = PUBSUB + "#errors";
    public static final String NODE_CONFIG = PUBSUB + "#node_config";
    public static final String PUBLISH_OPTIONS = PUBSUB + "#publish-options";
    public static final String DATA = "jabber:x:data";
    public static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";
    public static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
    private static final String CLIENT = "jabber:client";
    private static final String STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";

    private final RawSession session;
    private final String service;

    public Pubsub(RawSession session, String service) {
        this.session = session;
        this.service = service;
    }

    public RawSession session() {
        return session;
    }

    /** The service this speaks to. */
    public String service() {
        return service;
    }

    /** The session's full JID. */
    public String jid() {
        return session.jid();
    }

    /** The session's bare JID. */
    public String bareJid() {
        return session.bareJid();
    }

    /** A node name no other test uses. */
    public static String newNodeName() {
        return "stanzalab-" + UUID.randomUUID().toString().substring(0, 8);
    }

    // ---------------------------------------------------------------- requests

    /** An IQ of this type to the service with this child (element, namespace, inner XML); the reply. */
    public XmlElement iq(String type, String element, String namespace, String inner) {
        String to = service == null ? "" : " to='" + XmlEscape.attribute(service) + "'";
        XmlElement reply = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            if (attempt > 1) {
                // an error of type 'wait' is temporary and asks for the request again after a while (RFC 6120 §8.3.2);
                // a ping's round trip is the while, and ejabberd's "Database failure" is such an error
                session.note("retry", "the service answered with a temporary error; asking again: " + describe(reply));
                session.ping(service == null ? session.bareJid() : service);
            }
            String id = session.newId(element);
            String request = "<iq type='" + type + "' id='" + id + "'" + to + "><" + element + " xmlns='" + namespace + "'>"
                    + inner + "</" + element + "></iq>";
            reply = "set".equals(type) ? changing(session, () -> session.request(request, id)) : session.request(request, id);
            if (!"error".equals(reply.attribute("type").orElse(null)) || !reply.child("error", CLIENT)
                    .flatMap(e -> e.attribute("type")).filter("wait"::equals).isPresent()) {
                break;
            }
        }
        return reply;
    }

    private XmlElement pubsub(String type, String inner) {
        return iq(type, "pubsub", PUBSUB, inner);
    }

    private XmlElement owner(String type, String inner) {
        return iq(type, "pubsub", OWNER, inner);
    }

    /** Creates a node (null: an instant node) with this configuration (null: none sent). */
    public XmlElement create(String node, Map<String, String> config) {
        String create = node == null ? "<create/>" : "<create node='" + XmlEscape.attribute(node) + "'/>";
        String configure = config == null ? "" : "<configure>" + form(NODE_CONFIG, config) + "</configure>";
        return pubsub("set", create + configure);
    }

    /** The owner's request for the node's configuration form (null node: none named). */
    public XmlElement configureForm(String node) {
        return owner("get", node == null ? "<configure/>" : "<configure node='" + XmlEscape.attribute(node) + "'/>");
    }

    /** Submits these configuration values. */
    public XmlElement configure(String node, Map<String, String> values) {
        return owner("set", "<configure node='" + XmlEscape.attribute(node) + "'>" + form(NODE_CONFIG, values) + "</configure>");
    }

    public XmlElement subscribe(String node, String jid) {
        return pubsub("set", "<subscribe node='" + XmlEscape.attribute(node) + "' jid='" + XmlEscape.attribute(jid) + "'/>");
    }

    public XmlElement unsubscribe(String node, String jid, String subid) {
        return pubsub("set", "<unsubscribe node='" + XmlEscape.attribute(node) + "' jid='" + XmlEscape.attribute(jid) + "'"
                + (subid == null ? "" : " subid='" + XmlEscape.attribute(subid) + "'") + "/>");
    }

    /** Publishes one item (itemId null: none given) with this payload XML, and publish-options unless null. */
    public XmlElement publish(String node, String itemId, String payload, Map<String, String> options) {
        String item = "<item" + (itemId == null ? "" : " id='" + XmlEscape.attribute(itemId) + "'") + ">" + payload + "</item>";
        String publishOptions = options == null ? "" : "<publish-options>" + form(PUBLISH_OPTIONS, options) + "</publish-options>";
        XmlElement reply = pubsub("set", "<publish node='" + XmlEscape.attribute(node) + "'>" + item + "</publish>" + publishOptions);
        if (service == null && !isResult(reply)) {
            requirePep(session);
        }
        return reply;
    }

    /** What ejabberd 23.01 answers when a change meets another in its database (a mnesia lock cycle). */
    private static final List<String> TRANSIENT = List.of("internal-server-error", "item-not-found");

    /**
     * A change made as set-up, asked again (up to {@code attempts} times, a ping's round trip apart) while the service
     * refuses it as ejabberd 23.01 does when the change meets another in its database: the set-up is not what the test
     * examines. The last reply is returned, whatever it is.
     */
    public static XmlElement setUpChange(RawSession session, String what, int attempts, java.util.function.Supplier<XmlElement> change) {
        XmlElement reply = change.get();
        for (int attempt = 2; attempt <= attempts && isTransient(reply); attempt++) {
            session.note("set-up", what + " was refused; trying again: " + describe(reply));
            session.ping(session.bareJid());
            reply = change.get();
        }
        return reply;
    }

    private static boolean isTransient(XmlElement reply) {
        String condition = condition(reply);
        return condition != null && TRANSIENT.contains(condition);
    }

    /**
     * A change to a pubsub service (creation, publish, configuration, retraction, deletion) in turn with every other on
     * the same server: ejabberd 23.01 aborts changes that meet in its database, which is no part of what the
     * publish-subscribe tests examine.
     */
    public static XmlElement changing(RawSession session, java.util.function.Supplier<XmlElement> change) {
        return session.oneAtATime("publish-subscribe changes", change);
    }

    /**
     * After a refused publish to the account's own PEP service: impossible when the account shows no PEP at all (no
     * pubsub/pep identity in its disco#info, which XEP-0163 §6.1 requires of a server that offers PEP), so that the
     * refusal is not taken for a fault of PEP.
     */
    public static void requirePep(RawSession session) {
        Pubsub own = new Pubsub(session, null);
        String account = own.bareJid();
        XmlElement info = own.discoInfo(null);
        boolean pep = isResult(info) && info.child("query", DISCO_INFO).map(q -> q.children("identity", DISCO_INFO).stream()
                .anyMatch(i -> "pubsub".equals(i.attribute("category").orElse(null)) && "pep".equals(i.attribute("type").orElse(null))))
                .orElse(false);
        if (!pep) {
            throw new org.stanzalab.engine.Impossible("the account " + account + " shows no pubsub/pep identity in its disco#info"
                    + " (XEP-0163 §6.1): the server offers no PEP, and refused the request");
        }
    }

    /** Retrieves items: all (maxItems null, no ids), the most recent maxItems, or those with these ids. */
    public XmlElement items(String node, Integer maxItems, String... ids) {
        StringBuilder inner = new StringBuilder("<items node='").append(XmlEscape.attribute(node)).append("'");
        if (maxItems != null) {
            inner.append(" max_items='").append(maxItems).append("'");
        }
        if (ids.length == 0) {
            inner.append("/>");
        } else {
            inner.append('>');
            for (String id : ids) {
                inner.append("<item id='").append(XmlEscape.attribute(id)).append("'/>");
            }
            inner.append("</items>");
        }
        return pubsub("get", inner.toString());
    }

    public XmlElement retract(String node, String itemId, boolean notify) {
        return pubsub("set", "<retract node='" + XmlEscape.attribute(node) + "'" + (notify ? " notify='true'" : "") + "><item id='"
                + XmlEscape.attribute(itemId) + "'/></retract>");
    }

    /** A retract written exactly as given inside the pubsub element, for the malformed cases. */
    public XmlElement rawPubsub(String type, String inner) {
        return pubsub(type, inner);
    }

    public XmlElement rawOwner(String type, String inner) {
        return owner(type, inner);
    }

    public XmlElement purge(String node) {
        return owner("set", "<purge node='" + XmlEscape.attribute(node) + "'/>");
    }

    public XmlElement delete(String node) {
        return owner("set", "<delete node='" + XmlEscape.attribute(node) + "'/>");
    }

    /** The requester's own subscriptions (node null: at every node). */
    public XmlElement subscriptions(String node) {
        return pubsub("get", node == null ? "<subscriptions/>" : "<subscriptions node='" + XmlEscape.attribute(node) + "'/>");
    }

    /** The requester's own affiliations (node null: at every node). */
    public XmlElement affiliations(String node) {
        return pubsub("get", node == null ? "<affiliations/>" : "<affiliations node='" + XmlEscape.attribute(node) + "'/>");
    }

    /** The owner's list of the node's subscribers. */
    public XmlElement ownerSubscriptions(String node) {
        return owner("get", "<subscriptions node='" + XmlEscape.attribute(node) + "'/>");
    }

    /** The owner's list of the node's affiliated entities. */
    public XmlElement ownerAffiliations(String node) {
        return owner("get", "<affiliations node='" + XmlEscape.attribute(node) + "'/>");
    }

    public XmlElement setAffiliation(String node, String jid, String affiliation) {
        return owner("set", "<affiliations node='" + XmlEscape.attribute(node) + "'><affiliation jid='" + XmlEscape.attribute(jid)
                + "' affiliation='" + affiliation + "'/></affiliations>");
    }

    public XmlElement setSubscription(String node, String jid, String subscription) {
        return owner("set", "<subscriptions node='" + XmlEscape.attribute(node) + "'><subscription jid='" + XmlEscape.attribute(jid)
                + "' subscription='" + subscription + "'/></subscriptions>");
    }

    /** disco#info of the service (node null) or of one of its nodes. */
    public XmlElement discoInfo(String node) {
        return discoQuery(DISCO_INFO, node);
    }

    /** disco#items of the service (node null) or of one of its nodes. */
    public XmlElement discoItems(String node) {
        return discoQuery(DISCO_ITEMS, node);
    }

    private XmlElement discoQuery(String namespace, String node) {
        String id = session.newId("disco");
        String to = " to='" + XmlEscape.attribute(service == null ? bareJid() : service) + "'";
        return session.request("<iq type='get' id='" + id + "'" + to + "><query xmlns='" + namespace + "'"
                + (node == null ? "" : " node='" + XmlEscape.attribute(node) + "'") + "/></iq>", id);
    }

    /** A submitted data form of this FORM_TYPE with these single values. */
    public static String form(String formType, Map<String, String> values) {
        StringBuilder xml = new StringBuilder("<x xmlns='").append(DATA).append("' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                .append(formType).append("</value></field>");
        values.forEach((k, v) -> xml.append("<field var='").append(XmlEscape.attribute(k)).append("'><value>").append(XmlEscape.text(v))
                .append("</value></field>"));
        return xml.append("</x>").toString();
    }

    // ---------------------------------------------------------------- reading replies

    public static boolean isResult(XmlElement reply) {
        return Stanzas.hasType(reply, "result");
    }

    /** The stanza error condition of an error reply; null for anything else. */
    public static String condition(XmlElement reply) {
        return Stanzas.hasType(reply, "error") ? Stanzas.errorCondition(reply) : null;
    }

    /** The pubsub-specific condition (pubsub#errors) of an error reply; null when there is none. */
    public static String pubsubCondition(XmlElement reply) {
        return reply.child("error", CLIENT).flatMap(e -> e.children().stream().filter(c -> ERRORS.equals(c.namespace())).findFirst())
                .map(XmlElement::name).orElse(null);
    }

    /** "error <condition/> (pubsub condition)" or the XML, for messages. */
    public static String describe(XmlElement reply) {
        String pubsub = pubsubCondition(reply);
        return Stanzas.describe(reply) + (pubsub == null ? "" : " [pubsub#errors " + pubsub + "]");
    }

    /** The child of the reply's pubsub element (either namespace) with this name. */
    public static Optional<XmlElement> payload(XmlElement reply, String element) {
        return reply.child("pubsub", PUBSUB).or(() -> reply.child("pubsub", OWNER))
                .flatMap(p -> p.children().stream().filter(c -> c.name().equals(element)).findFirst());
    }

    /** The items of an items result, in the order the service gave them. */
    public static List<XmlElement> items(XmlElement reply) {
        return payload(reply, "items").map(i -> i.children("item", PUBSUB)).orElse(List.of());
    }

    public static List<String> itemIds(XmlElement reply) {
        return items(reply).stream().map(i -> i.attribute("id").orElse("")).toList();
    }

    /** The subscription elements of a subscriptions result, or the single one of a subscribe result. */
    public static List<XmlElement> subscriptionElements(XmlElement reply) {
        Optional<XmlElement> list = payload(reply, "subscriptions");
        if (list.isPresent()) {
            return list.get().children().stream().filter(c -> c.name().equals("subscription")).toList();
        }
        return payload(reply, "subscription").map(List::of).orElse(List.of());
    }

    public static List<XmlElement> affiliationElements(XmlElement reply) {
        return payload(reply, "affiliations").map(a -> a.children().stream().filter(c -> c.name().equals("affiliation")).toList())
                .orElse(List.of());
    }

    /** The fields of a data form (var to first value) in a configure result. */
    public static Map<String, String> configuration(XmlElement reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        payload(reply, "configure").flatMap(c -> c.child("x", DATA)).ifPresent(form -> form.children("field", DATA)
                .forEach(f -> fields.put(f.attribute("var").orElse(""), f.childText("value", DATA).map(String::trim).orElse(""))));
        return fields;
    }

    public static boolean isTrue(String value) {
        return "1".equals(value) || "true".equals(value);
    }

    // ---------------------------------------------------------------- event notifications

    /** The event element of a notification message, if the stanza is one. */
    public static Optional<XmlElement> event(XmlElement stanza) {
        return Stanzas.isStanza(stanza, "message") ? stanza.child("event", EVENT) : Optional.empty();
    }

    /** A notification whose event has a child of this name (items, purge, delete, configuration) for this node. */
    public static Predicate<XmlElement> eventFor(String node, String kind, Predicate<XmlElement> detail) {
        return stanza -> event(stanza).flatMap(e -> e.child(kind, EVENT)).filter(k -> node.equals(k.attribute("node").orElse(null)))
                .filter(detail).isPresent();
    }

    /** A notification of a published item with this id at this node. */
    public static Predicate<XmlElement> itemPublished(String node, String itemId) {
        return eventFor(node, "items", items -> items.children("item", EVENT).stream().anyMatch(i -> itemId.equals(i.attribute("id").orElse(null))));
    }

    /** The item of this id inside a notification. */
    public static Optional<XmlElement> eventItem(XmlElement stanza, String itemId) {
        return event(stanza).flatMap(e -> e.child("items", EVENT)).flatMap(i -> i.children("item", EVENT).stream()
                .filter(it -> itemId.equals(it.attribute("id").orElse(null))).findFirst());
    }

    /** Waits for a notification this session receives; none within the reply timeout fails the test. */
    public XmlElement expectEvent(String what, Predicate<XmlElement> wanted) {
        return session.expect(what, wanted);
    }

    /**
     * The refusal of an owner's or publisher's request at a node that does not exist: item-not-found, or forbidden,
     * since nobody holds rights at a node that does not exist and XEP-0060 does not rank the two conditions.
     */
    public static boolean isMissingNodeRefusal(XmlElement reply) {
        String condition = condition(reply);
        return "item-not-found".equals(condition) || "forbidden".equals(condition);
    }

    /** A refusal that says the service does not support this request: feature-not-implemented with pubsub's unsupported. */
    public static boolean isUnsupported(XmlElement reply) {
        return "feature-not-implemented".equals(condition(reply)) && "unsupported".equals(pubsubCondition(reply));
    }

    static boolean hasStanzaError(XmlElement reply, String condition) {
        return reply.child("error", CLIENT).map(e -> e.hasChild(condition, STANZAS)).orElse(false);
    }
}
