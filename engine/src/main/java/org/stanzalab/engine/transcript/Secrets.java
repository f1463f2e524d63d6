package org.stanzalab.engine.transcript;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every password the run knows, so that no transcript, reason or report ever shows one.
 * Scrubbing by value is the last line of defence; the transcript redacts known carriers (SASL, forms) first.
 */
public final class Secrets {
    private static final String MASK = "[redacted]";
    private static final Set<String> known = ConcurrentHashMap.newKeySet();

    private Secrets() {
    }

    public static void register(String secret) {
        // Very short values would turn ordinary words into [redacted]; the engine never makes such passwords.
        if (secret != null && secret.length() >= 4) {
            known.add(secret);
        }
    }

    public static String scrub(String text) {
        if (text == null || known.isEmpty()) {
            return text;
        }
        String result = text;
        for (String secret : known) {
            if (result.contains(secret)) {
                result = result.replace(secret, MASK);
            }
        }
        return result;
    }

    public static String mask() {
        return MASK;
    }
}
