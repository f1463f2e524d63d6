package org.stanzalab.suites.xep0384.omemo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.suites.xep0384.omemo.Crypto.Ed25519KeyPair;
import org.stanzalab.suites.xep0384.omemo.Crypto.X25519KeyPair;
import org.stanzalab.suites.xep0384.omemo.Device.EncryptedKey;

/** Two in-memory devices through X3DH and the Double Ratchet, and the refusals of what does not authenticate. */
class OmemoCryptoTest {
    private final SecureRandom random = new SecureRandom();
    private final Device alice = Device.generate(1111, 25, random);
    private final Device bob = Device.generate(2222, 25, random);

    /** One message end to end: payload encryption, the ratchet for the key, the ratchet back, payload decryption. */
    private String send(Device from, String fromName, Device to, String toName, Bundle bundle, String text, Boolean expectKex) {
        Payload.Encrypted payload = Payload.encrypt(text.getBytes(StandardCharsets.UTF_8), random);
        EncryptedKey key = from.encrypt(toName, bundle, payload.keyAndMac());
        if (expectKex != null) {
            assertEquals(expectKex, key.kex(), "kex flag of the message " + text);
        }
        byte[] keyAndMac = to.decrypt(fromName, key.data(), key.kex());
        return new String(Payload.decrypt(keyAndMac, payload.ciphertext()), StandardCharsets.UTF_8);
    }

    @Test
    void ed25519IdentityConvertsToTheMatchingCurve25519Key() {
        for (int i = 0; i < 20; i++) {
            Ed25519KeyPair identity = Ed25519KeyPair.generate(random);
            byte[] fromPrivate = X25519KeyPair.fromPrivate(identity.curvePrivateKey()).publicKey();
            assertArrayEquals(fromPrivate, Crypto.curvePublicKey(identity.publicKey()));
        }
    }

    @Test
    void hkdfMatchesRfc5869TestCase1() {
        HexFormat hex = HexFormat.of();
        byte[] okm = Crypto.hkdf(hex.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"), hex.parseHex("000102030405060708090a0b0c"),
                hex.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42);
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865", hex.formatHex(okm));
    }

    @Test
    void protobufRoundTripsAndKnownEncoding() {
        Messages.OmemoMessage message = new Messages.OmemoMessage(300, 1, new byte[] {9, 8}, null);
        assertEquals("08ac0210011a020908", HexFormat.of().formatHex(message.encode()));
        Messages.OmemoMessage back = Messages.OmemoMessage.decode(message.encode());
        assertEquals(300, back.n());
        assertEquals(1, back.pn());
        assertArrayEquals(new byte[] {9, 8}, back.dhPub());
    }

    @Test
    void keyExchangeThenRatchetStepsBothWays() {
        Bundle aliceBundle = alice.bundle();
        assertEquals("hello alice", send(bob, "bob/2222", alice, "alice/1111", aliceBundle, "hello alice", true));
        // until alice answers, bob keeps sending the key exchange; alice recognises it by its ephemeral key
        assertEquals("second, same chain", send(bob, "bob/2222", alice, "alice/1111", null, "second, same chain", true));
        assertEquals("hello bob", send(alice, "alice/1111", bob, "bob/2222", null, "hello bob", false));
        assertEquals("no more kex", send(bob, "bob/2222", alice, "alice/1111", null, "no more kex", false));
        for (int i = 0; i < 5; i++) {
            assertEquals("a" + i, send(alice, "alice/1111", bob, "bob/2222", null, "a" + i, false));
            assertEquals("b" + i, send(bob, "bob/2222", alice, "alice/1111", null, "b" + i, false));
            assertEquals("b" + i + "'", send(bob, "bob/2222", alice, "alice/1111", null, "b" + i + "'", false));
        }
    }

    @Test
    void usedPreKeyIsReplacedInTheBundle() {
        int before = alice.bundle().preKeys().size();
        send(bob, "bob/2222", alice, "alice/1111", alice.bundle(), "x", true);
        assertEquals(before, alice.bundle().preKeys().size());
    }

    @Test
    void outOfOrderMessagesDecryptWithSkippedKeys() {
        send(bob, "bob/2222", alice, "alice/1111", alice.bundle(), "first", true);
        send(alice, "alice/1111", bob, "bob/2222", null, "answer", false);
        List<Payload.Encrypted> payloads = new ArrayList<>();
        List<EncryptedKey> keys = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Payload.Encrypted payload = Payload.encrypt(("m" + i).getBytes(StandardCharsets.UTF_8), random);
            payloads.add(payload);
            keys.add(bob.encrypt("alice/1111", null, payload.keyAndMac()));
        }
        for (int i : new int[] {2, 0, 1}) {
            byte[] keyAndMac = alice.decrypt("bob/2222", keys.get(i).data(), keys.get(i).kex());
            assertEquals("m" + i, new String(Payload.decrypt(keyAndMac, payloads.get(i).ciphertext()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void flippedByteInRatchetCiphertextFailsAuthentication() {
        send(bob, "bob/2222", alice, "alice/1111", alice.bundle(), "first", true);
        send(alice, "alice/1111", bob, "bob/2222", null, "answer", false);
        Payload.Encrypted payload = Payload.encrypt("secret".getBytes(StandardCharsets.UTF_8), random);
        EncryptedKey key = bob.encrypt("alice/1111", null, payload.keyAndMac());
        assertFalse(key.kex());
        byte[] tampered = key.data().clone();
        tampered[tampered.length - 3] ^= 0x01; // inside the OMEMOMessage's ciphertext, the last field
        assertThrows(AuthenticationException.class, () -> alice.decrypt("bob/2222", tampered, false));
        // the failure left the session as it was: the genuine message still decrypts
        assertEquals("secret", new String(Payload.decrypt(alice.decrypt("bob/2222", key.data(), false), payload.ciphertext()),
                StandardCharsets.UTF_8));
    }

    @Test
    void flippedByteInTheMacFailsAuthentication() {
        send(bob, "bob/2222", alice, "alice/1111", alice.bundle(), "first", true);
        send(alice, "alice/1111", bob, "bob/2222", null, "answer", false);
        EncryptedKey key = bob.encrypt("alice/1111", null, new byte[48]);
        byte[] tampered = key.data().clone();
        tampered[2] ^= 0x40; // the MAC is field 1, right after its tag and length bytes
        assertThrows(AuthenticationException.class, () -> alice.decrypt("bob/2222", tampered, false));
    }

    @Test
    void flippedByteInThePayloadFailsAuthentication() {
        Payload.Encrypted payload = Payload.encrypt("secret".getBytes(StandardCharsets.UTF_8), random);
        byte[] ciphertext = payload.ciphertext().clone();
        ciphertext[0] ^= 0x01;
        assertThrows(AuthenticationException.class, () -> Payload.decrypt(payload.keyAndMac(), ciphertext));
        byte[] keyAndMac = payload.keyAndMac().clone();
        keyAndMac[40] ^= 0x01;
        assertThrows(AuthenticationException.class, () -> Payload.decrypt(keyAndMac, payload.ciphertext()));
    }

    @Test
    void signedPreKeyWithBadSignatureIsRefused() {
        Bundle genuine = alice.bundle();
        assertTrue(genuine.signatureVerifies());
        byte[] badSignature = genuine.signedPreKeySignature().clone();
        badSignature[5] ^= 0x01;
        Bundle forged = new Bundle(genuine.identityKey(), genuine.signedPreKeyId(), genuine.signedPreKey(), badSignature, genuine.preKeys());
        assertThrows(AuthenticationException.class, () -> bob.encrypt("alice/1111", forged, new byte[48]));
        // a signed pre-key swapped for another key with the genuine signature is refused too
        Bundle swapped = new Bundle(genuine.identityKey(), genuine.signedPreKeyId(), X25519KeyPair.generate(random).publicKey(),
                genuine.signedPreKeySignature(), genuine.preKeys());
        assertThrows(AuthenticationException.class, () -> bob.encrypt("alice/1111", swapped, new byte[48]));
        assertFalse(bob.hasSession("alice/1111"));
    }

    @Test
    void keyExchangeWithUsedPreKeyIsRefused() {
        Device dave = Device.generate(4444, 1, random); // one pre-key: every exchange from this bundle uses it
        Bundle stale = dave.bundle();
        Device carol = Device.generate(3333, 25, random);
        send(bob, "bob/2222", dave, "dave/4444", stale, "first", true);
        EncryptedKey key = carol.encrypt("dave/4444", stale, new byte[48]);
        assertThrows(AuthenticationException.class, () -> dave.decrypt("carol/3333", key.data(), true));
        assertFalse(dave.hasSession("carol/3333"));
        // the pre-key that replaced it in dave's new bundle works
        Device erin = Device.generate(5555, 25, random);
        assertEquals("fresh bundle", send(erin, "erin/5555", dave, "dave/4444", dave.bundle(), "fresh bundle", true));
    }
}
