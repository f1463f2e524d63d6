package org.stanzalab.engine.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/** Usernames that show which run made them, and passwords nobody can guess. */
final class AccountNames {
    private static final SecureRandom RANDOM = new SecureRandom();
    private final String runTag = Long.toString(System.currentTimeMillis() % 2_176_782_336L, 36);
    private final AtomicInteger counter = new AtomicInteger();

    String nextUsername() {
        return ("sl-" + runTag + "-" + counter.incrementAndGet()).toLowerCase(Locale.ROOT);
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
