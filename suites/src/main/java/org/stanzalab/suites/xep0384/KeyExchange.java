package org.stanzalab.suites.xep0384;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0384.omemo.AuthenticationException;
import org.stanzalab.suites.xep0384.omemo.Bundle;
import org.stanzalab.suites.xep0384.omemo.Device;
import org.stanzalab.suites.xep0384.omemo.Payload;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * A full OMEMO key exchange between two users who are not each other's contacts, through the server: each publishes
 * its device list and bundle to its PEP service with the open access model; bob reads alice's, builds a session by
 * X3DH and sends her an encrypted message; alice decrypts it and answers over the session; bob decrypts the answer and
 * sends once more without a key exchange. The server must let a stranger read both nodes (XEP-0384 §7.1) and carry
 * the encrypted stanzas unchanged. The cryptography is our own ({@link org.stanzalab.suites.xep0384.omemo}), made for
 * testing servers, not for secrecy.
 */
@StanzalabTest
class KeyExchange {
    private static final String VERSION = OmemoNodes.VERSION;
    private static final String OMEMO = OmemoNodes.NS;
    private static final String DEVICES = OmemoNodes.DEVICES;
    private static final String BUNDLES = OmemoNodes.BUNDLES;
    private static final String SCE = "urn:xmpp:sce:1";
    private static final String CLIENT = "jabber:client";
    private static final String HINTS = "urn:xmpp:hints";
    private static final int PRE_KEYS = 25; // the fewest a bundle may hold (XEP-0384 §4.2)

    private final SecureRandom random = new SecureRandom();

    /** Where the messages are addressed: the peer's bare JID or the full JID of its session. */
    enum Address {
        bare, full
    }

    @Spec(document = "XEP-0384", version = VERSION, section = "7.1", level = MUST,
          requirement = "the account's pubsub service supports the open access model as a publish option, so that a user"
                  + " without presence subscription reads the device list and bundle and two strangers complete a key"
                  + " exchange and each decrypt the other's message")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Address.class)
    void strangersCompleteKeyExchangeAndDecryptEachOther(Address address, Lab lab) {
        RawSession alice = online(lab);
        RawSession bob = online(lab);
        Device aliceDevice = Device.generate(deviceId(), PRE_KEYS, random);
        Device bobDevice = Device.generate(deviceId(), PRE_KEYS, random);
        announce(lab, alice, aliceDevice);
        announce(lab, bob, bobDevice);

        // bob knows nothing of alice's devices but what her PEP service tells a stranger
        List<Integer> aliceDevices = fetchDeviceList(bob, alice);
        assertTrue(aliceDevices.contains(aliceDevice.id()), "alice's device list, as bob read it, lacks her device "
                + aliceDevice.id() + ": " + aliceDevices);
        Bundle aliceBundle = fetchBundle(bob, alice, aliceDevice.id());

        String first = "first over a new session " + random.nextInt(1_000_000);
        sendEncrypted(bob, bobDevice, to(alice, address), alice.bareJid(), aliceDevice.id(), aliceBundle, first, true);
        assertEquals(first, receiveEncrypted(alice, aliceDevice, bob), "the text alice decrypted");

        String answer = "answer over the established session " + random.nextInt(1_000_000);
        sendEncrypted(alice, aliceDevice, to(bob, address), bob.bareJid(), bobDevice.id(), null, answer, false);
        assertEquals(answer, receiveEncrypted(bob, bobDevice, alice), "the text bob decrypted");

        // the key exchange is complete once alice answered: bob's next message is a plain ratchet step
        String again = "second from bob, no key exchange " + random.nextInt(1_000_000);
        sendEncrypted(bob, bobDevice, to(alice, address), alice.bareJid(), aliceDevice.id(), null, again, false);
        assertEquals(again, receiveEncrypted(alice, aliceDevice, bob), "the text of bob's second message");
    }

    // ---------------------------------------------------------------- set-up

    /** A fresh account logged in over the wire driver and available (so messages to its bare JID reach it). */
    private static RawSession online(Lab lab) {
        return lab.raw().authenticate(lab.newUser()).bind().available();
    }

    /** A device id between 1 and 2^31 - 1 (XEP-0384 §5.1). */
    private int deviceId() {
        return 1 + random.nextInt(Integer.MAX_VALUE - 1);
    }

    /** Publishes the device list and the bundle with the open access model; both nodes go at the end. */
    private static void announce(Lab lab, RawSession owner, Device device) {
        OmemoNodes.deletedAtEnd(lab, owner);
        publishOpen(owner, DEVICES, OmemoNodes.CURRENT, OmemoNodes.deviceList(device.id()), Map.of());
        publishOpen(owner, BUNDLES, String.valueOf(device.id()), bundleXml(device.bundle()), Map.of("pubsub#max_items", "max"));
    }

    /**
     * A publish with publish-options that ask for the open access model (XEP-0384 §5.3.1, §5.3.2), and for bundles
     * also max_items=max. XEP-0060 §7.1.5 lets a service refuse publish-options that do not match an existing node
     * with precondition-not-met; XEP-0384 §5.3.2 then has the client reconfigure the node (XEP-0060 §8.2) and publish
     * again, and the test does the same. A service that refuses the extra option (ejabberd 23.01 does not know
     * pubsub#max_items as a publish option) gets the publish with access_model=open alone, and the extra option by
     * the owner's configuration afterwards: the test examines the open access model, which §7.1 requires as a publish
     * option, and fails only when that is refused.
     */
    private static void publishOpen(RawSession owner, String node, String itemId, String payload, Map<String, String> extra) {
        Map<String, String> options = new LinkedHashMap<>(extra);
        options.put("pubsub#access_model", "open");
        Pubsub own = new Pubsub(owner, null);
        XmlElement reply = Pubsub.setUpChange(owner, "publishing to " + node, 5, () -> own.publish(node, itemId, payload, options));
        if (Pubsub.isResult(reply)) {
            return;
        }
        if (isPreconditionNotMet(reply)) {
            owner.note("publish-options", "the node exists with another configuration; reconfiguring it to " + options
                    + " as XEP-0384 §5.3.2 has clients do");
            XmlElement configured = own.configure(node, options);
            if (!Pubsub.isResult(configured)) {
                fail(node + " refused publish-options (" + Pubsub.describe(reply) + ") and then the owner's configuration to "
                        + options + " (" + Pubsub.describe(configured) + "); the account's pubsub service must support the"
                        + " open access model");
            }
            reply = own.publish(node, itemId, payload, options);
        } else if (!extra.isEmpty()) {
            owner.note("publish-options", "the service refused the publish-options " + options + " (" + Pubsub.describe(reply)
                    + "); publishing with access_model=open alone, then configuring " + extra + " as the owner");
            reply = own.publish(node, itemId, payload, Map.of("pubsub#access_model", "open"));
            if (Pubsub.isResult(reply)) {
                XmlElement configured = own.configure(node, extra);
                owner.note("publish-options", "configuring " + extra + " as the owner was answered with " + Pubsub.describe(configured)
                        + " (not what this test examines: one bundle item is all it publishes)");
            }
        }
        if (!Pubsub.isResult(reply)) {
            fail("the publish to " + node + " with publish-options access_model=open was refused with " + Pubsub.describe(reply)
                    + "; the account's pubsub service must accept the open access model as a publish option");
        }
    }

    /** XEP-0060 §7.1.5's refusal of publish-options that do not match the node: conflict with precondition-not-met. */
    private static boolean isPreconditionNotMet(XmlElement reply) {
        return "precondition-not-met".equals(Pubsub.pubsubCondition(reply)) || "conflict".equals(Pubsub.condition(reply));
    }

    private static String bundleXml(Bundle bundle) {
        StringBuilder xml = new StringBuilder("<bundle xmlns='").append(OMEMO).append("'>")
                .append("<spk id='").append(bundle.signedPreKeyId()).append("'>").append(b64(bundle.signedPreKey())).append("</spk>")
                .append("<spks>").append(b64(bundle.signedPreKeySignature())).append("</spks>")
                .append("<ik>").append(b64(bundle.identityKey())).append("</ik><prekeys>");
        bundle.preKeys().forEach((id, key) -> xml.append("<pk id='").append(id).append("'>").append(b64(key)).append("</pk>"));
        return xml.append("</prekeys></bundle>").toString();
    }

    // ---------------------------------------------------------------- reading another account's keys

    /** The device ids on the owner's device list, read by a user who is not the owner's contact. */
    private static List<Integer> fetchDeviceList(RawSession reader, RawSession owner) {
        XmlElement reply = new Pubsub(reader, owner.bareJid()).items(DEVICES, null);
        XmlElement item = readableItem(reply, "device list", DEVICES, OmemoNodes.CURRENT, reader, owner);
        XmlElement devices = item.child("devices", OMEMO).orElseThrow(() -> new AssertionError(
                "the device list item holds no <devices xmlns='" + OMEMO + "'/>: " + item.toXml()));
        return devices.children("device", OMEMO).stream().map(d -> Integer.parseInt(d.attribute("id").orElse("0"))).toList();
    }

    /** The bundle of one of the owner's devices, read by a user who is not the owner's contact. */
    private static Bundle fetchBundle(RawSession reader, RawSession owner, int deviceId) {
        XmlElement reply = new Pubsub(reader, owner.bareJid()).items(BUNDLES, null, String.valueOf(deviceId));
        XmlElement item = readableItem(reply, "bundle", BUNDLES, String.valueOf(deviceId), reader, owner);
        XmlElement bundle = item.child("bundle", OMEMO).orElseThrow(() -> new AssertionError(
                "the bundle item holds no <bundle xmlns='" + OMEMO + "'/>: " + item.toXml()));
        XmlElement spk = bundle.child("spk", OMEMO).orElseThrow(() -> new AssertionError("a bundle without <spk/>: " + bundle.toXml()));
        Map<Integer, byte[]> preKeys = new LinkedHashMap<>();
        bundle.child("prekeys", OMEMO).ifPresent(p -> p.children("pk", OMEMO).forEach(
                pk -> preKeys.put(Integer.parseInt(pk.attribute("id").orElse("0")), unb64(pk.text()))));
        return new Bundle(unb64(bundle.childText("ik", OMEMO).orElse("")), Integer.parseInt(spk.attribute("id").orElse("0")),
                unb64(spk.text()), unb64(bundle.childText("spks", OMEMO).orElse("")), preKeys);
    }

    /**
     * The item with this id in an items reply. A refusal (forbidden, not-authorized, item-not-found, ...) or a
     * result without the item fails: the node is not readable by a non-contact, which XEP-0384 needs.
     */
    private static XmlElement readableItem(XmlElement reply, String what, String node, String itemId, RawSession reader, RawSession owner) {
        String why = reader.bareJid() + ", who is not a contact of "
                + owner.bareJid() + ", could not read the " + what + " node " + node + " that the owner published with"
                + " publish-options access_model=open (§5.3.1 and §5.3.2 require the open access model so that users without"
                + " presence subscription can start sessions): ";
        if (!Pubsub.isResult(reply)) {
            fail(why + "the request was answered with " + Pubsub.describe(reply)
                    + "; the node is not readable by a non-contact, so no OMEMO session can be started");
        }
        Optional<XmlElement> item = Pubsub.items(reply).stream().filter(i -> itemId.equals(i.attribute("id").orElse(null))).findFirst();
        if (item.isEmpty()) {
            fail(why + "the result holds no item '" + itemId + "' (items " + Pubsub.itemIds(reply) + ")");
        }
        return item.get();
    }

    // ---------------------------------------------------------------- encrypted messages

    /**
     * Encrypts an SCE envelope with the body for one device of the peer (building the session from the bundle when
     * there is none) and sends it as an OMEMO message (XEP-0384 §5.5.3), checking whether the key carries a key
     * exchange as expected.
     */
    private void sendEncrypted(RawSession from, Device device, String to, String peerBare, int peerDevice, Bundle peerBundle,
                               String text, boolean keyExchange) {
        String envelope = "<envelope xmlns='" + SCE + "'><content><body xmlns='" + CLIENT + "'>" + XmlEscape.text(text)
                + "</body></content><rpad>" + rpad() + "</rpad><from jid='" + XmlEscape.attribute(from.bareJid()) + "'/></envelope>";
        Payload.Encrypted payload = Payload.encrypt(envelope.getBytes(StandardCharsets.UTF_8), random);
        Device.EncryptedKey key = device.encrypt(peerBare + "/" + peerDevice, peerBundle, payload.keyAndMac());
        if (key.kex() != keyExchange) {
            throw new IllegalStateException("our OMEMO code set kex=" + key.kex() + " where " + keyExchange + " was due (a fault of the test)");
        }
        from.send("<message type='chat' id='" + from.newId("omemo") + "' to='" + XmlEscape.attribute(to) + "'>"
                + "<encrypted xmlns='" + OMEMO + "'><header sid='" + device.id() + "'><keys jid='" + XmlEscape.attribute(peerBare) + "'>"
                + "<key rid='" + peerDevice + "'" + (key.kex() ? " kex='true'" : "") + ">" + b64(key.data()) + "</key></keys></header>"
                + "<payload>" + b64(payload.ciphertext()) + "</payload></encrypted><store xmlns='" + HINTS + "'/></message>");
    }

    /**
     * Waits for the sender's OMEMO message, decrypts the key addressed to this device and then the payload, and
     * returns the body of the SCE envelope; the envelope's from affix must name the sender. A message that does not
     * decrypt fails: the server changed what it carried.
     */
    private static String receiveEncrypted(RawSession receiver, Device device, RawSession sender) {
        XmlElement message = receiver.expect("an OMEMO message from " + sender.bareJid(), e -> Stanzas.isStanza(e, "message")
                && e.hasChild("encrypted", OMEMO) && e.attribute("from").filter(f -> f.replaceAll("/.*", "").equals(sender.bareJid())).isPresent());
        XmlElement encrypted = message.child("encrypted", OMEMO).orElseThrow();
        XmlElement header = encrypted.child("header", OMEMO).orElseThrow(() -> new AssertionError(
                "the OMEMO message arrived without its <header/>: " + message.toXml()));
        String sid = header.attribute("sid").orElse("");
        XmlElement key = header.children("keys", OMEMO).stream().filter(k -> receiver.bareJid().equals(k.attribute("jid").orElse(null)))
                .flatMap(k -> k.children("key", OMEMO).stream())
                .filter(k -> String.valueOf(device.id()).equals(k.attribute("rid").orElse(null))).findFirst()
                .orElseThrow(() -> new AssertionError("the OMEMO message arrived without the key for device " + device.id()
                        + " of " + receiver.bareJid() + ": " + message.toXml()));
        boolean kex = key.attribute("kex").map(v -> v.equals("true") || v.equals("1")).orElse(false);
        String payload = encrypted.childText("payload", OMEMO).orElseThrow(() -> new AssertionError(
                "the OMEMO message arrived without its <payload/>: " + message.toXml()));
        byte[] plaintext;
        try {
            byte[] keyAndMac = device.decrypt(sender.bareJid() + "/" + sid, unb64(key.text()), kex);
            plaintext = Payload.decrypt(keyAndMac, unb64(payload));
        } catch (AuthenticationException e) {
            throw new AssertionError("the OMEMO message from " + sender.bareJid() + " did not decrypt (" + e.getMessage()
                    + "): the server did not carry it unchanged: " + message.toXml(), e);
        }
        receiver.note("omemo", "decrypted the SCE envelope: " + new String(plaintext, StandardCharsets.UTF_8));
        XmlElement envelope;
        try {
            envelope = XmlElement.parse(new String(plaintext, StandardCharsets.UTF_8));
        } catch (WireProtocolException e) {
            throw new AssertionError("the decrypted envelope is not XML: " + e.getMessage(), e);
        }
        assertEquals(sender.bareJid(), envelope.child("from", SCE).flatMap(f -> f.attribute("jid")).orElse(null),
                "the from affix of the decrypted envelope");
        assertFalse(envelope.child("rpad", SCE).isEmpty(), "the decrypted envelope has its rpad affix");
        return envelope.child("content", SCE).flatMap(c -> c.childText("body", CLIENT)).orElse(null);
    }

    /** Random padding of random length for the rpad affix (XEP-0384 §5.5.1). */
    private String rpad() {
        String letters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder pad = new StringBuilder();
        for (int i = random.nextInt(1, 48); i > 0; i--) {
            pad.append(letters.charAt(random.nextInt(letters.length())));
        }
        return pad.toString();
    }

    // ---------------------------------------------------------------- addresses and encodings

    private static String to(RawSession peer, Address address) {
        return address == Address.bare ? peer.bareJid() : peer.jid();
    }

    private static String b64(byte[] data) {
        return Base64.getEncoder().encodeToString(data);
    }

    private static byte[] unb64(String text) {
        try {
            return Base64.getMimeDecoder().decode(text.strip());
        } catch (IllegalArgumentException e) {
            throw new AssertionError("base64 that does not decode: " + text, e);
        }
    }
}
