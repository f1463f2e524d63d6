package org.stanzalab.suites.xep0060;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.xep0060.Service.VERSION;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;

/** XEP-0060 §8.4 (delete a node), §8.8 and §8.9 (the owner manages subscriptions and affiliations). */
@StanzalabTest
class NodeManagement {

    @Spec(document = "XEP-0060", version = VERSION, section = "8.4.2", level = MUST,
          requirement = "a node the owner deletes is answered with a result and is gone: its items are item-not-found")
    @Test
    void deletedNodeIsGone(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Service.published(lab, alice, node, "one", "1");

        XmlElement reply = alice.delete(node);

        assertTrue(Pubsub.isResult(reply), "the owner's delete was answered with " + Pubsub.describe(reply));
        XmlElement items = alice.items(node, null);
        assertEquals("item-not-found", Pubsub.condition(items), "items of the deleted node: " + Pubsub.describe(items));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.4.2", level = MUST,
          requirement = "the deletion of a node is notified to its subscribers with a delete event")
    @Test
    void deletionIsNotifiedToSubscribers(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#notify_delete", "1"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        lab.setUp("alice deletes the node", () -> {
            XmlElement reply = alice.delete(node);
            assertTrue(Pubsub.isResult(reply), "the delete was answered with " + Pubsub.describe(reply));
        });

        bob.expectEvent("a delete notification for " + node, Pubsub.eventFor(node, "delete", d -> true));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.4.3.1", level = MUST,
          requirement = "a delete by a user who does not own the node is refused with forbidden, and the node stays")
    @Test
    void deleteByNonOwnerIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.delete(node);

        assertEquals("forbidden", Pubsub.condition(reply), "a stranger's delete: " + Pubsub.describe(reply));
        assertTrue(Pubsub.isResult(alice.items(node, null)), "the node is gone after a refused delete");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.4.3.2", level = MUST,
          requirement = "deleting a node that does not exist is refused with item-not-found (or forbidden: nobody holds"
                  + " rights at a missing node, and the XEP does not rank the two refusals)")
    @Test
    void deleteOfMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.delete(Pubsub.newNodeName());

        assertTrue(Pubsub.isMissingNodeRefusal(reply), "deleting a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.8.1.2", level = MUST,
          requirement = "the owner's list of a node's subscriptions shows a subscriber with the state subscribed")
    @Test
    void ownerSeesTheSubscribers(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        XmlElement reply = alice.ownerSubscriptions(node);

        assertTrue(Pubsub.isResult(reply), "the owner's subscriptions request was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.subscriptionElements(reply).stream().anyMatch(s -> bob.jid().equals(s.attribute("jid").orElse(null))
                && "subscribed".equals(s.attribute("subscription").orElse(null))), "bob is not listed as subscribed: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.8.1.3", level = MUST,
          requirement = "a user who does not own the node and asks for its subscriptions is refused with forbidden")
    @Test
    void subscriptionsListIsForbiddenToNonOwners(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.ownerSubscriptions(node);

        assertEquals("forbidden", Pubsub.condition(reply), "a stranger asking for the subscriptions list: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.8.3", level = MUST,
          requirement = "a subscription the owner sets to none is removed: the subscriber is no longer listed")
    @Test
    void ownerRemovesASubscriber(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        XmlElement reply = alice.setSubscription(node, bob.jid(), "none");

        assertTrue(Pubsub.isResult(reply), "the owner's removal of a subscriber was answered with " + Pubsub.describe(reply));
        XmlElement list = alice.ownerSubscriptions(node);
        assertFalse(Pubsub.subscriptionElements(list).stream().anyMatch(s -> bob.jid().equals(s.attribute("jid").orElse(null))
                && !"none".equals(s.attribute("subscription").orElse(null))), "bob is still listed after his removal: " + list.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.9.1.2", level = MUST,
          requirement = "the owner's list of a node's affiliations names the owner and a publisher the owner added")
    @Test
    void ownerSeesTheAffiliations(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        lab.setUp("alice makes bob a publisher", () -> {
            XmlElement set = alice.setAffiliation(node, bob.bareJid(), "publisher");
            assertTrue(Pubsub.isResult(set), "setting the publisher affiliation: " + Pubsub.describe(set));
        });

        XmlElement reply = alice.ownerAffiliations(node);

        assertTrue(Pubsub.isResult(reply), "the owner's affiliations request was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.affiliationElements(reply).stream().anyMatch(a -> alice.bareJid().equals(a.attribute("jid").orElse(null))
                && "owner".equals(a.attribute("affiliation").orElse(null))), "alice is not listed as owner: " + reply.toXml());
        assertTrue(Pubsub.affiliationElements(reply).stream().anyMatch(a -> bob.bareJid().equals(a.attribute("jid").orElse(null))
                && "publisher".equals(a.attribute("affiliation").orElse(null))), "bob is not listed as publisher: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.9.1.3", level = MUST,
          requirement = "a user who does not own the node and asks for its affiliations is refused with forbidden")
    @Test
    void affiliationsListIsForbiddenToNonOwners(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.ownerAffiliations(node);

        assertEquals("forbidden", Pubsub.condition(reply), "a stranger asking for the affiliations list: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.9.3", level = MUST,
          requirement = "an entity whose affiliation the owner sets to none is no longer in the affiliations list")
    @Test
    void affiliationSetToNoneIsRemoved(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        lab.setUp("alice makes bob a publisher", () -> {
            XmlElement set = alice.setAffiliation(node, bob.bareJid(), "publisher");
            assertTrue(Pubsub.isResult(set), "setting the publisher affiliation: " + Pubsub.describe(set));
        });

        XmlElement reply = alice.setAffiliation(node, bob.bareJid(), "none");

        assertTrue(Pubsub.isResult(reply), "setting bob's affiliation to none was answered with " + Pubsub.describe(reply));
        XmlElement list = alice.ownerAffiliations(node);
        assertFalse(Pubsub.affiliationElements(list).stream().anyMatch(a -> bob.bareJid().equals(a.attribute("jid").orElse(null))),
                "bob is still in the affiliations list: " + list.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.9.3", level = MUST,
          requirement = "once the owner sets a former publisher's affiliation to none, that user's publish is refused")
    @Test
    void formerPublisherCanNoLongerPublish(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#publish_model", "publishers"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        lab.setUp("alice makes bob a publisher and then takes it back", () -> {
            assertTrue(Pubsub.isResult(alice.setAffiliation(node, bob.bareJid(), "publisher")), "setting publisher");
            assertTrue(Pubsub.isResult(bob.publish(node, "while-publisher", Service.payload("allowed"), null)), "publishing as publisher");
            assertTrue(Pubsub.isResult(alice.setAffiliation(node, bob.bareJid(), "none")), "setting none");
        });

        XmlElement reply = bob.publish(node, "after-removal", Service.payload("no longer allowed"), null);

        assertFalse(Pubsub.isResult(reply), "a publish after the affiliation was removed was accepted");
        assertFalse(Pubsub.itemIds(alice.items(node, null)).contains("after-removal"), "the refused item was stored");
    }
}
