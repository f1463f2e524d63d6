package org.stanzalab.suites.xep0060;

import java.util.List;
import java.util.Map;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;

/**
 * The server's publish-subscribe service (a pubsub/service item of its disco#items) as the tests of this package use
 * it: accounts logged in over the wire driver, nodes created under names no other test uses, each deleted at the end.
 */
final class Service {
    static final String VERSION = "1.30.0";
    static final String PAYLOAD_NS = "urn:stanzalab:test:pubsub";

    /** Creation refusals that say the service does not let this account create nodes (XEP-0060 §8.1.1 allows that). */
    private static final List<String> NOT_FOR_THIS_ACCOUNT = List.of("forbidden", "not-allowed", "feature-not-implemented",
            "registration-required");

    private Service() {
    }

    /** The service's JID; the test is impossible when the server lists none. */
    static String find(Lab lab) {
        return lab.requireService("pubsub", "service", "publish-subscribe").toString();
    }

    /** The user, logged in over the wire driver and available, speaking to the service. */
    static Pubsub login(Lab lab, User user, String service) {
        RawSession session = lab.raw().authenticate(user).bind();
        session.available();
        return new Pubsub(session, service);
    }

    /** A payload element with this text. */
    static String payload(String text) {
        return "<entry xmlns='" + PAYLOAD_NS + "'>" + text + "</entry>";
    }

    /**
     * A new node created by {@code owner} itself, with this configuration (null: the default), deleted at the end of
     * the test: for the tests of node creation. A service that lets this account create no nodes makes the test
     * impossible; any other refusal is a set-up error (node creation has tests of its own).
     */
    static String node(Lab lab, Pubsub owner, Map<String, String> config) {
        String node = Pubsub.newNodeName();
        XmlElement reply = create(owner, node, config);
        if (!Pubsub.isResult(reply)) {
            throw refusal(node, config, reply);
        }
        deletedAtEnd(lab, owner, node);
        return node;
    }

    /**
     * A new node that {@code owner} owns, for the tests of everything after creation: created by the account itself
     * or, where the service keeps creation to its administrators (XEP-0060 §8.1.1 allows that), by the run's
     * administrator, who then makes the account an owner of the node (§8.9). Impossible when neither can.
     */
    static String ownedNode(Lab lab, Pubsub owner, Map<String, String> config) {
        String node = Pubsub.newNodeName();
        XmlElement reply = create(owner, node, config);
        if (Pubsub.isResult(reply)) {
            deletedAtEnd(lab, owner, node);
            return node;
        }
        RuntimeException refused = refusal(node, config, reply);
        if (!NOT_FOR_THIS_ACCOUNT.contains(Pubsub.condition(reply))) {
            throw refused;
        }
        Pubsub admin;
        try {
            admin = new Pubsub(lab.rawAdmin(), owner.service());
        } catch (Impossible noAdmin) {
            throw new Impossible(refused.getMessage() + "; and " + noAdmin.getMessage());
        }
        lab.setUp("the administrator creates " + node + " and makes " + owner.bareJid() + " its owner", () -> {
            XmlElement created = create(admin, node, config);
            if (!Pubsub.isResult(created)) {
                throw refusal(node, config, created);
            }
            deletedAtEnd(lab, admin, node);
            XmlElement granted = admin.setAffiliation(node, owner.bareJid(), "owner");
            if (!Pubsub.isResult(granted)) {
                throw new Impossible("the pubsub service lets this account create no nodes, and refused to make it the owner"
                        + " of a node the administrator created: " + Pubsub.describe(granted));
            }
        });
        return node;
    }

    /** A creation request, tried up to three times while it meets the refusals of a busy database. */
    private static XmlElement create(Pubsub creator, String node, Map<String, String> config) {
        return Pubsub.setUpChange(creator.session(), "the node creation", 3, () -> creator.create(node, config));
    }

    private static RuntimeException refusal(String node, Map<String, String> config, XmlElement reply) {
        String condition = Pubsub.condition(reply);
        if (NOT_FOR_THIS_ACCOUNT.contains(condition)) {
            return new Impossible("the pubsub service lets this account create no nodes: creation of " + node
                    + " was refused with <" + condition + "/>, which XEP-0060 §8.1.1 allows (the service may keep node"
                    + " creation to its administrators)");
        }
        if (config != null && ("not-acceptable".equals(condition) || "bad-request".equals(condition))) {
            return new Impossible("the pubsub service does not accept the configuration " + config + " at creation: " + Pubsub.describe(reply));
        }
        return new TestError("not run: the set-up (creating node " + node + ") was refused: " + Pubsub.describe(reply));
    }

    static void deletedAtEnd(Lab lab, Pubsub owner, String node) {
        lab.cleanup("pubsub node " + node, () -> owner.delete(node));
    }

    /** Publishes as set-up: the publish must succeed. */
    static void published(Lab lab, Pubsub publisher, String node, String itemId, String text) {
        lab.setUp("publishing item " + itemId + " to " + node, () -> {
            XmlElement reply = publisher.publish(node, itemId, payload(text), null);
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the publish was answered with " + Pubsub.describe(reply));
            }
        });
    }

    /** Subscribes the session's full JID as set-up; the subscription must be granted at once. */
    static void subscribed(Lab lab, Pubsub subscriber, String node) {
        lab.setUp("subscribing " + subscriber.jid() + " to " + node, () -> {
            XmlElement reply = subscriber.subscribe(node, subscriber.jid());
            String state = Pubsub.subscriptionElements(reply).stream().findFirst().flatMap(s -> s.attribute("subscription")).orElse("");
            if (!Pubsub.isResult(reply) || !state.isEmpty() && !state.equals("subscribed")) {
                throw new AssertionError("the subscription was answered with " + Pubsub.describe(reply));
            }
        });
    }
}
