package org.stanzalab.wire.sasl;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parsing and encoding shared by the SCRAM client and server. */
final class ScramMessages {
    private static final SecureRandom RANDOM = new SecureRandom();

    private ScramMessages() {
    }

    /** "a=1,b=2" into its attributes; the first of repeated keys wins. */
    static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (String part : message.split(",", -1)) {
            if (part.length() >= 2 && part.charAt(1) == '=') {
                attributes.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    /** RFC 5802 §5.1 saslname: ',' and '=' are escaped. */
    static String saslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    static String fromSaslName(String saslName) {
        return saslName.replace("=2C", ",").replace("=3D", "=");
    }

    static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '-').replace('/', '_');
    }

    static byte[] salt() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    static String base64(String text) {
        return base64(text.getBytes(StandardCharsets.UTF_8));
    }
}
