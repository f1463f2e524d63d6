package org.stanzalab.suites.xep0384;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.xep0384.OmemoNodes.BUNDLES;
import static org.stanzalab.suites.xep0384.OmemoNodes.NS;
import static org.stanzalab.suites.xep0384.OmemoNodes.VERSION;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0384 §5.3.2, §5.4 and §7.1: the OMEMO bundles, one item per device id in the PEP node urn:xmpp:omemo:2:bundles,
 * which the publish-options make a node of as many items as the service allows ('max') with the open access model.
 * Alice publishes; Carol, a stranger, fetches bundles to build a session.
 */
@StanzalabTest
@FreshAccounts("the OMEMO nodes have fixed names: the account must have none but those this test publishes")
class Bundles {
    /** Only the open access model: for the tests of reading bundles, which need no multi-item node. */
    private static final Map<String, String> OPEN = Map.of("pubsub#access_model", "open");

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the service takes the publish-options a bundle is published with (max_items 'max', access_model"
                  + " open): the publish is accepted and the new node is open and keeps more than one item")
    @Test
    void bundlePublishedWithOptionsGetsAnOpenMultiItemNode(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);

        XmlElement reply = OmemoNodes.publishBundle(alice, OmemoNodes.newDeviceId(), OmemoNodes.bundleOptions());

        assertTrue(Pubsub.isResult(reply), "the first bundle publish with max_items 'max' and access_model open was answered with "
                + Pubsub.describe(reply) + "; the node did not exist, so XEP-0060 §7.1.5 has it created with those options");
        Map<String, String> config = OmemoNodes.configuration(alice, BUNDLES);
        assertEquals("open", config.get("pubsub#access_model"), "access model of the bundles node: " + config);
        String maxItems = config.get("pubsub#max_items");
        // 'max' or the number the service allows at most; what must not be left is the PEP default of a single item
        assertTrue(maxItems == null || "max".equals(maxItems) || maxItems.matches("\\d+") && Long.parseLong(maxItems) > 1,
                "max_items of the bundles node is " + maxItems + ", which keeps only one bundle: " + config);
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "5.3.2", level = MUST,
          requirement = "bundles of several devices are kept side by side, each in the item named by its device id, and"
                  + " each can be fetched by that id")
    @Test
    void bundlesOfSeveralDevicesAreKeptSideBySide(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);
        OmemoNodes.requireBundleOptions(lab, alice);
        List<Integer> devices = List.of(OmemoNodes.newDeviceId(), OmemoNodes.newDeviceId(), OmemoNodes.newDeviceId());

        for (int device : devices) {
            XmlElement reply = OmemoNodes.publishBundle(alice, device, OmemoNodes.bundleOptions());
            assertTrue(Pubsub.isResult(reply), "the bundle publish of device " + device + " was answered with " + Pubsub.describe(reply));
        }

        List<String> expected = devices.stream().map(String::valueOf).sorted().toList();
        XmlElement all = OmemoNodes.own(alice).items(BUNDLES, null);
        assertEquals(expected, Pubsub.itemIds(all).stream().sorted().toList(), "items of the bundles node: " + all.toXml());
        for (int device : devices) {
            XmlElement one = OmemoNodes.own(alice).items(BUNDLES, null, Integer.toString(device));
            assertEquals(List.of(Integer.toString(device)), Pubsub.itemIds(one), "the bundle fetched by id " + device + ": " + one.toXml());
        }
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the open access model works for bundles: a user with no presence subscription fetches a device's"
                  + " bundle by its id and gets it whole")
    @Test
    void strangerFetchesABundleById(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEnd(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        String bundle = OmemoNodes.bundle();
        OmemoNodes.published(lab, alice, "the bundle of alice's phone",
                () -> OmemoNodes.own(alice).publish(BUNDLES, Integer.toString(phone), bundle, OPEN));
        RawSession carol = OmemoNodes.login(lab, lab.newUser());

        XmlElement reply = OmemoNodes.of(carol, aliceAccount).items(BUNDLES, null, Integer.toString(phone));

        assertTrue(Pubsub.isResult(reply), "a stranger's request for an open bundle was answered with " + Pubsub.describe(reply));
        XmlElement item = OmemoNodes.item(Pubsub.items(reply), Integer.toString(phone))
                .orElseThrow(() -> new AssertionError("the bundle of device " + phone + " is not in the reply: " + reply.toXml()));
        XmlElement fetched = item.child("bundle", NS).orElseThrow(() -> new AssertionError("the item holds no bundle: " + item.toXml()));
        assertEquals(Carriage.canonical(org.stanzalab.suites.xep0160.Offline.parse(bundle)), Carriage.canonical(fetched),
                "the bundle the stranger fetched differs from the one published (canonical XML)");
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the service persists items: a bundle is still served to a stranger after every session of its"
                  + " owner has ended")
    @Test
    void bundleIsServedWhileItsOwnerIsOffline(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = OmemoNodes.online(lab, aliceAccount);
        OmemoNodes.deletedAtEndByNewLogin(lab, aliceAccount);
        int phone = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "the bundle of alice's phone", () -> OmemoNodes.publishBundle(alice, phone, OPEN));
        lab.setUp("alice's only session ends", () -> {
            alice.answerClosingTag();
            alice.awaitServerClosingTag();
        });
        RawSession carol = OmemoNodes.login(lab, lab.newUser());

        XmlElement reply = OmemoNodes.of(carol, aliceAccount).items(BUNDLES, null, Integer.toString(phone));

        assertTrue(Pubsub.isResult(reply), "a stranger's request for the bundle of an offline owner was answered with " + Pubsub.describe(reply));
        assertEquals(List.of(Integer.toString(phone)), Pubsub.itemIds(reply), "the bundle served while its owner is offline: " + reply.toXml());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.5", level = MUST,
          requirement = "a later bundle publish with the same options (max_items 'max', access_model open) meets them and"
                  + " succeeds, and the earlier bundle is kept beside the new one")
    @Test
    void laterBundleWithTheSameOptionsIsAccepted(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);
        OmemoNodes.requireBundleOptions(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "the bundle of alice's phone", () -> OmemoNodes.publishBundle(alice, phone, OmemoNodes.bundleOptions()));

        XmlElement reply = OmemoNodes.publishBundle(alice, laptop, OmemoNodes.bundleOptions());

        assertTrue(Pubsub.isResult(reply), "a second bundle publish with the options the node was created with was answered with "
                + Pubsub.describe(reply));
        List<String> ids = Pubsub.itemIds(OmemoNodes.own(alice).items(BUNDLES, null));
        assertTrue(ids.contains(Integer.toString(phone)) && ids.contains(Integer.toString(laptop)), "items of the bundles node: " + ids);
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.1.5", level = MUST,
          requirement = "a bundle publish asking for max_items 'max' on an existing bundles node that keeps one item is"
                  + " refused with conflict and precondition-not-met (XEP-0384 §5.3.2 has the client reconfigure then),"
                  + " and the bundle is not stored")
    @Test
    void bundleOptionsOnASingleItemNodeAreRefused(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);
        OmemoNodes.requireBundleOptions(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "a bundle published with access_model open only, so max_items is the default",
                () -> OmemoNodes.publishBundle(alice, phone, OPEN));
        String maxItems = OmemoNodes.configuration(alice, BUNDLES).get("pubsub#max_items");
        lab.requireThat("1".equals(maxItems), "the service's default node keeps " + maxItems + " items, not one: no node to"
                + " contradict max_items 'max' with");

        XmlElement reply = OmemoNodes.publishBundle(alice, laptop, OmemoNodes.bundleOptions());

        assertEquals("conflict", Pubsub.condition(reply), "a publish asking for max_items 'max' on a one-item node: " + Pubsub.describe(reply));
        assertEquals("precondition-not-met", Pubsub.pubsubCondition(reply), "pubsub condition: " + reply.toXml());
        assertFalse(Pubsub.itemIds(OmemoNodes.own(alice).items(BUNDLES, null)).contains(Integer.toString(laptop)), "the refused bundle was stored");
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the service takes 'max' as a max_items value of the node configuration: the owner reconfigures a"
                  + " default bundles node to max_items 'max' and open (the remedy of §5.3.2), after which a publish with"
                  + " the bundle options succeeds and both bundles are kept")
    @Test
    void reconfiguredBundlesNodeTakesTheBundleOptions(Lab lab) {
        RawSession alice = OmemoNodes.online(lab, lab.newUser());
        OmemoNodes.deletedAtEnd(lab, alice);
        OmemoNodes.requireBundleOptions(lab, alice);
        int phone = OmemoNodes.newDeviceId();
        int laptop = OmemoNodes.newDeviceId();
        OmemoNodes.published(lab, alice, "a bundle published without options, so the node has the defaults",
                () -> OmemoNodes.publishBundle(alice, phone, null));

        XmlElement configured = OmemoNodes.own(alice).configure(BUNDLES, OmemoNodes.bundleOptions());

        assertTrue(Pubsub.isResult(configured), "the owner's configuration of max_items 'max' and open was answered with "
                + Pubsub.describe(configured));
        XmlElement reply = OmemoNodes.publishBundle(alice, laptop, OmemoNodes.bundleOptions());
        assertTrue(Pubsub.isResult(reply), "the bundle publish after the reconfiguration was answered with " + Pubsub.describe(reply));
        List<String> ids = Pubsub.itemIds(OmemoNodes.own(alice).items(BUNDLES, null));
        assertTrue(ids.contains(Integer.toString(phone)) && ids.contains(Integer.toString(laptop)), "items of the bundles node: " + ids);
    }
}
