package org.stanzalab.wire.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * The client's side of one SCRAM exchange (RFC 5802, RFC 7677), message by message, so a test can send each
 * message as it is or spoil it on purpose. Messages are plain text; the caller base64-encodes them into
 * {@code <auth/>} and {@code <response/>}. Without channel binding the GS2 header is "n,,"; {@link #binding} and
 * {@link #claimingServerCannotBind} give the "p=TYPE,," and "y,," forms of RFC 5802 §6.
 */
public final class ScramClient {
    private final ScramMechanism mechanism;
    private final String gs2Header;
    private final byte[] channelBindingData;
    private final String clientNonce = ScramMessages.nonce();
    private String clientFirstBare;
    private String serverFirst;
    private Map<String, String> serverFirstAttributes;
    private byte[] expectedServerSignature;

    /** Without channel binding: GS2 header "n,,". */
    public ScramClient(ScramMechanism mechanism) {
        this(mechanism, "n,,", new byte[0]);
    }

    private ScramClient(ScramMechanism mechanism, String gs2Header, byte[] channelBindingData) {
        this.mechanism = mechanism;
        this.gs2Header = gs2Header;
        this.channelBindingData = channelBindingData.clone();
    }

    /**
     * The -PLUS variant bound to the channel: GS2 header "p=TYPE,,", and the client-final message's "c=" carries the
     * header followed by {@code data}, the channel's binding of that type (a test may pass altered bytes).
     */
    public static ScramClient binding(ScramMechanism mechanism, String type, byte[] data) {
        return new ScramClient(mechanism, "p=" + type + ",,", data);
    }

    /** GS2 header "y,,": this client could bind to the channel but believes the server cannot (RFC 5802 §6). */
    public static ScramClient claimingServerCannotBind(ScramMechanism mechanism) {
        return new ScramClient(mechanism, "y,,", new byte[0]);
    }

    public ScramMechanism mechanism() {
        return mechanism;
    }

    /** The SASL name to put in {@code <auth mechanism=.../>}: with "-PLUS" when this client binds to the channel. */
    public String saslMechanism() {
        return gs2Header.startsWith("p=") ? mechanism.plusMechanism() : mechanism.mechanism();
    }

    /** "n,,", "y,," or "p=TYPE,,". */
    public String gs2Header() {
        return gs2Header;
    }

    /** The client-final message's "c=": base64 of the GS2 header and the channel-binding data (RFC 5802 §5.1, §7). */
    public String channelBindingAttribute() {
        byte[] header = gs2Header.getBytes(StandardCharsets.UTF_8);
        byte[] input = new byte[header.length + channelBindingData.length];
        System.arraycopy(header, 0, input, 0, header.length);
        System.arraycopy(channelBindingData, 0, input, header.length, channelBindingData.length);
        return ScramMessages.base64(input);
    }

    /** The random nonce this client sends in its first message. */
    public String clientNonce() {
        return clientNonce;
    }

    /** The client-first message for this user: the GS2 header, then "n=USER,r=NONCE". */
    public String clientFirst(String username) {
        clientFirstBare = "n=" + ScramMessages.saslName(username) + ",r=" + clientNonce;
        return gs2Header + clientFirstBare;
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

    /**
     * The XEP-0474 downgrade protection hash (attribute "h") of the server-first message, if the server sent one;
     * compare it with {@link ScramDowngradeProtection#hash}.
     */
    public Optional<String> downgradeProtectionHash() {
        if (serverFirstAttributes == null) {
            throw new IllegalStateException("downgradeProtectionHash() needs the server-first message first");
        }
        return Optional.ofNullable(serverFirstAttributes.get("h"));
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
        String withoutProof = "c=" + channelBindingAttribute() + ",r=" + nonce;
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
