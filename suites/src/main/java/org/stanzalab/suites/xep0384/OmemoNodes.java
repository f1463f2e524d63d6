package org.stanzalab.suites.xep0384;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0163.Caps;
import org.stanzalab.wire.XmlElement;

/**
 * The two PEP nodes of XEP-0384 (OMEMO 0.9, urn:xmpp:omemo:2) as a client publishes and reads them: the device list
 * (one item 'current') and the bundles (one item per device id), with the publish-options the XEP asks for. The key
 * material is random bytes in base64: well-formed and opaque, as real keys are to a server. The node names are fixed
 * by the XEP, so the tests that use them run on fresh accounts, and every node is deleted at the end.
 */
final class OmemoNodes {
    static final String VERSION = "0.9.1";
    static final String NS = "urn:xmpp:omemo:2";
    static final String DEVICES = NS + ":devices";
    static final String BUNDLES = NS + ":bundles";
    static final String CURRENT = "current";
    private static final SecureRandom RANDOM = new SecureRandom();

    private OmemoNodes() {
    }

    // ---------------------------------------------------------------- payloads

    /** A device id as §5.1 describes one: a random integer from 1 to 2^31 - 1. */
    static int newDeviceId() {
        return 1 + RANDOM.nextInt(Integer.MAX_VALUE - 1);
    }

    static String base64(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        return Base64.getEncoder().encodeToString(data);
    }

    /** The devices element listing these device ids. */
    static String deviceList(int... ids) {
        return "<devices xmlns='" + NS + "'>" + Arrays.stream(ids).mapToObj(id -> "<device id='" + id + "'/>").collect(Collectors.joining())
                + "</devices>";
    }

    /** A bundle element of §5.3.2: signed prekey, its signature, identity key and three prekeys, all random. */
    static String bundle() {
        StringBuilder prekeys = new StringBuilder();
        for (int i = 1; i <= 3; i++) {
            prekeys.append("<pk id='").append(i).append("'>").append(base64(32)).append("</pk>");
        }
        return "<bundle xmlns='" + NS + "'><spk id='1'>" + base64(32) + "</spk><spks>" + base64(64) + "</spks><ik>" + base64(32)
                + "</ik><prekeys>" + prekeys + "</prekeys></bundle>";
    }

    /** The device ids of a devices element (empty when the item holds none). */
    static List<String> deviceIds(XmlElement item) {
        return item.child("devices", NS).map(d -> d.children("device", NS).stream().map(e -> e.attribute("id").orElse("")).toList())
                .orElse(List.of());
    }

    // ---------------------------------------------------------------- publish-options

    /** §5.3.1: the device list node with the open access model. */
    static Map<String, String> deviceListOptions() {
        return Map.of("pubsub#access_model", "open");
    }

    /** §5.3.2: the bundles node keeps as many items as it may ('max') and has the open access model. */
    static Map<String, String> bundleOptions() {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("pubsub#max_items", "max");
        options.put("pubsub#access_model", "open");
        return options;
    }

    // ---------------------------------------------------------------- accounts and sessions

    /** The user logged in over the wire driver and available, with caps asking for notifications of these nodes. */
    static RawSession online(Lab lab, User user, String... notifyNodes) {
        RawSession session = lab.raw().authenticate(user).bind();
        Caps.announce(session, Arrays.stream(notifyNodes).map(Caps::notify).toList());
        return session;
    }

    /** The user logged in over the wire driver, with no presence: a stranger to everyone. */
    static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    /** Each subscribed to the other's presence, as two contacts are; the set-up sessions are closed again. */
    static void contacts(Lab lab, User a, User b) {
        lab.setUp("a mutual presence subscription of " + a.role() + " and " + b.role(), () -> {
            Session one = a.connect().available();
            Session two = b.connect().available();
            Subscription.establish(lab, one, two, true);
            Subscription.establish(lab, two, one, true);
            one.close();
            two.close();
        });
    }

    static Pubsub own(RawSession session) {
        return new Pubsub(session, null);
    }

    static Pubsub of(RawSession session, User owner) {
        return new Pubsub(session, owner.jid().toString());
    }

    // ---------------------------------------------------------------- publishing

    /** Publishes the device list (item 'current') with these options (null: none); the reply. */
    static XmlElement publishDevices(RawSession owner, Map<String, String> options, int... ids) {
        return own(owner).publish(DEVICES, CURRENT, deviceList(ids), options);
    }

    /** Publishes a bundle for this device with these options (null: none); the reply. */
    static XmlElement publishBundle(RawSession owner, int deviceId, Map<String, String> options) {
        return own(owner).publish(BUNDLES, Integer.toString(deviceId), bundle(), options);
    }

    /** Publishes as a set-up step, which must succeed (ejabberd's momentary refusals are asked again). */
    static void published(Lab lab, RawSession owner, String what, java.util.function.Supplier<XmlElement> publish) {
        lab.setUp(what, () -> {
            XmlElement reply = Pubsub.setUpChange(owner, what, 5, publish);
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError(what + " was answered with " + Pubsub.describe(reply));
            }
        });
    }

    /**
     * Ends the test as impossible unless the service takes the bundle publish-options at all: a probe publishes with
     * them to a new node of our own. Bundles#bundlePublishedWithOptionsGetsAnOpenMultiItemNode fails a service that
     * does not; the tests that build on those options have nothing to examine there.
     */
    static void requireBundleOptions(Lab lab, RawSession owner) {
        String probe = "urn:stanzalab:test:omemo-probe:" + Integer.toHexString(RANDOM.nextInt());
        lab.cleanup("probe node " + probe + " of " + owner.jid(), () -> own(owner).delete(probe));
        XmlElement reply = Pubsub.setUpChange(owner, "a publish with the bundle options to a new node", 5,
                () -> own(owner).publish(probe, "probe", "<probe xmlns='urn:stanzalab:test:omemo-probe'/>", bundleOptions()));
        lab.requireThat(Pubsub.isResult(reply), "the service refuses the bundle publish-options (max_items 'max', access_model"
                + " open) even on a new node (Bundles.bundlePublishedWithOptionsGetsAnOpenMultiItemNode fails for that): "
                + Pubsub.describe(reply));
    }

    /** Both OMEMO nodes of the account are deleted at the end of the test. */
    static void deletedAtEnd(Lab lab, RawSession owner) {
        lab.cleanup("OMEMO device list of " + owner.jid(), () -> own(owner).delete(DEVICES));
        lab.cleanup("OMEMO bundles of " + owner.jid(), () -> own(owner).delete(BUNDLES));
    }

    /** Like {@link #deletedAtEnd(Lab, RawSession)}, by a login of its own at the end, for tests that end the owner's sessions. */
    static void deletedAtEndByNewLogin(Lab lab, User owner) {
        lab.cleanup("OMEMO nodes of " + owner.jid(), () -> {
            RawSession session = login(lab, owner);
            own(session).delete(DEVICES);
            own(session).delete(BUNDLES);
        });
    }

    // ---------------------------------------------------------------- reading

    /** The item with this id in an items result or a notification's items. */
    static Optional<XmlElement> item(List<XmlElement> items, String id) {
        return items.stream().filter(i -> id.equals(i.attribute("id").orElse(null))).findFirst();
    }

    /** The node's access model as its owner reads it from the configuration form. */
    static String accessModel(RawSession owner, String node) {
        return configuration(owner, node).get("pubsub#access_model");
    }

    static Map<String, String> configuration(RawSession owner, String node) {
        XmlElement reply = own(owner).configureForm(node);
        if (!Pubsub.isResult(reply)) {
            throw new org.stanzalab.engine.ServerFailure("the owner's request for the configuration of " + node + " was answered with "
                    + Pubsub.describe(reply));
        }
        return Pubsub.configuration(reply);
    }
}
