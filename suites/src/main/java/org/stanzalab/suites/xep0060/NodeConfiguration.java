package org.stanzalab.suites.xep0060;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0060.Service.VERSION;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;

/** XEP-0060 §8.2 and the effects of node configuration (§4.3, §7.1.2.5, §8.2.5.3). */
@StanzalabTest
class NodeConfiguration {

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.2", level = MUST,
          requirement = "the owner asking for a node's configuration gets a node_config data form")
    @Test
    void ownerGetsTheConfigurationForm(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);

        XmlElement reply = alice.configureForm(node);

        assertTrue(Pubsub.isResult(reply), "the owner's configuration request was answered with " + Pubsub.describe(reply));
        assertEquals(Pubsub.NODE_CONFIG, Pubsub.configuration(reply).get("FORM_TYPE"), "FORM_TYPE of the configuration form: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.5.1", level = MUST,
          requirement = "a configuration form the owner submits is answered with a result, and the new values are then in"
                  + " the node's configuration")
    @Test
    void submittedConfigurationIsApplied(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);

        XmlElement reply = alice.configure(node, Map.of("pubsub#title", "reconfigured by stanzalab", "pubsub#max_items", "5"));

        assertTrue(Pubsub.isResult(reply), "the submitted configuration was answered with " + Pubsub.describe(reply));
        Map<String, String> config = Pubsub.configuration(alice.configureForm(node));
        assertEquals("reconfigured by stanzalab", config.get("pubsub#title"), "title after the change: " + config);
        assertEquals("5", config.get("pubsub#max_items"), "max_items after the change: " + config);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.3.2", level = MUST,
          requirement = "a user who does not own the node and asks for its configuration is refused with forbidden")
    @Test
    void nonOwnerConfigurationRequestIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.configureForm(node);

        assertEquals("forbidden", Pubsub.condition(reply), "a non-owner's configuration request: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.3.2", level = MUST,
          requirement = "a configuration form submitted by a user who does not own the node is refused with forbidden and"
                  + " changes nothing")
    @Test
    void nonOwnerConfigurationSubmissionIsForbidden(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#title", "the owner's title"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.configure(node, Map.of("pubsub#title", "changed by a stranger"));

        assertEquals("forbidden", Pubsub.condition(reply), "a non-owner's configuration form: " + Pubsub.describe(reply));
        assertEquals("the owner's title", Pubsub.configuration(alice.configureForm(node)).get("pubsub#title"), "the title after the refused change");
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.3.5", level = MUST,
          requirement = "asking for the configuration of a node that does not exist is refused with item-not-found (or"
                  + " forbidden: nobody holds rights at a missing node, and the XEP does not rank the two refusals)")
    @Test
    void configurationOfMissingNodeIsItemNotFound(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.configureForm(Pubsub.newNodeName());

        assertTrue(Pubsub.isMissingNodeRefusal(reply), "configuration of a node that does not exist: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.3.3", level = SHOULD,
          requirement = "a configuration request that names no node is refused with bad-request")
    @Test
    void configurationRequestWithoutNodeIsBadRequest(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        XmlElement reply = alice.configureForm(null);

        assertEquals("bad-request", Pubsub.condition(reply), "a configuration request without a node: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2.5", level = MUST,
          requirement = "a node whose max_items is reached either drops an old item or refuses the new one: it never holds"
                  + " more items than max_items")
    @Test
    void nodeNeverHoldsMoreThanMaxItems(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#max_items", "2", "pubsub#persist_items", "1"));
        Service.published(lab, alice, node, "first", "1");
        Service.published(lab, alice, node, "second", "2");

        XmlElement third = alice.publish(node, "third", Service.payload("3"), null);

        List<String> ids = Pubsub.itemIds(alice.items(node, null));
        assertTrue(ids.size() <= 2, "a node with max_items 2 holds " + ids);
        if (Pubsub.isResult(third)) {
            assertTrue(ids.contains("third"), "the third publish was accepted but the item is not stored: " + ids);
        }
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "7.1.2.5", level = SHOULD,
          requirement = "when max_items is reached the oldest item makes way for the new one (retract-oldest, the default)")
    @Test
    void fullNodeDropsTheOldestItem(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#max_items", "2", "pubsub#persist_items", "1"));
        Service.published(lab, alice, node, "first", "1");
        Service.published(lab, alice, node, "second", "2");

        XmlElement third = alice.publish(node, "third", Service.payload("3"), null);

        assertTrue(Pubsub.isResult(third), "a publish to a full node was answered with " + Pubsub.describe(third));
        List<String> ids = Pubsub.itemIds(alice.items(node, null));
        assertFalse(ids.contains("first"), "the oldest item is still there: " + ids);
        assertTrue(ids.contains("second") && ids.contains("third"), "the node should hold second and third: " + ids);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "4.3", level = MUST,
          requirement = "a node configured not to deliver payloads sends notifications with the item id but without the"
                  + " payload")
    @Test
    void notificationOnlyNodeSendsNoPayload(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#deliver_payloads", "0"));
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        Service.published(lab, alice, node, "quiet", "not for the notification");

        XmlElement notification = bob.expectEvent("a notification of item quiet", Pubsub.itemPublished(node, "quiet"));
        XmlElement item = Pubsub.eventItem(notification, "quiet").orElseThrow();
        assertTrue(item.children().isEmpty(), "the notification of a node without payload delivery carries a payload: " + notification.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.2.5.3", level = MUST,
          requirement = "with notify_config on, a change of the node's configuration is notified to its subscribers")
    @Test
    void configurationChangeIsNotifiedWhenAskedFor(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.ownedNode(lab, alice, Map.of("pubsub#notify_config", "1"));
        String notifyConfig = Pubsub.configuration(alice.configureForm(node)).get("pubsub#notify_config");
        lab.requireThat(notifyConfig != null && Pubsub.isTrue(notifyConfig), "the node's configuration form "
                + (notifyConfig == null ? "has no pubsub#notify_config field" : "shows pubsub#notify_config " + notifyConfig)
                + " after it was asked for at creation: the service does not offer configuration notifications");
        Pubsub bob = Service.login(lab, lab.newUser(), service);
        Service.subscribed(lab, bob, node);

        lab.setUp("changing the node's title", () -> {
            XmlElement reply = alice.configure(node, Map.of("pubsub#title", "a new title"));
            assertTrue(Pubsub.isResult(reply), "the configuration change was answered with " + Pubsub.describe(reply));
        });

        bob.expectEvent("a configuration notification for " + node, Pubsub.eventFor(node, "configuration", c -> true));
    }
}
