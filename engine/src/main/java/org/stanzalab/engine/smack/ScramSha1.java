package org.stanzalab.engine.smack;

import java.util.Arrays;

import org.bouncycastle.crypto.digests.SHA1Digest;
import org.bouncycastle.crypto.macs.HMac;
import org.bouncycastle.crypto.params.KeyParameter;
import org.jivesoftware.smack.SASLAuthentication;
import org.jivesoftware.smack.sasl.SASLMechanism;
import org.jivesoftware.smack.sasl.core.SCRAMSHA1Mechanism;
import org.jivesoftware.smack.sasl.core.ScramHmac;
import org.jivesoftware.smack.sasl.core.ScramMechanism;

/**
 * Smack's SCRAM-SHA-1, the same exchange on the wire, with an HMAC that costs a third as much.
 *
 * <p>Every Smack login derives the salted password with 4096 (ejabberd) or 10000 (Prosody) HMAC rounds under one
 * key, and Smack re-keys a {@code javax.crypto.Mac} for each round, behind one lock for the whole JVM. With the JIT
 * stopped at C1 (see the launcher) the JDK's SHA-1 also runs without its intrinsic. Bouncy Castle's HMAC keeps the
 * key's padded digest states and restores them per round, and its SHA-1 is unrolled: about 3 ms instead of 7 per
 * 4096 rounds. Logins were the largest single item of the tool's CPU per test.
 */
final class ScramSha1 extends ScramMechanism {
    /** Smack's own SCRAM-SHA-1 priority, so mechanism selection is unchanged. */
    private static final int PRIORITY = 110;

    private ScramSha1() {
        super(new KeyCachingHmacSha1());
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

    /** HMAC-SHA-1 that is keyed again only when the key changes. One per login, so never shared between threads. */
    static final class KeyCachingHmacSha1 implements ScramHmac {
        private final HMac mac = new HMac(new SHA1Digest());
        private byte[] key;

        @Override
        public String getHmacName() {
            return "SHA-1";
        }

        @Override
        public byte[] hmac(byte[] key, byte[] data) {
            if (!Arrays.equals(key, this.key)) {
                mac.init(new KeyParameter(key));
                this.key = key.clone();
            }
            mac.update(data, 0, data.length);
            byte[] result = new byte[mac.getMacSize()];
            mac.doFinal(result, 0); // also resets the MAC to the keyed state for the next round
            return result;
        }
    }
}
