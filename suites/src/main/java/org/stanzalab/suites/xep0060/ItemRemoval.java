package org.stanzalab.suites.xep0060;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.xep0060.Service.VERSION;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** XEP-0060 §7.2 (retract an item) and §8.5 (purge a node). */
@StanzalabTest
class ItemRemoval {

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.2", level = MUST,
          requirement = "a retracted item is deleted from the node")
    @Test
    void retractedItemIsDeleted(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#max_items", "10"));
        Service.published(lab, alice, node, "keep", "1");
        Service.published(lab, alice, node, "drop", "2");

        XmlElement reply = alice.retract(node, "drop", false);

        assertTrue(Pubsub.isResult(reply), "the retraction was answered with " + Pubsub.describe(reply));
        List<String> ids = Pubsub.itemIds(alice.items(node, null));
        assertFalse(ids.contains("drop"), "the retracted item is still in the node: " + ids);
        assertTrue(ids.contains("keep"), "the other item went too: " + ids);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.2.1", level = MUST,
          requirement = "a retraction with notify set tells every subscriber which item was retracted")
    @Test
    void retractionWithNotifyIsSentToSubscribers(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);
        Service.published(lab, alice, node, "short-lived", "soon gone");

        lab.setUp("alice retracts the item with notify", () -> {
            XmlElement reply = alice.retract(node, "short-lived", true);
            assertTrue(Pubsub.isResult(reply), "the retraction was answered with " + Pubsub.describe(reply));
        });

        bob.expectEvent("a retract notification for item short-lived", Pubsub.eventFor(node, "items",
                items -> items.children("retract", Pubsub.EVENT).stream().anyMatch(r -> "short-lived".equals(r.attribute("id").orElse(null)))));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.3.1", level = MUST,
          requirement = "a retraction by a user without the right to delete the item is refused with forbidden, and the"
                  + " item stays")
    @Test
    void retractionWithoutRightsIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Service.published(lab, alice, node, "alices", "mine");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.retract(node, "alices", false);

        assertEquals("forbidden", Pubsub.condition(reply), "a stranger retracting the owner's item: " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(alice.items(node, null)).contains("alices"), "the item is gone after a refused retraction");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.3.2", level = MUST,
          requirement = "retracting from a node that does not exist is refused with item-not-found (or forbidden: nobody"
                  + " holds rights at a missing node, and the XEP does not rank the two refusals)")
    @Test
    void retractionAtMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.retract(Pubsub.newNodeName(), "anything", false);

        assertTrue(Pubsub.isMissingNodeRefusal(reply), "retracting at a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.3.2", level = MUST,
          requirement = "retracting an item id the node does not hold is refused with item-not-found")
    @Test
    void retractionOfMissingItemIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Service.published(lab, alice, node, "present", "1");

        XmlElement reply = alice.retract(node, "never-published", false);

        assertEquals("item-not-found", Pubsub.condition(reply), "retracting an item that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.3.3", level = MUST,
          requirement = "a retraction that names no node is refused with bad-request")
    @Test
    void retractionWithoutNodeIsBadRequest(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.rawPubsub("set", "<retract><item id='x'/></retract>");

        assertEquals("bad-request", Pubsub.condition(reply), "a retraction without a node: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.2.3.4", level = MUST,
          requirement = "a retraction without an item id is refused with bad-request, and the node's items stay")
    @Test
    void retractionWithoutItemIdIsBadRequest(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Service.published(lab, alice, node, "stays", "1");

        XmlElement reply = alice.rawPubsub("set", "<retract node='" + XmlEscape.attribute(node) + "'><item/></retract>");

        assertEquals("bad-request", Pubsub.condition(reply), "a retraction whose item has no id: " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(alice.items(node, null)).contains("stays"), "the item is gone after a refused retraction");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.5.2", level = MUST,
          requirement = "a purge by the owner removes every item of the node")
    @Test
    void purgeRemovesEveryItem(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#max_items", "10"));
        Service.published(lab, alice, node, "one", "1");
        Service.published(lab, alice, node, "two", "2");

        XmlElement reply = alice.purge(node);

        if ("feature-not-implemented".equals(Pubsub.condition(reply))) {
            throw new org.stanzalab.engine.Impossible("the service does not purge nodes (feature-not-implemented, §8.5.3.1): " + reply.toXml());
        }
        assertTrue(Pubsub.isResult(reply), "the owner's purge was answered with " + Pubsub.describe(reply));
        assertEquals(List.of(), Pubsub.itemIds(alice.items(node, null)), "items left after the purge");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.5.2", level = MUST,
          requirement = "on a node that notifies retractions, a purge sends each subscriber one purge notification")
    @Test
    void purgeIsNotifiedToSubscribers(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#notify_retract", "1"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);
        Service.published(lab, alice, node, "one", "1");

        lab.setUp("alice purges the node", () -> {
            XmlElement reply = alice.purge(node);
            assertTrue(Pubsub.isResult(reply), "the purge was answered with " + Pubsub.describe(reply));
        });

        bob.expectEvent("a purge notification for " + node, Pubsub.eventFor(node, "purge", p -> true));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.5.3.2", level = MUST,
          requirement = "a purge by a user who does not own the node is refused with forbidden, and the items stay")
    @Test
    void purgeByNonOwnerIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Service.published(lab, alice, node, "stays", "1");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.purge(node);

        assertEquals("forbidden", Pubsub.condition(reply), "a stranger's purge: " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(alice.items(node, null)).contains("stays"), "items are gone after a refused purge");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.5.3.4", level = MUST,
          requirement = "purging a node that does not exist is refused with item-not-found (or forbidden: nobody holds"
                  + " rights at a missing node, and the XEP does not rank the two refusals)")
    @Test
    void purgeOfMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.purge(Pubsub.newNodeName());

        assertTrue(Pubsub.isMissingNodeRefusal(reply), "purging a node that does not exist: " + Pubsub.describe(reply));
    }
}
