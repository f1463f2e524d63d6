package org.stanzalab.engine.smack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class ScramSha1Test {

    private final ScramSha1.KeyCachingHmacSha1 hmac = new ScramSha1.KeyCachingHmacSha1();

    @Test
    void sameMacAsTheJdkForShortBlockSizedAndLongKeysAlsoWhenTheKeyChanges() throws Exception {
        byte[] data = "the quick brown fox".getBytes(StandardCharsets.UTF_8);
        for (int length : new int[] {0, 1, 20, 63, 64, 65, 200, 20}) {
            byte[] key = new byte[length];
            for (int i = 0; i < length; i++) {
                key[i] = (byte) (i * 7 + length);
            }
            assertArrayEquals(jdkHmac(key, data), hmac.hmac(key, data), "key of " + length + " bytes");
            assertArrayEquals(jdkHmac(key, key), hmac.hmac(key, key), "key of " + length + " bytes, again");
        }
    }

    @Test
    void iteratedLikeScramItGivesPbkdf2OfTheRfc5802Example() throws Exception {
        byte[] password = "pencil".getBytes(StandardCharsets.UTF_8);
        byte[] salt = Base64.getDecoder().decode("QSXCR+Q6sek8bf92");
        int iterations = 4096;
        byte[] u = hmac.hmac(password, concat(salt, new byte[] {0, 0, 0, 1}));
        byte[] salted = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = hmac.hmac(password, u);
            for (int j = 0; j < u.length; j++) {
                salted[j] ^= u[j];
            }
        }
        byte[] expected = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1")
                .generateSecret(new PBEKeySpec("pencil".toCharArray(), salt, iterations, 160)).getEncoded();
        assertArrayEquals(expected, salted);
    }

    private static byte[] jdkHmac(byte[] key, byte[] data) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA1");
        // SecretKeySpec refuses an empty key; padded to a block, an empty key and one zero byte are the same key.
        mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA1"));
        return mac.doFinal(data);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
