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
     * A new node owned by {@code owner}, created with this configuration (null: the default), deleted at the end of the
     * test. A service that lets this account create no nodes makes the test impossible; any other refusal is a set-up
     * error (node creation has tests of its own).
     */
    static String node(Lab lab, Pubsub owner, Map<String, String> config) {
        String node = Pubsub.newNodeName();
        XmlElement reply = owner.create(node, config);
        for (int attempt = 2; attempt <= 3 && !Pubsub.isResult(reply) && !NOT_FOR_THIS_ACCOUNT.contains(Pubsub.condition(reply)); attempt++) {
            // ejabberd 23.01 aborts a node creation that meets another in its database (a mnesia lock cycle); once more
            // is enough for the set-up, which is not what the test examines
            owner.session().note("set-up", "the node creation was refused; trying again: " + Pubsub.describe(reply));
            reply = owner.create(node, config);
        }
        if (!Pubsub.isResult(reply)) {
            String condition = Pubsub.condition(reply);
            if (NOT_FOR_THIS_ACCOUNT.contains(condition)) {
                throw new Impossible("the pubsub service lets this account create no nodes: creation of " + node
                        + " was refused with <" + condition + "/>, which XEP-0060 §8.1.1 allows (the service may keep node"
                        + " creation to its administrators)");
            }
            if (config != null && "not-acceptable".equals(condition) || config != null && "bad-request".equals(condition)) {
                throw new Impossible("the pubsub service does not accept the configuration " + config + " at creation: " + Pubsub.describe(reply));
            }
            throw new TestError("not run: the set-up (creating node " + node + ") was refused: " + Pubsub.describe(reply));
        }
        deletedAtEnd(lab, owner, node);
        return node;
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
