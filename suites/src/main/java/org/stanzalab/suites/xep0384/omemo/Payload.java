package org.stanzalab.suites.xep0384.omemo;

import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;

import org.stanzalab.suites.xep0384.omemo.Crypto.CipherKeys;

/**
 * XEP-0384 § Message Encryption and § Message Decryption: a random 32-byte key, 80 bytes of HKDF-SHA-256 from it with
 * the info "OMEMO Payload", AES-256-CBC over the plaintext (the SCE envelope) and HMAC-SHA-256 over the ciphertext cut
 * to 16 bytes. The key and the tag (48 bytes) are what the Double Ratchet then encrypts for each device.
 */
public final class Payload {
    private static final String INFO = "OMEMO Payload";
    /** What an empty OMEMO message encrypts with the ratchet in place of a key and tag. */
    public static final byte[] EMPTY_MESSAGE_KEY = new byte[32];

    private Payload() {
    }

    /** The key and tag to hand to the ratchet, and the ciphertext for the payload element. */
    public record Encrypted(byte[] keyAndMac, byte[] ciphertext) {
    }

    public static Encrypted encrypt(byte[] plaintext, SecureRandom random) {
        byte[] key = Crypto.random(random, 32);
        CipherKeys keys = CipherKeys.derive(key, INFO);
        byte[] ciphertext = Crypto.aesCbc(Cipher.ENCRYPT_MODE, keys, plaintext);
        byte[] mac = Crypto.truncatedHmac(keys.authenticationKey(), ciphertext);
        return new Encrypted(Crypto.concat(key, mac), ciphertext);
    }

    /** Verifies the tag first, then decrypts; throws {@link AuthenticationException} if the tag does not match. */
    public static byte[] decrypt(byte[] keyAndMac, byte[] ciphertext) {
        if (keyAndMac.length != 32 + Crypto.MAC_SIZE) {
            throw new AuthenticationException("decrypted key material of " + keyAndMac.length + " bytes, not 48");
        }
        CipherKeys keys = CipherKeys.derive(Arrays.copyOf(keyAndMac, 32), INFO);
        byte[] expected = Crypto.truncatedHmac(keys.authenticationKey(), ciphertext);
        if (!Crypto.constantTimeEquals(expected, Arrays.copyOfRange(keyAndMac, 32, keyAndMac.length))) {
            throw new AuthenticationException("the payload's authentication tag does not verify");
        }
        return Crypto.aesCbc(Cipher.DECRYPT_MODE, keys, ciphertext);
    }
}
