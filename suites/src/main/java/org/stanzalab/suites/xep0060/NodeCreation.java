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
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.wire.XmlElement;

/** XEP-0060 §8.1 and §5: creating nodes on the server's pubsub service, and what discovery then says about them. */
@StanzalabTest
class NodeCreation {

    @Spec(document = "XEP-0060", version = VERSION, section = "8.1.1", level = MUST,
          requirement = "a node created under a name the requester chose is answered with a result, and the node then exists"
                  + " (its items can be asked for)")
    @Test
    void namedNodeIsCreated(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        String node = Service.node(lab, alice, null);

        XmlElement items = alice.items(node, null);
        assertTrue(Pubsub.isResult(items), "the items of the node just created were answered with " + Pubsub.describe(items));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.1.1", level = SHOULD,
          requirement = "a create request without a node name gets a node name the service made up, returned in the result,"
                  + " unless the service refuses instant nodes with not-acceptable and nodeid-required")
    @Test
    void instantNodeGetsANameFromTheService(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        Service.node(lab, alice, null); // only to learn that this account may create nodes at all

        XmlElement reply = alice.create(null, null);

        if ("not-acceptable".equals(Pubsub.condition(reply)) && "nodeid-required".equals(Pubsub.pubsubCondition(reply))) {
            throw new Impossible("the service does not offer instant nodes (refused with not-acceptable/nodeid-required, as §8.1.1 allows)");
        }
        assertTrue(Pubsub.isResult(reply), "an instant node request was answered with " + Pubsub.describe(reply));
        String node = Pubsub.payload(reply, "create").flatMap(c -> c.attribute("node")).orElse("");
        if (!node.isEmpty()) {
            Service.deletedAtEnd(lab, alice, node);
        }
        assertFalse(node.isEmpty(), "the result of an instant node request names no node: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.1.1", level = MUST,
          requirement = "creating a node under a name that already exists is refused with conflict")
    @Test
    void existingNodeNameIsAConflict(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.node(lab, alice, null);
        Pubsub bob = Service.login(lab, lab.newUser(), service);

        XmlElement reply = bob.create(node, null);

        assertEquals("conflict", Pubsub.condition(reply), "creating the existing node " + node + " again: " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.1.3", level = SHOULD,
          requirement = "a node created together with a configuration form gets that configuration (title and max_items"
                  + " read back by the owner)")
    @Test
    void configurationSentWithCreationIsApplied(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);

        String node = Service.node(lab, alice, Map.of("pubsub#title", "created configured", "pubsub#max_items", "7"));

        Map<String, String> config = Pubsub.configuration(alice.configureForm(node));
        assertEquals("created configured", config.get("pubsub#title"), "title of the node created with a configuration: " + config);
        assertEquals("7", config.get("pubsub#max_items"), "max_items of the node created with a configuration: " + config);
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "8.1.2", level = MUST,
          requirement = "a creation that asks for an access model the service does not know is refused with not-acceptable"
                  + " and unsupported-access-model")
    @Test
    void unknownAccessModelIsRefusedAtCreation(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        Service.node(lab, alice, null);
        String node = Pubsub.newNodeName();

        XmlElement reply = alice.create(node, Map.of("pubsub#access_model", "stanzalab-no-such-model"));

        if (Pubsub.isResult(reply)) {
            Service.deletedAtEnd(lab, alice, node);
        }
        assertEquals("not-acceptable", Pubsub.condition(reply), "creation with an unknown access model: " + Pubsub.describe(reply));
        assertEquals("unsupported-access-model", Pubsub.pubsubCondition(reply), "pubsub condition of the refusal: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.3", level = MUST,
          requirement = "disco#info of a node names it with the identity category pubsub and a type such as leaf")
    @Test
    void nodeInfoHasPubsubIdentity(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.node(lab, alice, null);

        XmlElement info = alice.discoInfo(node);

        assertTrue(Pubsub.isResult(info), "disco#info of node " + node + " was answered with " + Pubsub.describe(info));
        List<XmlElement> identities = info.child("query", Pubsub.DISCO_INFO).map(q -> q.children("identity", Pubsub.DISCO_INFO)).orElse(List.of());
        assertTrue(identities.stream().anyMatch(i -> "pubsub".equals(i.attribute("category").orElse(null))
                        && List.of("leaf", "collection").contains(i.attribute("type").orElse(""))),
                "disco#info of the node has no pubsub/leaf or pubsub/collection identity: " + info.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.2", level = SHOULD,
          requirement = "disco#items of the service lists an open node that was just created")
    @Test
    void serviceItemsListTheNewNode(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.node(lab, alice, null);

        XmlElement items = alice.discoItems(null);

        assertTrue(Pubsub.isResult(items), "disco#items of the service was answered with " + Pubsub.describe(items));
        assertTrue(items.child("query", Pubsub.DISCO_ITEMS).map(q -> q.children("item", Pubsub.DISCO_ITEMS).stream()
                .anyMatch(i -> node.equals(i.attribute("node").orElse(null)))).orElse(false),
                "disco#items of the service does not list node " + node + ": " + items.toXml());
    }

    @Spec(document = "XEP-0060", version = VERSION, section = "5.5", level = MUST,
          requirement = "where disco#items of a node lists its published items, each is named by its item id and has no"
                  + " node attribute")
    @Test
    void nodeItemsAreNamedByItemId(Lab lab) {
        String service = Service.find(lab);
        Pubsub alice = Service.login(lab, lab.newUser(), service);
        String node = Service.node(lab, alice, null);
        Service.published(lab, alice, node, "first-item", "one");

        XmlElement reply = alice.discoItems(node);

        assertTrue(Pubsub.isResult(reply), "disco#items of node " + node + " was answered with " + Pubsub.describe(reply));
        List<XmlElement> listed = reply.child("query", Pubsub.DISCO_ITEMS).map(q -> q.children("item", Pubsub.DISCO_ITEMS)).orElse(List.of());
        // Listing items there is optional (§5.5 MAY); the naming rule applies to what is listed.
        if (listed.isEmpty()) {
            throw new Impossible("disco#items of the node lists no items, which §5.5 allows");
        }
        assertTrue(listed.stream().allMatch(i -> i.attribute("node").isEmpty()), "a listed item has a node attribute: " + reply.toXml());
        assertTrue(listed.stream().anyMatch(i -> "first-item".equals(i.attribute("name").orElse(null))),
                "no listed item is named first-item (its item id): " + reply.toXml());
    }
}
