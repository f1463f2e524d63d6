package org.stanzalab.suites.xep0384.omemo;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.stanzalab.suites.xep0384.omemo.Crypto.Ed25519KeyPair;
import org.stanzalab.suites.xep0384.omemo.Crypto.X25519KeyPair;
import org.stanzalab.suites.xep0384.omemo.Messages.AuthenticatedMessage;
import org.stanzalab.suites.xep0384.omemo.Messages.KeyExchange;

/**
 * One OMEMO device held in memory: its id, identity key (Ed25519), signed pre-key, one-time pre-keys and its Double
 * Ratchet sessions with other devices, keyed by a name the caller chooses for the peer device (e.g. "jid/device-id").
 *
 * <p>Our own code on Bouncy Castle, written for testing servers (no OMEMO library under a permissive licence is
 * available here); it follows XEP-0384 0.9's X3DH and Double Ratchet parameters but keeps everything in memory and is
 * not meant to protect real secrets.
 */
public final class Device {
    private static final String X3DH_INFO = "OMEMO X3DH";

    private final int id;
    private final SecureRandom random;
    private final Ed25519KeyPair identity;
    private final int signedPreKeyId;
    private final X25519KeyPair signedPreKey;
    private final byte[] signedPreKeySignature;
    private final Map<Integer, X25519KeyPair> preKeys = new LinkedHashMap<>();
    private int nextPreKeyId = 1;
    private final Map<String, Session> sessions = new HashMap<>();

    /** A session and, while the peer has not answered yet, the key exchange header sent with every message. */
    private static final class Session {
        final Ratchet ratchet;
        KeyExchange pendingHeader;

        Session(Ratchet ratchet, KeyExchange pendingHeader) {
            this.ratchet = ratchet;
            this.pendingHeader = pendingHeader;
        }
    }

    /** A key element's content: the serialised OMEMOKeyExchange (kex) or OMEMOAuthenticatedMessage. */
    public record EncryptedKey(byte[] data, boolean kex) {
    }

    private Device(int id, SecureRandom random, int preKeyCount) {
        this.id = id;
        this.random = random;
        this.identity = Ed25519KeyPair.generate(random);
        this.signedPreKeyId = 1;
        this.signedPreKey = X25519KeyPair.generate(random);
        this.signedPreKeySignature = identity.sign(signedPreKey.publicKey());
        for (int i = 0; i < preKeyCount; i++) {
            addPreKey();
        }
    }

    /** A new device with this id and this many one-time pre-keys (XEP-0384 asks for at least 25 in a bundle). */
    public static Device generate(int id, int preKeyCount, SecureRandom random) {
        if (id < 1) {
            throw new IllegalArgumentException("a device id is between 1 and 2^31 - 1");
        }
        return new Device(id, random, preKeyCount);
    }

    private void addPreKey() {
        preKeys.put(nextPreKeyId++, X25519KeyPair.generate(random));
    }

    public int id() {
        return id;
    }

    /** The public bundle to publish. */
    public Bundle bundle() {
        Map<Integer, byte[]> publicPreKeys = new LinkedHashMap<>();
        preKeys.forEach((keyId, pair) -> publicPreKeys.put(keyId, pair.publicKey()));
        return new Bundle(identity.publicKey(), signedPreKeyId, signedPreKey.publicKey(), signedPreKeySignature, publicPreKeys);
    }

    public boolean hasSession(String peer) {
        return sessions.containsKey(peer);
    }

    /**
     * Encrypts key material (the payload key and MAC, or 32 zero bytes for an empty message) for a peer device. Without
     * a session, one is built from the peer's bundle by X3DH with a random one-time pre-key; a bundle whose signed
     * pre-key signature does not verify is refused with {@link AuthenticationException}. Until the peer has answered,
     * every message carries the key exchange (kex).
     */
    public EncryptedKey encrypt(String peer, Bundle peerBundle, byte[] keyMaterial) {
        Session session = sessions.get(peer);
        if (session == null) {
            if (peerBundle == null) {
                throw new IllegalStateException("no session with " + peer + " and no bundle to build one");
            }
            session = initiate(peerBundle);
            sessions.put(peer, session);
        }
        AuthenticatedMessage message = session.ratchet.encrypt(keyMaterial);
        if (session.pendingHeader != null) {
            KeyExchange header = session.pendingHeader;
            return new EncryptedKey(new KeyExchange(header.pkId(), header.spkId(), header.ik(), header.ek(), message).encode(), true);
        }
        return new EncryptedKey(message.encode(), false);
    }

    private Session initiate(Bundle bundle) {
        if (!bundle.signatureVerifies()) {
            throw new AuthenticationException("the bundle's signed pre-key signature does not verify with its identity key");
        }
        if (bundle.preKeys().isEmpty()) {
            throw new AuthenticationException("the bundle has no one-time pre-keys, and every key exchange must use one");
        }
        List<Integer> ids = new ArrayList<>(bundle.preKeys().keySet());
        int preKeyId = ids.get(random.nextInt(ids.size()));
        X25519KeyPair ephemeral = X25519KeyPair.generate(random);
        byte[] secret = sharedSecret(
                Crypto.dh(identity.curvePrivateKey(), bundle.signedPreKey()),
                Crypto.dh(ephemeral.privateKey(), Crypto.curvePublicKey(bundle.identityKey())),
                Crypto.dh(ephemeral.privateKey(), bundle.signedPreKey()),
                Crypto.dh(ephemeral.privateKey(), bundle.preKeys().get(preKeyId)));
        byte[] ad = Crypto.concat(identity.publicKey(), bundle.identityKey());
        Ratchet ratchet = Ratchet.initiator(random, secret, ad, bundle.signedPreKey(), ephemeral.publicKey());
        return new Session(ratchet, new KeyExchange(preKeyId, bundle.signedPreKeyId(), identity.publicKey(), ephemeral.publicKey(), null));
    }

    /**
     * Decrypts a key element from a peer device: an OMEMOKeyExchange builds a new session (unless it repeats the
     * exchange of the current one) and uses up the one-time pre-key, which is replaced by a new one; an
     * OMEMOAuthenticatedMessage needs a session. Anything that does not authenticate throws
     * {@link AuthenticationException} and changes nothing.
     */
    public byte[] decrypt(String peer, byte[] data, boolean kex) {
        Session session = sessions.get(peer);
        if (!kex) {
            if (session == null) {
                throw new AuthenticationException("a message without key exchange from " + peer + ", with whom there is no session");
            }
            AuthenticatedMessage message = parse(() -> AuthenticatedMessage.decode(data));
            byte[] plaintext = session.ratchet.decrypt(message);
            session.pendingHeader = null; // the peer answered: the key exchange is complete
            return plaintext;
        }
        KeyExchange exchange = parse(() -> KeyExchange.decode(data));
        if (session != null && exchange.sameEphemeral(session.ratchet.ephemeralKey())) {
            return session.ratchet.decrypt(exchange.message());
        }
        if (exchange.spkId() != signedPreKeyId) {
            throw new AuthenticationException("a key exchange with the unknown signed pre-key " + exchange.spkId());
        }
        X25519KeyPair preKey = preKeys.get(exchange.pkId());
        if (preKey == null) {
            throw new AuthenticationException("a key exchange with the unknown or used pre-key " + exchange.pkId());
        }
        byte[] secret = sharedSecret(
                Crypto.dh(signedPreKey.privateKey(), Crypto.curvePublicKey(exchange.ik())),
                Crypto.dh(identity.curvePrivateKey(), exchange.ek()),
                Crypto.dh(signedPreKey.privateKey(), exchange.ek()),
                Crypto.dh(preKey.privateKey(), exchange.ek()));
        byte[] ad = Crypto.concat(exchange.ik(), identity.publicKey());
        Ratchet ratchet = Ratchet.responder(random, secret, ad, signedPreKey, exchange.ek());
        byte[] plaintext = ratchet.decrypt(exchange.message());
        sessions.put(peer, new Session(ratchet, null));
        preKeys.remove(exchange.pkId());
        addPreKey();
        return plaintext;
    }

    /** X3DH's SK: HKDF-SHA-256 over 32 0xFF bytes and DH1..DH4, zero salt, info "OMEMO X3DH", 32 bytes. */
    private static byte[] sharedSecret(byte[] dh1, byte[] dh2, byte[] dh3, byte[] dh4) {
        byte[] f = new byte[32];
        java.util.Arrays.fill(f, (byte) 0xFF);
        return Crypto.hkdf(Crypto.concat(f, dh1, dh2, dh3, dh4), null, X3DH_INFO, 32);
    }

    private static <T> T parse(java.util.function.Supplier<T> decode) {
        try {
            return decode.get();
        } catch (IllegalArgumentException e) {
            throw new AuthenticationException("a key element that does not parse: " + e.getMessage());
        }
    }
}
