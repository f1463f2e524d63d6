package org.stanzalab.suites.xep0373;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.xep0373.OpenPgpNodes.METADATA;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0384.Carriage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0373 §4: public keys announced through PEP, a metadata node listing the fingerprints and a data node per key,
 * both published with the open access model so that users without a presence subscription can encrypt to the owner.
 * The server's part is PEP's: the open model honoured (XEP-0163 §5), the newest item served, contacts notified.
 * Alice publishes, Bob is her contact, Carol a stranger.
 */
@StanzalabTest
@FreshAccounts("the OpenPGP metadata node has a fixed name: the account must have none but the one this test publishes")
class PublicKeys {

    /** The two public nodes of §4.1 and §4.2. */
    enum Node {
        METADATA_NODE("metadata"),
        DATA_NODE("data");

        private final String key;

        Node(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "5", level = MUST,
          requirement = "PEP supports the open access model: an OpenPGP key node published with access_model open is"
                  + " read by a user with no presence subscription, the payload canonically unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Node.class)
    void openKeyNodeIsReadByAStranger(Node kind, Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        String fingerprint = OpenPgpNodes.newFingerprint();
        String node = kind == Node.METADATA_NODE ? METADATA : OpenPgpNodes.dataNode(fingerprint);
        String payload = kind == Node.METADATA_NODE ? OpenPgpNodes.metadata(fingerprint) : OpenPgpNodes.pubkey();
        String itemId = OpenPgpNodes.timestamp(Instant.now());
        OpenPgpNodes.published(lab, alice, node, itemId, payload, OpenPgpNodes.open());
        RawSession carol = OpenPgpNodes.login(lab, lab.newUser());

        XmlElement reply = OpenPgpNodes.of(carol, aliceAccount).items(node, null);

        assertTrue(Pubsub.isResult(reply), "a stranger's request for the open node " + node + " was answered with " + Pubsub.describe(reply));
        List<XmlElement> items = Pubsub.items(reply);
        assertEquals(List.of(itemId), Pubsub.itemIds(reply), "items of " + node + " the stranger read: " + reply.toXml());
        XmlElement sent = Offline.parse(payload);
        XmlElement read = items.get(0).child(sent.name(), sent.namespace())
                .orElseThrow(() -> new AssertionError("the item holds no " + sent.name() + ": " + items.get(0).toXml()));
        assertEquals(Carriage.canonical(sent), Carriage.canonical(read), "the " + sent.name() + " the stranger read differs from the one published");
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "6.5.7", level = SHOULD,
          requirement = "a request for a key data node's items with max_items 1 (as XEP-0373 §4.4 shows) returns the"
                  + " newest key, not an older one")
    @Test
    void maxItemsOneReturnsTheNewestKey(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        String node = OpenPgpNodes.dataNode(OpenPgpNodes.newFingerprint());
        String older = OpenPgpNodes.timestamp(Instant.now().minusSeconds(3600));
        String newer = OpenPgpNodes.timestamp(Instant.now());
        OpenPgpNodes.published(lab, alice, node, older, OpenPgpNodes.pubkey(), OpenPgpNodes.open());
        OpenPgpNodes.published(lab, alice, node, newer, OpenPgpNodes.pubkey(), OpenPgpNodes.open());
        RawSession carol = OpenPgpNodes.login(lab, lab.newUser());

        XmlElement reply = OpenPgpNodes.of(carol, aliceAccount).items(node, 1);

        assertTrue(Pubsub.isResult(reply), "a stranger's request for the newest key was answered with " + Pubsub.describe(reply));
        List<String> ids = Pubsub.itemIds(reply);
        lab.requireThat(ids.size() <= 1, "the service does not limit results by max_items, which XEP-0060 §6.5.7 leaves to it: " + ids);
        assertEquals(List.of(newer), ids, "the item returned for max_items 1 (published " + older + ", then " + newer + ")");
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "4.3.3", level = MUST,
          requirement = "a contact online with caps asking for urn:xmpp:openpgp:0:public-keys+notify is sent the new"
                  + " metadata when the owner announces a key")
    @Test
    void contactIsNotifiedOfTheMetadata(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OpenPgpNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        RawSession bob = OpenPgpNodes.online(lab, bobAccount, METADATA);
        String fingerprint = OpenPgpNodes.newFingerprint();
        String itemId = OpenPgpNodes.timestamp(Instant.now());

        OpenPgpNodes.published(lab, alice, METADATA, itemId, OpenPgpNodes.metadata(fingerprint), OpenPgpNodes.open());

        XmlElement notification = bob.expect("a notification of alice's OpenPGP metadata", Pubsub.itemPublished(METADATA, itemId));
        // XEP-0373 §4.5 lets the node send notifications without payload; this one has the default, with payload
        String listed = Pubsub.eventItem(notification, itemId).flatMap(i -> i.child("public-keys-list", OpenPgpNodes.NS))
                .flatMap(l -> l.child("pubkey-metadata", OpenPgpNodes.NS)).flatMap(m -> m.attribute("v4-fingerprint")).orElse(null);
        assertEquals(fingerprint, listed, "fingerprint in the notification: " + notification.toXml());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.2", level = MUST,
          requirement = "a metadata node published notification-only (deliver_payloads false, as XEP-0373 §4.5 advises)"
                  + " still sends a contact with +notify a notification, with the item id (the payload may be left out)")
    @Test
    void notificationOnlyMetadataStillNotifiesTheItemId(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        OpenPgpNodes.contacts(lab, aliceAccount, bobAccount);
        RawSession alice = OpenPgpNodes.online(lab, aliceAccount);
        RawSession bob = OpenPgpNodes.online(lab, bobAccount, METADATA);
        OpenPgpNodes.published(lab, alice, METADATA, OpenPgpNodes.timestamp(Instant.now().minusSeconds(60)),
                OpenPgpNodes.metadata(OpenPgpNodes.newFingerprint()), OpenPgpNodes.open());
        // configured by the owner rather than by publish-options, which not every service takes for this field
        lab.setUp("alice makes the metadata node notification-only", () -> {
            XmlElement reply = OpenPgpNodes.own(alice).configure(METADATA, java.util.Map.of("pubsub#deliver_payloads", "false"));
            if (!Pubsub.isResult(reply) && List.of("feature-not-implemented", "service-unavailable").contains(Pubsub.condition(reply))) {
                // node configuration is optional in XEP-0060 (§8.2, feature config-node)
                throw new Impossible("the PEP service does not let owners configure nodes, so no node can be made"
                        + " notification-only: " + Pubsub.describe(reply));
            }
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the configuration was answered with " + Pubsub.describe(reply));
            }
        });
        String itemId = OpenPgpNodes.timestamp(Instant.now());

        XmlElement reply = OpenPgpNodes.own(alice).publish(METADATA, itemId, OpenPgpNodes.metadata(OpenPgpNodes.newFingerprint()), null);

        assertTrue(Pubsub.isResult(reply), "the publish to the notification-only node was answered with " + Pubsub.describe(reply));
        bob.expect("a notification of alice's OpenPGP metadata (item " + itemId + ")", Pubsub.itemPublished(METADATA, itemId));
    }
}
