package org.stanzalab.suites.xep0060;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0060.Service.PAYLOAD_NS;
import static org.stanzalab.suites.xep0060.Service.VERSION;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;

/** XEP-0060 §7.1 and §6.5: publishing items, their notifications, and retrieving them. */
@StanzalabTest
class Publishing {

    private static String text(XmlElement item) {
        return item.childText("entry", PAYLOAD_NS).orElse(null);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.1", level = MUST,
          requirement = "an item published without an id gets one from the service, and it is stored under that id")
    @Test
    void itemWithoutIdGetsOneFromTheService(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);

        XmlElement reply = alice.publish(node, null, Service.payload("no id given"), null);

        assertTrue(Pubsub.isResult(reply), "a publish without item id was answered with " + Pubsub.describe(reply));
        List<XmlElement> items = Pubsub.items(alice.items(node, null));
        assertEquals(1, items.size(), "items of the node after one publish: " + items);
        assertFalse(items.get(0).attribute("id").orElse("").isEmpty(), "the stored item has no id: " + items.get(0).toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2", level = SHOULD,
          requirement = "the result of a publish without item id names the id the service gave the item")
    @Test
    void resultNamesTheGeneratedItemId(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);

        XmlElement reply = alice.publish(node, null, Service.payload("no id given"), null);

        assertTrue(Pubsub.isResult(reply), "a publish without item id was answered with " + Pubsub.describe(reply));
        String id = Pubsub.payload(reply, "publish").flatMap(p -> p.child("item", Pubsub.PUBSUB)).flatMap(i -> i.attribute("id")).orElse("");
        assertFalse(id.isEmpty(), "the publish result names no item id: " + reply.toXml());
        assertEquals(List.of(id), Pubsub.itemIds(alice.items(node, null)), "the id in the result is not the stored item's id");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2", level = MUST,
          requirement = "a subscriber gets a notification of a published item with its item id and, by default, its payload")
    @Test
    void subscriberIsNotifiedWithItemIdAndPayload(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#deliver_payloads", "1"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        Service.published(lab, alice, node, "news-1", "hello subscribers");

        XmlElement notification = bob.expectEvent("a notification of item news-1 at " + node, Pubsub.itemPublished(node, "news-1"));
        assertEquals("hello subscribers", text(Pubsub.eventItem(notification, "news-1").orElseThrow()),
                "payload in the notification: " + notification.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2", level = MUST,
          requirement = "republishing an item id replaces the stored item instead of failing")
    @Test
    void republishingAnItemIdOverwritesIt(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Service.published(lab, alice, node, "same", "old text");

        XmlElement reply = alice.publish(node, "same", Service.payload("new text"), null);

        assertTrue(Pubsub.isResult(reply), "republishing an existing item id was answered with " + Pubsub.describe(reply));
        List<XmlElement> items = Pubsub.items(alice.items(node, null, "same"));
        assertEquals(1, items.size(), "items with id 'same': " + items);
        assertEquals("new text", text(items.get(0)), "the stored item after republishing: " + items.get(0).toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2", level = MUST,
          requirement = "republishing an item id notifies the subscribers again, with the new payload")
    @Test
    void republishingNotifiesAgain(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);
        Service.published(lab, alice, node, "same", "first version");
        bob.expectEvent("the notification of the first version", Pubsub.itemPublished(node, "same"));

        Service.published(lab, alice, node, "same", "second version");

        XmlElement again = bob.expectEvent("a notification of the republished item", Pubsub.itemPublished(node, "same"));
        assertEquals("second version", text(Pubsub.eventItem(again, "same").orElseThrow()), "payload of the second notification: " + again.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.3.3", level = MUST,
          requirement = "a publish to a node that does not exist is refused with item-not-found (or forbidden: nobody"
                  + " holds rights at a missing node), unless the service creates nodes on publish (auto-create)")
    @Test
    void publishToMissingNodeIsItemNotFoundWithoutAutoCreate(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        String node = Pubsub.newNodeName();

        XmlElement reply = bob.publish(node, "x", Service.payload("to nowhere"), null);

        if (Pubsub.isResult(reply)) {
            Service.deletedAtEnd(lab, bob, node);
            XmlElement info = bob.discoInfo(null);
            assertTrue(info.child("query", Pubsub.DISCO_INFO).map(q -> q.children("feature", Pubsub.DISCO_INFO).stream()
                            .anyMatch(f -> (Pubsub.PUBSUB + "#auto-create").equals(f.attribute("var").orElse(null)))).orElse(false),
                    "a publish to a missing node succeeded, but the service does not advertise auto-create (§7.1.4 requires it then)");
            return;
        }
        assertTrue(Pubsub.isMissingNodeRefusal(reply), "a publish to a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.3.1", level = MUST,
          requirement = "a publish by a user without publishing rights (publish_model publishers) is refused with"
                  + " forbidden, and nothing is stored")
    @Test
    void publishWithoutRightsIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#publish_model", "publishers"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.publish(node, "intruder", Service.payload("not allowed"), null);

        assertEquals("forbidden", Pubsub.condition(reply), "a publish by a user without an affiliation: " + Pubsub.describe(reply));
        assertFalse(Pubsub.itemIds(alice.items(node, null)).contains("intruder"), "the refused item was stored");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "4.1", level = MUST,
          requirement = "an affiliation is held by the bare JID: once the owner makes bob a publisher, any resource of his"
                  + " may publish")
    @Test
    void publisherAffiliationLetsAnyResourcePublish(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#publish_model", "publishers"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        lab.setUp("alice makes bob's bare JID a publisher", () -> {
            XmlElement set = alice.setAffiliation(node, bob.bareJid(), "publisher");
            assertTrue(Pubsub.isResult(set), "setting the publisher affiliation: " + Pubsub.describe(set));
        });

        XmlElement reply = bob.publish(node, "from-bob", Service.payload("published by a publisher"), null);

        assertTrue(Pubsub.isResult(reply), "a publish by a publisher's resource was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(alice.items(node, null)).contains("from-bob"), "the publisher's item is not stored");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.5", level = MUST,
          requirement = "a publish whose publish-options do not match the node's configuration is refused with conflict"
                  + " and precondition-not-met")
    @Test
    void unmetPreconditionIsAConflict(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open"));
        XmlElement info = alice.discoInfo(null);
        lab.requireThat(info.child("query", Pubsub.DISCO_INFO).map(q -> q.children("feature", Pubsub.DISCO_INFO).stream()
                .anyMatch(f -> Pubsub.PUBLISH_OPTIONS.equals(f.attribute("var").orElse(null)))).orElse(false),
                "the service does not advertise " + Pubsub.PUBLISH_OPTIONS);

        XmlElement reply = alice.publish(node, "guarded", Service.payload("x"), Map.of("pubsub#access_model", "whitelist"));

        assertEquals("conflict", Pubsub.condition(reply), "a publish with a precondition the node does not meet: " + Pubsub.describe(reply));
        assertEquals("precondition-not-met", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.3", level = SHOULD,
          requirement = "a request for all items of a node returns every item published to it")
    @Test
    void allItemsAreReturned(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#max_items", "10"));
        Service.published(lab, alice, node, "a", "1");
        Service.published(lab, alice, node, "b", "2");
        Service.published(lab, alice, node, "c", "3");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.items(node, null);

        assertTrue(Pubsub.isResult(reply), "a request for all items was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.itemIds(reply).containsAll(List.of("a", "b", "c")), "all items of the node: " + Pubsub.itemIds(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.7", level = SHOULD,
          requirement = "a request with max_items N returns the N most recent items")
    @Test
    void maxItemsReturnsTheMostRecent(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#max_items", "10"));
        Service.published(lab, alice, node, "oldest", "1");
        Service.published(lab, alice, node, "middle", "2");
        Service.published(lab, alice, node, "newest", "3");

        XmlElement reply = alice.items(node, 2);

        assertTrue(Pubsub.isResult(reply), "a request with max_items was answered with " + Pubsub.describe(reply));
        List<String> ids = Pubsub.itemIds(reply);
        assertEquals(2, ids.size(), "items returned for max_items 2: " + ids);
        assertTrue(ids.containsAll(List.of("middle", "newest")), "max_items 2 should give the two most recent: " + ids);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.1", level = SHOULD,
          requirement = "on an open node a user who is not subscribed may retrieve an item by its id: that item comes back"
                  + " with its payload, and no other")
    @Test
    void itemIsReturnedById(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "open", "pubsub#max_items", "10"));
        Service.published(lab, alice, node, "wanted", "this one");
        Service.published(lab, alice, node, "other", "not this one");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.items(node, null, "wanted");

        assertTrue(Pubsub.isResult(reply), "a request for one item was answered with " + Pubsub.describe(reply));
        List<XmlElement> items = Pubsub.items(reply);
        assertEquals(List.of("wanted"), Pubsub.itemIds(reply), "items returned for id 'wanted'");
        assertEquals("this one", text(items.get(0)), "payload of the item: " + items.get(0).toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.9.11", level = SHOULD,
          requirement = "a request for the items of a node that does not exist is refused with item-not-found")
    @Test
    void itemsOfMissingNodeAreItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.items(Pubsub.newNodeName(), null);

        assertEquals("item-not-found", Pubsub.condition(reply), "items of a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.9.12", level = SHOULD,
          requirement = "a request for an item id that does not exist is answered with a result holding no items")
    @Test
    void unknownItemIdGivesAnEmptyResult(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Service.published(lab, alice, node, "exists", "1");

        XmlElement reply = alice.items(node, null, "does-not-exist");

        assertTrue(Pubsub.isResult(reply), "a request for an unknown item id was answered with " + Pubsub.describe(reply));
        assertTrue(Pubsub.items(reply).isEmpty(), "items returned for an unknown id: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.9.8", level = MUST,
          requirement = "items of a whitelist node asked for by someone not on the list are refused with not-allowed and"
                  + " closed-node")
    @Test
    void whitelistNodeItemsAreRefusedToOutsiders(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "whitelist"));
        Service.published(lab, alice, node, "private", "for the list only");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.items(node, null);

        assertEquals("not-allowed", Pubsub.condition(reply), "a stranger asking for a whitelist node's items: " + Pubsub.describe(reply));
        assertEquals("closed-node", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "6.5.9.6", level = MUST,
          requirement = "items of a presence-access node asked for by someone not subscribed to the owner's presence are"
                  + " refused with not-authorized")
    @Test
    void presenceNodeItemsAreRefusedToNonContacts(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#access_model", "presence"));
        Service.published(lab, alice, node, "for-contacts", "contacts only");
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.items(node, null);

        assertEquals("not-authorized", Pubsub.condition(reply), "a non-contact asking for a presence node's items: " + Pubsub.describe(reply));
    }
}
