package org.stanzalab.engine.accounts;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Usernames that show which run made them, and passwords nobody can guess. */
public final class AccountNames {
    /** What every name we make looks like: the prefix, the run's tag, a counter. Nobody else's account matches. */
    private static final java.util.regex.Pattern OURS = java.util.regex.Pattern.compile("sl-[0-9a-z]{1,7}-[1-9][0-9]*");

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The last run tag's clock reading: runs started in the same millisecond (in one JVM) get distinct tags. */
    private static final AtomicLong LAST_TAG = new AtomicLong();
    private static final long TAG_MODULUS = 2_176_782_336L;
    private final String runTag = Long.toString(nextTag() % TAG_MODULUS, 36);
    private final AtomicInteger counter = new AtomicInteger();

    /** True for a name one of our runs made (sl-TAG-N); sweeping touches no other account. */
    public static boolean isOurs(String username) {
        return OURS.matcher(username).matches();
    }

    /**
     * How long ago the run that made this name started, from its tag (milliseconds modulo 36^6, about 25 days, so an
     * older run looks younger than it is); empty for a name that is not ours.
     */
    public static java.util.Optional<java.time.Duration> age(String username, long nowMillis) {
        if (!isOurs(username)) {
            return java.util.Optional.empty();
        }
        long tag = Long.parseLong(username.substring(3, username.indexOf('-', 3)), 36);
        return java.util.Optional.of(java.time.Duration.ofMillis(Math.floorMod(nowMillis % TAG_MODULUS - tag, TAG_MODULUS)));
    }

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

    AccountNames() {
    }

    Credentials next() {
        return new Credentials(nextUsername(), newPassword());
    }

    /** The first ten names and how many more ("a, b, c and 120 more"): a console line stays readable. */
    public static String firstTen(java.util.Collection<String> names) {
        java.util.List<String> all = java.util.List.copyOf(names);
        int shown = Math.min(all.size(), 10);
        return String.join(", ", all.subList(0, shown)) + (all.size() > shown ? " and " + (all.size() - shown) + " more" : "");
    }
}
