package org.stanzalab.wire.sasl;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The SCRAM variants on the JDK's own crypto; {@link #toString()} is the SASL name. SHA-1 is RFC 5802's, SHA-256
 * RFC 7677's; SCRAM-SHA-512 has no RFC yet (draft-melnikov-scram-sha-512) but is in IANA's SASL mechanism registry and
 * is named by XEP-0474 and XEP-0388's examples, and servers offer it.
 */
public enum ScramMechanism {
    SHA1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", "PBKDF2WithHmacSHA1", 160),
    SHA256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "PBKDF2WithHmacSHA256", 256),
    SHA512("SCRAM-SHA-512", "HmacSHA512", "SHA-512", "PBKDF2WithHmacSHA512", 512);

    /** The suffix of the channel-binding variant of each mechanism (RFC 5802 §4). */
    public static final String PLUS = "-PLUS";

    private final String mechanism;
    private final String hmac;
    private final String digest;
    private final String pbkdf2;
    private final int bits;

    ScramMechanism(String mechanism, String hmac, String digest, String pbkdf2, int bits) {
        this.mechanism = mechanism;
        this.hmac = hmac;
        this.digest = digest;
        this.pbkdf2 = pbkdf2;
        this.bits = bits;
    }

    /** The SASL mechanism name, e.g. "SCRAM-SHA-256". */
    public String mechanism() {
        return mechanism;
    }

    /** The name of the variant with channel binding, e.g. "SCRAM-SHA-256-PLUS". */
    public String plusMechanism() {
        return mechanism + PLUS;
    }

    /** The mechanism with this SASL name (without "-PLUS"), or null. */
    public static ScramMechanism named(String saslName) {
        for (ScramMechanism m : values()) {
            if (m.mechanism.equals(saslName)) {
                return m;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return mechanism;
    }

    /** Hi(password, salt, iterations) of RFC 5802 §2.2: PBKDF2 with this mechanism's HMAC. */
    byte[] saltedPassword(String password, byte[] salt, int iterations) {
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance(pbkdf2);
            return factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + pbkdf2 + ": " + e.getMessage(), e);
        }
    }

    byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(hmac);
            mac.init(new SecretKeySpec(key, hmac));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + hmac + ": " + e.getMessage(), e);
        }
    }

    /** The mechanism's hash function H() (RFC 5802 §2.2) over these bytes. */
    public byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute " + digest + ": " + e.getMessage(), e);
        }
    }

    static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}
