package org.stanzalab.suites.rfc6120;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * A small SCRAM client (RFC 5802, RFC 7677) over a {@link RawClient}, without channel binding, that lets a test
 * send each message as it is or spoil it on purpose.
 */
final class Scram {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The SCRAM variants the tests try; the case key is the mechanism name. */
    enum Variant {
        SHA1("SCRAM-SHA-1", "HmacSHA1", "SHA-1", "PBKDF2WithHmacSHA1", 160),
        SHA256("SCRAM-SHA-256", "HmacSHA256", "SHA-256", "PBKDF2WithHmacSHA256", 256);

        final String mechanism;
        private final String hmac;
        private final String digest;
        private final String pbkdf2;
        private final int bits;

        Variant(String mechanism, String hmac, String digest, String pbkdf2, int bits) {
            this.mechanism = mechanism;
            this.hmac = hmac;
            this.digest = digest;
            this.pbkdf2 = pbkdf2;
            this.bits = bits;
        }

        @Override
        public String toString() {
            return mechanism;
        }
    }

    private final RawClient client;
    private final Variant variant;
    private final String clientNonce = nonce();
    private String clientFirstBare;
    private String serverFirst;
    private Map<String, String> serverFirstAttributes;
    private byte[] expectedServerSignature;

    Scram(RawClient client, Variant variant) {
        this.client = client;
        this.variant = variant;
    }

    String clientNonce() {
        return clientNonce;
    }

    /** Sends {@code <auth/>} with the client-first message for this user and returns the server's answer. */
    XmlElement sendClientFirst(String username) {
        clientFirstBare = "n=" + saslName(username) + ",r=" + clientNonce;
        return sendAuth("n,," + clientFirstBare);
    }

    /** Sends {@code <auth/>} naming this mechanism with an arbitrary initial response (text before base64). */
    XmlElement sendAuth(String initialResponse) {
        client.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='" + variant.mechanism + "'>"
                + base64(initialResponse) + "</auth>");
        return client.expectSaslStep();
    }

    /**
     * Reads the server-first message out of a challenge: a challenge that is not base64, or lacks the nonce,
     * salt or iteration count, is the server's failure.
     */
    Map<String, String> readServerFirst(XmlElement challenge) {
        if (!challenge.is("challenge", XmppNamespaces.SASL)) {
            throw new ServerFailure("expected a SASL <challenge/> carrying the SCRAM server-first message, got " + challenge.toXml());
        }
        serverFirst = decode(challenge, "server-first message");
        serverFirstAttributes = attributes(serverFirst);
        for (String key : new String[] {"r", "s", "i"}) {
            if (!serverFirstAttributes.containsKey(key)) {
                throw new ServerFailure("the SCRAM server-first message '" + serverFirst + "' lacks '" + key + "=' (RFC 5802 §7)");
            }
        }
        return serverFirstAttributes;
    }

    /** Sends the client-final message with a proof computed from this password, and returns the server's answer. */
    XmlElement sendClientFinal(String password) {
        return sendClientFinal(password, serverFirstAttributes.get("r"));
    }

    /** As {@link #sendClientFinal(String)}, but claiming this nonce (a test may spoil it). */
    XmlElement sendClientFinal(String password, String nonce) {
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = saltedPassword(password);
        byte[] clientKey = hmac(salted, "Client Key");
        byte[] clientSignature = hmac(digest(clientKey), authMessage);
        byte[] proof = new byte[clientKey.length];
        for (int i = 0; i < proof.length; i++) {
            proof[i] = (byte) (clientKey[i] ^ clientSignature[i]);
        }
        expectedServerSignature = hmac(hmac(salted, "Server Key"), authMessage);
        String message = withoutProof + ",p=" + Base64.getEncoder().encodeToString(proof);
        String xml = "<response xmlns='" + XmppNamespaces.SASL + "'>";
        try {
            client.wire().sendRedacted(xml + base64(message) + "</response>", xml + "[client-final with proof, redacted]</response>");
        } catch (WireException e) {
            throw new TestError("could not send the SCRAM client-final message: " + e.getMessage(), e);
        }
        return client.expectSaslStep();
    }

    /** The server signature ('v=') in the additional data of {@code <success/>}, as sent (base64). */
    String serverSignatureIn(XmlElement success) {
        String data = decode(success, "server-final message");
        String v = attributes(data).get("v");
        if (v == null) {
            throw new ServerFailure("the SCRAM server-final message in <success/> is '" + data + "', which has no 'v=' (RFC 5802 §5.1)");
        }
        return v;
    }

    /** The server signature a server that knows the password must send, given the exchange so far. */
    String expectedServerSignature() {
        return Base64.getEncoder().encodeToString(expectedServerSignature);
    }

    // ---------------------------------------------------------------- internals

    private static String decode(XmlElement element, String what) {
        String text = element.text().strip();
        try {
            return new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ServerFailure("the SCRAM " + what + " in " + element.toXml() + " is not base64 (RFC 6120 §6.4.2)");
        }
    }

    private static Map<String, String> attributes(String message) {
        Map<String, String> attributes = new HashMap<>();
        for (String part : message.split(",")) {
            int eq = part.indexOf('=');
            if (eq == 1) {
                attributes.putIfAbsent(part.substring(0, 1), part.substring(2));
            }
        }
        return attributes;
    }

    private byte[] saltedPassword(String password) {
        int iterations;
        byte[] salt;
        try {
            iterations = Integer.parseInt(serverFirstAttributes.get("i"));
            salt = Base64.getDecoder().decode(serverFirstAttributes.get("s"));
        } catch (IllegalArgumentException e) {
            throw new ServerFailure("the SCRAM server-first message '" + serverFirst + "' has a malformed salt or iteration count");
        }
        try {
            SecretKeyFactory factory = SecretKeyFactory.getInstance(variant.pbkdf2);
            return factory.generateSecret(new PBEKeySpec(password.toCharArray(), salt, iterations, variant.bits)).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new TestError("could not compute the SCRAM salted password: " + e.getMessage(), e);
        }
    }

    private byte[] hmac(byte[] key, String text) {
        try {
            Mac mac = Mac.getInstance(variant.hmac);
            mac.init(new SecretKeySpec(key, variant.hmac));
            return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new TestError("could not compute " + variant.hmac + ": " + e.getMessage(), e);
        }
    }

    private byte[] digest(byte[] data) {
        try {
            return MessageDigest.getInstance(variant.digest).digest(data);
        } catch (GeneralSecurityException e) {
            throw new TestError("could not compute " + variant.digest + ": " + e.getMessage(), e);
        }
    }

    static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String saslName(String username) {
        return username.replace("=", "=3D").replace(",", "=2C");
    }

    private static String nonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().withoutPadding().encodeToString(bytes).replace('+', '-').replace('/', '_');
    }
}
