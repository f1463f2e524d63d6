package org.stanzalab.wire.sasl;

import java.util.Base64;

/**
 * What a SCRAM server stores for an account (RFC 5802 §3): salt, iteration count, StoredKey and ServerKey.
 * Deriving them costs the PBKDF2 iterations, so derive once per account and keep the value.
 */
public record ScramCredentials(ScramMechanism mechanism, byte[] salt, int iterations, byte[] storedKey,
                               byte[] serverKey) {

    public static final int DEFAULT_ITERATIONS = 4096;

    public ScramCredentials {
        salt = salt.clone();
        storedKey = storedKey.clone();
        serverKey = serverKey.clone();
    }

    /** Derives the stored keys from a password, with a random salt and {@link #DEFAULT_ITERATIONS}. */
    public static ScramCredentials fromPassword(ScramMechanism mechanism, String password) {
        return fromPassword(mechanism, password, ScramMessages.salt(), DEFAULT_ITERATIONS);
    }

    public static ScramCredentials fromPassword(ScramMechanism mechanism, String password, byte[] salt, int iterations) {
        byte[] salted = mechanism.saltedPassword(password, salt, iterations);
        byte[] storedKey = mechanism.digest(mechanism.hmac(salted, "Client Key"));
        byte[] serverKey = mechanism.hmac(salted, "Server Key");
        return new ScramCredentials(mechanism, salt, iterations, storedKey, serverKey);
    }

    String saltBase64() {
        return Base64.getEncoder().encodeToString(salt);
    }

    // Arrays would compare by identity; the record's secrets stay out of toString.
    @Override
    public boolean equals(Object o) {
        return o instanceof ScramCredentials other && mechanism == other.mechanism
                && java.util.Arrays.equals(salt, other.salt) && iterations == other.iterations
                && java.util.Arrays.equals(storedKey, other.storedKey) && java.util.Arrays.equals(serverKey, other.serverKey);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(storedKey);
    }

    @Override
    public String toString() {
        return "ScramCredentials[" + mechanism + ", " + iterations + " iterations]";
    }
}
