package org.stanzalab.wire.sasl;

import java.util.Base64;
import java.util.Map;

/**
 * The client's side of one SCRAM exchange (RFC 5802, RFC 7677) without channel binding, message by message,
 * so a test can send each message as it is or spoil it on purpose. Messages are plain text; the caller
 * base64-encodes them into {@code <auth/>} and {@code <response/>}.
 */
public final class ScramClient {
    private final ScramMechanism mechanism;
    private final String clientNonce = ScramMessages.nonce();
    private String clientFirstBare;
    private String serverFirst;
    private Map<String, String> serverFirstAttributes;
    private byte[] expectedServerSignature;

    public ScramClient(ScramMechanism mechanism) {
        this.mechanism = mechanism;
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** The random nonce this client sends in its first message. */
    public String clientNonce() {
        return clientNonce;
    }

    /** The client-first message for this user: "n,,n=USER,r=NONCE". */
    public String clientFirst(String username) {
        clientFirstBare = "n=" + ScramMessages.saslName(username) + ",r=" + clientNonce;
        return "n,," + clientFirstBare;
    }

    /**
     * Reads the server-first message; one that lacks the nonce, salt or iteration count is the server's error.
     *
     * @return its attributes by key ("r", "s", "i")
     */
    public Map<String, String> readServerFirst(String message) throws ScramException {
        serverFirst = message;
        serverFirstAttributes = ScramMessages.attributes(message);
        for (String key : new String[] {"r", "s", "i"}) {
            if (!serverFirstAttributes.containsKey(key)) {
                throw new ScramException("the SCRAM server-first message '" + message + "' lacks '" + key
                        + "=' (RFC 5802 §7)", "other-error");
            }
        }
        return serverFirstAttributes;
    }

    /** The client-final message with a proof computed from this password. */
    public String clientFinal(String password) throws ScramException {
        return clientFinal(password, serverFirstAttributes.get("r"));
    }

    /** As {@link #clientFinal(String)}, but claiming this nonce (a test may spoil it). */
    public String clientFinal(String password, String nonce) throws ScramException {
        if (serverFirst == null) {
            throw new IllegalStateException("clientFinal() needs the server-first message first");
        }
        int iterations;
        byte[] salt;
        try {
            iterations = Integer.parseInt(serverFirstAttributes.get("i"));
            salt = Base64.getDecoder().decode(serverFirstAttributes.get("s"));
        } catch (IllegalArgumentException e) {
            throw new ScramException("the SCRAM server-first message '" + serverFirst
                    + "' has a malformed salt or iteration count", "other-error");
        }
        String withoutProof = "c=biws,r=" + nonce;
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] salted = mechanism.saltedPassword(password, salt, iterations);
        byte[] clientKey = mechanism.hmac(salted, "Client Key");
        byte[] clientSignature = mechanism.hmac(mechanism.digest(clientKey), authMessage);
        expectedServerSignature = mechanism.hmac(mechanism.hmac(salted, "Server Key"), authMessage);
        return withoutProof + ",p=" + ScramMessages.base64(ScramMechanism.xor(clientKey, clientSignature));
    }

    /** The server signature ('v=') of a server-final message, as sent (base64). */
    public String serverSignatureIn(String serverFinal) throws ScramException {
        String v = ScramMessages.attributes(serverFinal).get("v");
        if (v == null) {
            throw new ScramException("the SCRAM server-final message is '" + serverFinal
                    + "', which has no 'v=' (RFC 5802 §5.1)", "other-error");
        }
        return v;
    }

    /** The server signature a server that knows the password must send, given the exchange so far (base64). */
    public String expectedServerSignature() {
        if (expectedServerSignature == null) {
            throw new IllegalStateException("no client-final message was computed yet");
        }
        return ScramMessages.base64(expectedServerSignature);
    }
}
