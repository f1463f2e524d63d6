package org.stanzalab.engine.transcript;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password the run knows, so that no transcript, reason or report ever shows one.
 * Scrubbing by value is the last line of defence; the transcript redacts known carriers (SASL, forms) first.
 */
public final class Secrets {
    private static final String MASK = "[redacted]";
    /** Shorter values would turn ordinary words into [redacted]; the engine never makes such passwords. */
    private static final int SHORTEST = 4;
    /**
     * Secrets by their first {@link #SHORTEST} characters. A run registers a password per account (thousands) and
     * scrubs every transcript line: looking up each window of the text costs its length, where searching the text
     * for every secret cost its length times the number of accounts so far.
     */
    private static final Map<String, Set<String>> byPrefix = new ConcurrentHashMap<>();

    private Secrets() {
    }

    public static void register(String secret) {
        if (secret != null && secret.length() >= SHORTEST) {
            byPrefix.computeIfAbsent(secret.substring(0, SHORTEST), prefix -> ConcurrentHashMap.newKeySet()).add(secret);
        }
    }

    public static String scrub(String text) {
        if (text == null || text.length() < SHORTEST || byPrefix.isEmpty()) {
            return text;
        }
        Set<String> present = new LinkedHashSet<>();
        for (int at = 0; at + SHORTEST <= text.length(); at++) {
            Set<String> candidates = byPrefix.get(text.substring(at, at + SHORTEST));
            if (candidates != null) {
                for (String secret : candidates) {
                    if (text.startsWith(secret, at)) {
                        present.add(secret);
                    }
                }
            }
        }
        String result = text;
        for (String secret : present) {
            result = result.replace(secret, MASK);
        }
        return result;
    }

    public static String mask() {
        return MASK;
    }
}
