package org.stanzalab.suites.xep0223;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0223 Persistent Storage of Private Data via PubSub: a node of the user's own PEP service, created by a publish
 * with publish-options, persistent and whitelisted. Every node has a random name under our own namespace and is
 * deleted at the end (the account is fresh as well).
 */
@StanzalabTest
@FreshAccounts("the account's PEP nodes must be only those this test made")
class PrivatePep {
    private static final String VERSION = "1.1.1";
    private static final String PAYLOAD_NS = "urn:stanzalab:test:private-pep";

    private static String node() {
        return PAYLOAD_NS + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String payload(String text) {
        return "<secret xmlns='" + PAYLOAD_NS + "'>" + text + "</secret>";
    }

    private static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    @Spec(document = "XEP-0223", version = VERSION, section = "3", level = MUST,
          requirement = "publishing with private publish-options to a node that does not exist creates it, and the owner"
                  + " can read the item back")
    @Test
    void publishCreatesThePrivateNodeAndKeepsTheItem(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String node = node();
        PepNodes.deletedAtEnd(lab, alice, node);

        XmlElement reply = PepNodes.publish(alice, node, "current", payload("only for me"), PepNodes.privateOptions());

        assertTrue(Stanzas.hasType(reply, "result"), "a publish with private publish-options to a new node was answered with " + Stanzas.describe(reply));
        List<XmlElement> items = PepNodes.itemsOf(PepNodes.items(alice, null, node));
        XmlElement item = PepNodes.item(items, "current").orElseThrow(() -> new AssertionError("the item is not in the node: " + items));
        assertEquals("only for me", item.child("secret", PAYLOAD_NS).map(XmlElement::text).orElse(null), "payload read back: " + item.toXml());
    }

    @Spec(document = "XEP-0223", version = VERSION, section = "2", level = MUST,
          requirement = "a node created with the private publish-options is persistent and has the whitelist access model")
    @Test
    void privateNodeIsPersistentAndWhitelisted(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String node = node();
        PepNodes.published(lab, alice, node, "current", payload("x"), PepNodes.privateOptions());

        Map<String, String> config = PepNodes.configuration(alice, node);

        assertEquals("whitelist", config.get("pubsub#access_model"), "access model of the node: " + config);
        String persist = config.get("pubsub#persist_items");
        assertTrue("1".equals(persist) || "true".equals(persist), "persist_items of the node: " + config);
    }

    @Spec(document = "XEP-0223", version = VERSION, section = "2", level = MUST,
          requirement = "items of a private node are not given to anyone else, even a contact subscribed to the user's"
                  + " presence")
    @Test
    void privateItemsAreNotGivenToContacts(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        lab.setUp("bob subscribed to alice's presence", () -> {
            Session alice = aliceAccount.connect().available();
            Session bob = bobAccount.connect().available();
            Subscription.establish(lab, bob, alice, true);
            alice.close();
            bob.close();
        });
        RawSession alice = login(lab, aliceAccount);
        String node = node();
        PepNodes.published(lab, alice, node, "current", payload("only for me"), PepNodes.privateOptions());
        RawSession bob = login(lab, bobAccount);

        XmlElement reply = PepNodes.items(bob, aliceAccount.jid().toString(), node);

        if (Stanzas.hasType(reply, "result") && !PepNodes.itemsOf(reply).isEmpty()) {
            fail("a contact read the items of a whitelisted private node: " + reply.toXml());
        }
        assertTrue(Stanzas.hasType(reply, "error"), "a contact's request for a private node's items must be refused: " + reply.toXml());
    }

    @Spec(document = "XEP-0223", version = VERSION, section = "3", level = MUST,
          requirement = "the service honours publish-options: a publish whose options contradict the node's configuration"
                  + " is refused (conflict with the pubsub condition precondition-not-met, as XEP-0060 processes"
                  + " preconditions) and the item is not stored")
    @Test
    void conflictingPublishOptionsAreRefused(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String node = node();
        PepNodes.published(lab, alice, node, "first", payload("open"), Map.of("pubsub#access_model", "open"));

        XmlElement reply = PepNodes.publish(alice, node, "second", payload("meant to be private"), PepNodes.privateOptions());

        assertEquals("conflict", Stanzas.errorCondition(reply), "a publish with whitelist options to an open node: " + reply.toXml());
        assertTrue(reply.child("error", "jabber:client").map(e -> e.hasChild("precondition-not-met", PepNodes.PUBSUB + "#errors")).orElse(false),
                "the refusal lacks <precondition-not-met xmlns='" + PepNodes.PUBSUB + "#errors'/>: " + reply.toXml());
        assertTrue(PepNodes.item(PepNodes.itemsOf(PepNodes.items(alice, null, node)), "second").isEmpty(),
                "the item was stored in the open node although its options were refused");
    }

    @Spec(document = "XEP-0223", version = VERSION, section = "5", level = MUST,
          requirement = "a server whose PEP service accepts private publishes shows the pubsub/pep identity and the"
                  + " publish-options feature")
    @Test
    void serverThatStoresPrivateDataAdvertisesPepAndPublishOptions(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String node = node();
        PepNodes.deletedAtEnd(lab, alice, node);
        XmlElement published = PepNodes.publish(alice, node, "current", payload("x"), PepNodes.privateOptions());
        lab.requireThat(Stanzas.hasType(published, "result"), "the server does not accept private publishes: " + published.toXml());

        // §5 has the client ask the server itself (its domain), and the server answer with both
        XmlElement info = PepNodes.info(alice, lab.domain());

        assertTrue(PepNodes.hasIdentity(info, "pubsub", "pep"), "the server's disco#info lacks the pubsub/pep identity: " + info.toXml());
        assertTrue(PepNodes.hasFeature(info, PepNodes.PUBLISH_OPTIONS), "the server's disco#info lacks " + PepNodes.PUBLISH_OPTIONS + ": " + info.toXml());
    }
}
