package org.stanzalab.suites.xep0384.omemo;

import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Cipher;

import org.stanzalab.suites.xep0384.omemo.Crypto.CipherKeys;
import org.stanzalab.suites.xep0384.omemo.Crypto.X25519KeyPair;
import org.stanzalab.suites.xep0384.omemo.Messages.AuthenticatedMessage;
import org.stanzalab.suites.xep0384.omemo.Messages.OmemoMessage;

/**
 * The Double Ratchet of one session with one peer device, with OMEMO's parameters (XEP-0384 § Double Ratchet):
 * KDF_RK is HKDF-SHA-256 with the root key as salt and the info "OMEMO Root Chain"; KDF_CK is HMAC-SHA-256 of the
 * chain key over 0x01 (message key) and 0x02 (next chain key); ENCRYPT derives 80 bytes with the info
 * "OMEMO Message Key Material", encrypts with AES-256-CBC and authenticates ad || OMEMOMessage with HMAC-SHA-256 cut
 * to 16 bytes. A message that does not authenticate leaves the state as it was.
 */
final class Ratchet {
    private static final int MAX_SKIP = 1000;
    private static final String ROOT_INFO = "OMEMO Root Chain";
    private static final String MESSAGE_INFO = "OMEMO Message Key Material";

    private final SecureRandom random;
    private final byte[] ad;
    /** The X3DH ephemeral public key this session was built with (kept with the session, as the XEP says). */
    private final byte[] ephemeralKey;
    private byte[] rootKey;
    private X25519KeyPair sendingKey;
    private byte[] receivingKey;
    private byte[] sendingChain;
    private byte[] receivingChain;
    private int sent;
    private int received;
    private int previousChainLength;
    private final Map<String, byte[]> skipped = new LinkedHashMap<>();

    private Ratchet(SecureRandom random, byte[] ad, byte[] ephemeralKey) {
        this.random = random;
        this.ad = ad;
        this.ephemeralKey = ephemeralKey;
    }

    /** The initiator's ratchet: a first DH step against the peer's signed pre-key, so it can send at once. */
    static Ratchet initiator(SecureRandom random, byte[] sharedSecret, byte[] ad, byte[] peerSignedPreKey, byte[] ephemeralKey) {
        Ratchet r = new Ratchet(random, ad, ephemeralKey);
        r.sendingKey = X25519KeyPair.generate(random);
        r.receivingKey = peerSignedPreKey;
        byte[][] next = kdfRk(sharedSecret, Crypto.dh(r.sendingKey.privateKey(), peerSignedPreKey));
        r.rootKey = next[0];
        r.sendingChain = next[1];
        return r;
    }

    /** The responder's ratchet: its signed pre-key is its first ratchet key; it receives before it sends. */
    static Ratchet responder(SecureRandom random, byte[] sharedSecret, byte[] ad, X25519KeyPair signedPreKey, byte[] ephemeralKey) {
        Ratchet r = new Ratchet(random, ad, ephemeralKey);
        r.sendingKey = signedPreKey;
        r.rootKey = sharedSecret;
        return r;
    }

    byte[] ephemeralKey() {
        return ephemeralKey;
    }

    AuthenticatedMessage encrypt(byte[] plaintext) {
        if (sendingChain == null) {
            throw new IllegalStateException("the responder sends only after it received a message");
        }
        byte[][] step = kdfCk(sendingChain);
        sendingChain = step[1];
        OmemoMessage header = new OmemoMessage(sent, previousChainLength, sendingKey.publicKey(), null);
        sent++;
        return seal(step[0], header, plaintext);
    }

    private AuthenticatedMessage seal(byte[] messageKey, OmemoMessage header, byte[] plaintext) {
        CipherKeys keys = CipherKeys.derive(messageKey, MESSAGE_INFO);
        byte[] ciphertext = Crypto.aesCbc(Cipher.ENCRYPT_MODE, keys, plaintext);
        // serialised once; the MAC covers exactly these bytes, and they are what is sent
        byte[] message = new OmemoMessage(header.n(), header.pn(), header.dhPub(), ciphertext).encode();
        return new AuthenticatedMessage(Crypto.truncatedHmac(keys.authenticationKey(), ad, message), message);
    }

    /** Decrypts, or throws {@link AuthenticationException} and keeps the state as it was. */
    byte[] decrypt(AuthenticatedMessage authenticated) {
        OmemoMessage header;
        try {
            header = OmemoMessage.decode(authenticated.message());
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("an OMEMOMessage that does not parse: " + e.getMessage());
        }
        if (header.ciphertext() == null) {
            throw new AuthenticationException("an OMEMOMessage without ciphertext");
        }
        String skippedId = skippedId(header.dhPub(), header.n());
        byte[] skippedKey = skipped.get(skippedId);
        if (skippedKey != null) {
            byte[] plaintext = open(skippedKey, authenticated, header);
            skipped.remove(skippedId);
            return plaintext;
        }
        Ratchet trial = copy();
        if (!Arrays.equals(header.dhPub(), trial.receivingKey)) {
            trial.skipTo(header.pn());
            trial.dhStep(header.dhPub());
        }
        trial.skipTo(header.n());
        byte[][] step = kdfCk(trial.receivingChain);
        trial.receivingChain = step[1];
        trial.received++;
        byte[] plaintext = open(step[0], authenticated, header);
        assign(trial);
        return plaintext;
    }

    private byte[] open(byte[] messageKey, AuthenticatedMessage authenticated, OmemoMessage header) {
        CipherKeys keys = CipherKeys.derive(messageKey, MESSAGE_INFO);
        byte[] expected = Crypto.truncatedHmac(keys.authenticationKey(), ad, authenticated.message());
        if (!Crypto.constantTimeEquals(expected, authenticated.mac())) {
            throw new AuthenticationException("the message's authentication tag does not verify");
        }
        return Crypto.aesCbc(Cipher.DECRYPT_MODE, keys, header.ciphertext());
    }

    private void skipTo(int until) {
        if (receivingChain == null) {
            return;
        }
        if (until < received) {
            throw new AuthenticationException("message " + until + " of this chain was already received");
        }
        if (until - received > MAX_SKIP) {
            throw new AuthenticationException("a message that skips more than " + MAX_SKIP + " keys");
        }
        while (received < until) {
            byte[][] step = kdfCk(receivingChain);
            receivingChain = step[1];
            skipped.put(skippedId(receivingKey, received), step[0]);
            while (skipped.size() > MAX_SKIP) {
                skipped.remove(skipped.keySet().iterator().next());
            }
            received++;
        }
    }

    private void dhStep(byte[] peerKey) {
        previousChainLength = sent;
        sent = 0;
        received = 0;
        receivingKey = peerKey;
        byte[][] next = kdfRk(rootKey, Crypto.dh(sendingKey.privateKey(), receivingKey));
        rootKey = next[0];
        receivingChain = next[1];
        sendingKey = X25519KeyPair.generate(random);
        next = kdfRk(rootKey, Crypto.dh(sendingKey.privateKey(), receivingKey));
        rootKey = next[0];
        sendingChain = next[1];
    }

    private static byte[][] kdfRk(byte[] rootKey, byte[] dhOut) {
        byte[] out = Crypto.hkdf(dhOut, rootKey, ROOT_INFO, 64);
        return new byte[][] {Arrays.copyOfRange(out, 0, 32), Arrays.copyOfRange(out, 32, 64)};
    }

    private static byte[][] kdfCk(byte[] chainKey) {
        return new byte[][] {Crypto.hmac(chainKey, new byte[] {1}), Crypto.hmac(chainKey, new byte[] {2})};
    }

    private static String skippedId(byte[] dhPub, int n) {
        return HexFormat.of().formatHex(dhPub) + ":" + n;
    }

    private Ratchet copy() {
        Ratchet c = new Ratchet(random, ad, ephemeralKey);
        c.assign(this);
        return c;
    }

    private void assign(Ratchet other) {
        rootKey = other.rootKey;
        sendingKey = other.sendingKey;
        receivingKey = other.receivingKey;
        sendingChain = other.sendingChain;
        receivingChain = other.receivingChain;
        sent = other.sent;
        received = other.received;
        previousChainLength = other.previousChainLength;
        if (other != this) {
            skipped.clear();
            skipped.putAll(other.skipped);
        }
    }
}
