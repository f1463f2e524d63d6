package org.stanzalab.suites.xep0060;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0060.Service.VERSION;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;

/** XEP-0060 §6.1, §6.2, §5.6 and §5.7: subscribing, unsubscribing and what the requester can learn of its own state. */
@StanzalabTest
class Subscriptions {

    private static Optional<String> state(XmlElement reply) {
        return Pubsub.subscriptionElements(reply).stream().findFirst().flatMap(s -> s.attribute("subscription"));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.2", level = MUST,
          requirement = "a subscription to an open node is answered with a result that says the requester is subscribed")
    @Test
    void subscriptionToOpenNodeIsGranted(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscribe(node, bob.jid());

        assertTrue(Pubsub.isResult(reply), "a subscription to an open node was answered with " + Pubsub.describe(reply));
        assertEquals(Optional.of("subscribed"), state(reply), "subscription state in the result: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.1", level = MUST,
          requirement = "a subscription request for another user's JID is refused with bad-request")
    @Test
    void subscribingSomeoneElseIsBadRequest(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        String carol = lab.newUser().jid().toString();

        XmlElement reply = bob.subscribe(node, carol);

        assertEquals("bad-request", Pubsub.condition(reply), "bob subscribing carol's JID: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.1", level = SHOULD,
          requirement = "the refusal of a subscription for another user's JID carries the pubsub condition invalid-jid")
    @Test
    void subscribingSomeoneElseSaysInvalidJid(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        String carol = lab.newUser().jid().toString();

        XmlElement reply = bob.subscribe(node, carol);

        lab.requireThat("bad-request".equals(Pubsub.condition(reply)), "the request was not refused with bad-request: " + Pubsub.describe(reply));
        assertEquals("invalid-jid", Pubsub.pubsubCondition(reply), "pubsub condition of the refusal: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.12", level = SHOULD,
          requirement = "a subscription to a node that does not exist is refused with item-not-found")
    @Test
    void subscriptionToMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscribe(Pubsub.newNodeName(), bob.jid());

        assertEquals("item-not-found", Pubsub.condition(reply), "a subscription to a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.4", level = MUST,
          requirement = "a subscription to a whitelist node by someone not on the list is refused with not-allowed and"
                  + " closed-node")
    @Test
    void whitelistNodeRefusesOutsiders(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "whitelist"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscribe(node, bob.jid());

        assertEquals("not-allowed", Pubsub.condition(reply), "a stranger subscribing to a whitelist node: " + Pubsub.describe(reply));
        assertEquals("closed-node", Pubsub.pubsubCondition(reply), "pubsub condition of the refusal: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.2", level = MUST,
          requirement = "a subscription to a presence-access node by someone not subscribed to the owner's presence is"
                  + " refused with not-authorized")
    @Test
    void presenceNodeRefusesNonContacts(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "presence"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscribe(node, bob.jid());

        assertEquals("not-authorized", Pubsub.condition(reply), "a non-contact subscribing to a presence node: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.4", level = MUST,
          requirement = "a subscription to an authorize node is answered as pending and the owner is asked to approve it")
    @Test
    void authorizeNodeLeavesSubscriptionPendingAndAsksTheOwner(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "authorize"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscribe(node, bob.jid());

        assertTrue(Pubsub.isResult(reply), "a subscription to an authorize node was answered with " + Pubsub.describe(reply));
        assertEquals(Optional.of("pending"), state(reply), "subscription state for an authorize node: " + reply.toXml());
        alice.session().expect("an authorization request for bob's subscription (a subscribe_authorization form)",
                e -> e.name().equals("message") && e.child("x", Pubsub.DATA).map(x -> x.children("field", Pubsub.DATA).stream()
                        .anyMatch(f -> "FORM_TYPE".equals(f.attribute("var").orElse(null))
                                && f.childText("value", Pubsub.DATA).orElse("").contains("subscribe_authorization"))).orElse(false));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.3.8", level = MUST,
          requirement = "a subscription by a user the owner made an outcast is refused with forbidden")
    @Test
    void outcastCannotSubscribe(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        lab.setUp("alice makes bob an outcast", () -> {
            XmlElement set = alice.setAffiliation(node, bob.bareJid(), "outcast");
            if (!Pubsub.isResult(set)) {
                throw new Impossible("the service does not let the owner set the outcast affiliation: " + Pubsub.describe(set));
            }
        });

        XmlElement reply = bob.subscribe(node, bob.jid());

        assertEquals("forbidden", Pubsub.condition(reply), "an outcast subscribing: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.1.6", level = MUST,
          requirement = "a second subscription of the same JID either gets its own subid or returns the current"
                  + " subscription state")
    @Test
    void secondSubscriptionGetsOwnSubidOrTheCurrentState(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        XmlElement first = lab.setUp("bob's first subscription", () -> {
            XmlElement r = bob.subscribe(node, bob.jid());
            assertTrue(Pubsub.isResult(r), "the first subscription: " + Pubsub.describe(r));
            return r;
        });

        XmlElement second = bob.subscribe(node, bob.jid());

        assertTrue(Pubsub.isResult(second), "a second subscription of the same JID was answered with " + Pubsub.describe(second));
        assertEquals(Optional.of("subscribed"), state(second), "state in the answer to the second subscription: " + second.toXml());
        Optional<String> subid1 = Pubsub.subscriptionElements(first).stream().findFirst().flatMap(s -> s.attribute("subid"));
        Optional<String> subid2 = Pubsub.subscriptionElements(second).stream().findFirst().flatMap(s -> s.attribute("subid"));
        List<XmlElement> mine = Pubsub.subscriptionElements(bob.subscriptions(node));
        if (mine.size() > 1) {
            // multiple subscriptions: each must be told apart by a subid
            assertTrue(subid1.isPresent() && subid2.isPresent(), "two subscriptions without subids: " + first.toXml() + " / " + second.toXml());
            assertNotEquals(subid1, subid2, "two subscriptions of one JID share a subid");
        }
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.2.2", level = MUST,
          requirement = "an unsubscribe request is answered with a result, and the node is then gone from the user's"
                  + " subscriptions")
    @Test
    void unsubscribeEndsTheSubscription(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        XmlElement reply = bob.unsubscribe(node, bob.jid(), null);

        assertTrue(Pubsub.isResult(reply), "the unsubscribe was answered with " + Pubsub.describe(reply));
        List<XmlElement> left = Pubsub.subscriptionElements(bob.subscriptions(null)).stream()
                .filter(s -> node.equals(s.attribute("node").orElse(null)) && "subscribed".equals(s.attribute("subscription").orElse(null))).toList();
        assertTrue(left.isEmpty(), "after unsubscribing, the user's subscriptions still list " + node + ": " + left);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.2.3.2", level = MUST,
          requirement = "an unsubscribe request from a user who is not subscribed is refused with an error")
    @Test
    void unsubscribeWithoutSubscriptionIsRefused(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.unsubscribe(node, bob.jid(), null);

        assertEquals("error", reply.attribute("type").orElse(""), "unsubscribing without a subscription: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.2.3.2", level = SHOULD,
          requirement = "the refusal of an unsubscribe without subscription is unexpected-request with not-subscribed")
    @Test
    void unsubscribeWithoutSubscriptionSaysNotSubscribed(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.unsubscribe(node, bob.jid(), null);

        lab.requireThat(!Pubsub.isResult(reply), "the unsubscribe was not refused");
        assertEquals("unexpected-request", Pubsub.condition(reply), "unsubscribing without a subscription: " + Pubsub.describe(reply));
        assertEquals("not-subscribed", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.2.3.3", level = MUST,
          requirement = "unsubscribing another user's JID is refused with forbidden, and that subscription stays")
    @Test
    void unsubscribingSomeoneElseIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);
        Pubsub carol = Service.login(lab, lab.newUser(), service);

        XmlElement reply = carol.unsubscribe(node, bob.jid(), null);

        assertEquals("forbidden", Pubsub.condition(reply), "carol unsubscribing bob: " + Pubsub.describe(reply));
        assertFalse(Pubsub.subscriptionElements(bob.subscriptions(node)).isEmpty(), "bob's subscription is gone after carol's refused request");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.2.3.4", level = MUST,
          requirement = "unsubscribing from a node that does not exist is refused with item-not-found")
    @Test
    void unsubscribeFromMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.unsubscribe(Pubsub.newNodeName(), bob.jid(), null);

        assertEquals("item-not-found", Pubsub.condition(reply), "unsubscribing from a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.6", level = MUST,
          requirement = "a user's subscriptions list the node it subscribed to, with its JID and the state subscribed")
    @Test
    void ownSubscriptionsListTheNode(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        XmlElement reply = bob.subscriptions(null);

        assertTrue(Pubsub.isResult(reply), "the request for one's subscriptions was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.subscriptionElements(reply).stream().anyMatch(s -> node.equals(s.attribute("node").orElse(null))
                        && bob.jid().equals(s.attribute("jid").orElse(null)) && "subscribed".equals(s.attribute("subscription").orElse(null))),
                "bob's subscriptions do not list " + node + " for " + bob.jid() + ": " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.6", level = MUST,
          requirement = "a user with no subscriptions who asks for them gets an empty subscriptions element (a service"
                  + " without subscriptions retrieval must say so with feature-not-implemented and unsupported)")
    @Test
    void userWithoutSubscriptionsGetsAnEmptyList(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.subscriptions(null);

        lab.requireThat(!Pubsub.isUnsupported(reply), "the service does not retrieve subscriptions (feature-not-implemented, unsupported)");
        assertTrue(Pubsub.isResult(reply), "a new user's request for its subscriptions was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.payload(reply, "subscriptions").isPresent(), "the result has no subscriptions element: " + reply.toXml());
        assertTrue(Pubsub.subscriptionElements(reply).isEmpty(), "a new user has subscriptions: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.7", level = MUST,
          requirement = "the creator of a node finds itself its owner among its affiliations")
    @Test
    void ownAffiliationsShowOwnership(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);

        XmlElement reply = alice.affiliations(null);

        assertTrue(Pubsub.isResult(reply), "the request for one's affiliations was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.affiliationElements(reply).stream().anyMatch(a -> node.equals(a.attribute("node").orElse(null))
                && "owner".equals(a.attribute("affiliation").orElse(null))), "alice's affiliations do not make her owner of " + node + ": " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.7", level = MUST,
          requirement = "a user with no affiliations who asks for them gets an empty affiliations element (a service"
                  + " without affiliations retrieval must say so with feature-not-implemented and unsupported)")
    @Test
    void userWithoutAffiliationsGetsAnEmptyList(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.affiliations(null);

        lab.requireThat(!Pubsub.isUnsupported(reply), "the service does not retrieve affiliations (feature-not-implemented, unsupported)");
        assertTrue(Pubsub.isResult(reply), "a new user's request for its affiliations was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.payload(reply, "affiliations").isPresent(), "the result has no affiliations element: " + reply.toXml());
        assertTrue(Pubsub.affiliationElements(reply).isEmpty(), "a new user has affiliations: " + reply.toXml());
    }
}
