package org.stanzalab.suites.xep0384.omemo;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The public keys a device announces (XEP-0384 § Bundles): its identity key (Ed25519), its signed pre-key (X25519)
 * with the id and the identity key's Ed25519 signature over it, and its one-time pre-keys (X25519) by id.
 */
public record Bundle(byte[] identityKey, int signedPreKeyId, byte[] signedPreKey, byte[] signedPreKeySignature,
                     Map<Integer, byte[]> preKeys) {

    public Bundle {
        preKeys = Collections.unmodifiableMap(new TreeMap<>(preKeys));
    }

    /** Whether the signed pre-key's signature verifies with the identity key. */
    public boolean signatureVerifies() {
        return Crypto.verify(identityKey, signedPreKey, signedPreKeySignature);
    }
}
