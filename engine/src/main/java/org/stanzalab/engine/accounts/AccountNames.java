package org.stanzalab.engine.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Usernames that show which run made them, and passwords nobody can guess. */
final class AccountNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last run tag's clock reading: runs started in the same millisecond (in one JVM) get distinct tags. */
    private static final AtomicLong LAST_TAG = new AtomicLong();
    private final String runTag = Long.toString(nextTag() % 2_176_782_336L, 36);
    private final AtomicInteger counter = new AtomicInteger();

    String nextUsername() {
        return ("sl-" + runTag + "-" + counter.incrementAndGet()).toLowerCase(Locale.ROOT);
    }

    private static long nextTag() {
        long now = System.currentTimeMillis();
        return LAST_TAG.updateAndGet(last -> Math.max(last + 1, now));
    }

    static String newPassword() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    Credentials next() {
        return new Credentials(nextUsername(), newPassword());
    }
}
