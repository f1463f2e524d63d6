package org.stanzalab.suites.xep0384.omemo;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The primitives OMEMO names, on Bouncy Castle's Ed25519 and X25519 and the JDK's HMAC, SHA and AES: HKDF-SHA-256,
 * HMAC-SHA-256, AES-256-CBC with PKCS#7 padding (the JDK calls it PKCS5Padding; for AES's 16-byte blocks the two are
 * the same), Ed25519 signatures, X25519, and the conversion of Ed25519 keys to their Curve25519 equivalents (RFC 7748's
 * birational map for public keys, the clamped first half of SHA-512 of the seed for private keys, as libsodium does).
 */
final class Crypto {
    static final int KEY_SIZE = 32;
    static final int MAC_SIZE = 16;
    private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));
    private static final byte[] ZERO_SALT = new byte[32];

    private Crypto() {
    }

    // ---------------------------------------------------------------- hashes and MACs

    static byte[] hmac(byte[] key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HMAC-SHA-256 cut to its first 16 bytes, as OMEMO's authentication tags are. */
    static byte[] truncatedHmac(byte[] key, byte[]... parts) {
        return Arrays.copyOf(hmac(key, parts), MAC_SIZE);
    }

    /** HKDF-SHA-256 (RFC 5869); a null salt is 32 zero bytes. */
    static byte[] hkdf(byte[] ikm, byte[] salt, String info, int length) {
        return hkdf(ikm, salt, info.getBytes(StandardCharsets.US_ASCII), length);
    }

    static byte[] hkdf(byte[] ikm, byte[] salt, byte[] infoBytes, int length) {
        byte[] prk = hmac(salt == null ? ZERO_SALT : salt, ikm);
        byte[] out = new byte[length];
        byte[] block = new byte[0];
        for (int done = 0, counter = 1; done < length; counter++) {
            block = hmac(prk, block, infoBytes, new byte[] {(byte) counter});
            int n = Math.min(block.length, length - done);
            System.arraycopy(block, 0, out, done, n);
            done += n;
        }
        return out;
    }

    /** Encryption key, authentication key and IV, as OMEMO derives them (80 bytes of HKDF output, split 32/32/16). */
    record CipherKeys(byte[] encryptionKey, byte[] authenticationKey, byte[] iv) {
        static CipherKeys derive(byte[] inputKey, String info) {
            byte[] material = hkdf(inputKey, null, info, 80);
            return new CipherKeys(Arrays.copyOfRange(material, 0, 32), Arrays.copyOfRange(material, 32, 64),
                    Arrays.copyOfRange(material, 64, 80));
        }
    }

    static byte[] aesCbc(int mode, CipherKeys keys, byte[] data) {
        try {
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(mode, new SecretKeySpec(keys.encryptionKey(), "AES"), new IvParameterSpec(keys.iv()));
            return cipher.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("AES-256-CBC " + (mode == Cipher.DECRYPT_MODE ? "decryption" : "encryption")
                    + " failed: " + e.getMessage());
        }
    }

    static boolean constantTimeEquals(byte[] a, byte[] b) {
        return MessageDigest.isEqual(a, b);
    }

    static byte[] random(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }

    // ---------------------------------------------------------------- curves

    /** An X25519 key pair. */
    record X25519KeyPair(byte[] privateKey, byte[] publicKey) {
        static X25519KeyPair generate(SecureRandom random) {
            byte[] privateKey = new byte[X25519.SCALAR_SIZE];
            X25519.generatePrivateKey(random, privateKey);
            return fromPrivate(privateKey);
        }

        static X25519KeyPair fromPrivate(byte[] privateKey) {
            byte[] publicKey = new byte[X25519.POINT_SIZE];
            X25519.generatePublicKey(privateKey, 0, publicKey, 0);
            return new X25519KeyPair(privateKey, publicKey);
        }
    }

    /** X25519 of our private key and their public key; an all-zero result (a low-order point) is refused. */
    static byte[] dh(byte[] privateKey, byte[] publicKey) {
        if (publicKey.length != X25519.POINT_SIZE) {
            throw new AuthenticationException("an X25519 public key of " + publicKey.length + " bytes");
        }
        byte[] shared = new byte[X25519.POINT_SIZE];
        if (!X25519.calculateAgreement(privateKey, 0, publicKey, 0, shared, 0)) {
            throw new AuthenticationException("X25519 with a low-order public key");
        }
        return shared;
    }

    /** An Ed25519 key pair kept as its 32-byte seed (RFC 8032's private key) and public key. */
    record Ed25519KeyPair(byte[] seed, byte[] publicKey) {
        static Ed25519KeyPair generate(SecureRandom random) {
            byte[] seed = random(random, Ed25519.SECRET_KEY_SIZE);
            byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
            Ed25519.generatePublicKey(seed, 0, publicKey, 0);
            return new Ed25519KeyPair(seed, publicKey);
        }

        byte[] sign(byte[] message) {
            byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
            Ed25519.sign(seed, 0, message, 0, message.length, signature, 0);
            return signature;
        }

        /** The Curve25519 private key of the same secret: SHA-512 of the seed, first half, clamped. */
        byte[] curvePrivateKey() {
            try {
                byte[] h = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(seed), 32);
                h[0] &= (byte) 248;
                h[31] &= 127;
                h[31] |= 64;
                return h;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey.length != Ed25519.PUBLIC_KEY_SIZE || signature.length != Ed25519.SIGNATURE_SIZE) {
            return false;
        }
        return Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length);
    }

    /** RFC 7748's birational map: the Curve25519 u-coordinate (1 + y) / (1 - y) of an Ed25519 public key. */
    static byte[] curvePublicKey(byte[] edPublicKey) {
        if (edPublicKey.length != 32) {
            throw new AuthenticationException("an Ed25519 public key of " + edPublicKey.length + " bytes");
        }
        byte[] bigEndian = new byte[32];
        for (int i = 0; i < 32; i++) {
            bigEndian[i] = edPublicKey[31 - i];
        }
        bigEndian[0] &= 0x7F; // the top bit is the sign of x
        BigInteger y = new BigInteger(1, bigEndian);
        BigInteger denominator = BigInteger.ONE.subtract(y).mod(P);
        if (y.compareTo(P) >= 0 || denominator.signum() == 0) {
            throw new AuthenticationException("an Ed25519 public key that is no valid point");
        }
        BigInteger u = BigInteger.ONE.add(y).multiply(denominator.modInverse(P)).mod(P);
        byte[] uBytes = u.toByteArray();
        byte[] littleEndian = new byte[32];
        for (int i = 0; i < 32 && i < uBytes.length; i++) {
            littleEndian[i] = uBytes[uBytes.length - 1 - i];
        }
        return littleEndian;
    }
}
