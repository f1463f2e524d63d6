package org.stanzalab.engine.smack;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.SCRAMSHA1Mechanism;
import org.jivesoftware.smack.sasl.core.ScramHmac;
import org.jivesoftware.smack.sasl.core.ScramMechanism;

/**
 * Smack's SCRAM-SHA-1, the same exchange on the wire, with an HMAC that costs half as much.
 *
 * <p>Every Smack login derives the salted password with 4096 (ejabberd) or more HMAC rounds under one key, and
 * Smack's HMAC re-keys a {@code javax.crypto.Mac} for each round: four SHA-1 blocks per round, behind one
 * lock for the whole JVM. Here the digests of the key's inner and outer pads are kept and copied for each round,
 * so a round hashes two blocks, and concurrent logins do not wait for each other. This was the largest single
 * item of the tool's CPU per test after start-up.
 */
final class ScramSha1 extends ScramMechanism {
    /** Smack's own SCRAM-SHA-1 priority, so mechanism selection is unchanged. */
    private static final int PRIORITY = 110;

    private ScramSha1() {
        super(new PadCachingHmacSha1());
    }

    /** Puts this mechanism in place of Smack's SCRAM-SHA-1 for every connection of the JVM. */
    static void replaceSmacks() {
        SASLAuthentication.unregisterSASLMechanism(SCRAMSHA1Mechanism.class.getName());
        SASLAuthentication.registerSASLMechanism(new ScramSha1());
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    @Override
    protected SASLMechanism newInstance() {
        return new ScramSha1();
    }

    /** HMAC-SHA-1 (RFC 2104) that remembers the last key's padded digests. One per login, so never shared. */
    static final class PadCachingHmacSha1 implements ScramHmac {
        private static final int BLOCK = 64;

        private byte[] key;
        private MessageDigest inner;
        private MessageDigest outer;

        @Override
        public String getHmacName() {
            return "SHA-1";
        }

        @Override
        public byte[] hmac(byte[] key, byte[] data) {
            if (!Arrays.equals(key, this.key)) {
                rekey(key);
            }
            MessageDigest in = copy(inner);
            in.update(data);
            MessageDigest out = copy(outer);
            out.update(in.digest());
            return out.digest();
        }

        private void rekey(byte[] key) {
            byte[] block = key.length > BLOCK ? sha1().digest(key) : key;
            byte[] ipad = new byte[BLOCK];
            byte[] opad = new byte[BLOCK];
            Arrays.fill(ipad, (byte) 0x36);
            Arrays.fill(opad, (byte) 0x5c);
            for (int i = 0; i < block.length; i++) {
                ipad[i] ^= block[i];
                opad[i] ^= block[i];
            }
            inner = sha1();
            inner.update(ipad);
            outer = sha1();
            outer.update(opad);
            this.key = key.clone();
        }

        private static MessageDigest sha1() {
            try {
                return MessageDigest.getInstance("SHA-1");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-1 is unavailable in this JVM", e);
            }
        }

        private static MessageDigest copy(MessageDigest digest) {
            try {
                return (MessageDigest) digest.clone();
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("this JVM's SHA-1 cannot be copied", e);
            }
        }
    }
}
