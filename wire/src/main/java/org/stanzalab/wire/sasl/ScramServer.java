package org.stanzalab.wire.sasl;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The server's side of one SCRAM exchange (RFC 5802, RFC 7677) without channel binding: checks the client's
 * messages and answers them. Messages are plain text (the caller decodes and encodes base64).
 */
public final class ScramServer {
    private final ScramMechanism mechanism;
    private final Function<String, Optional<ScramCredentials>> accounts;
    private ScramCredentials credentials;
    private String username;
    private String gs2Header;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    /** @param accounts the stored credentials of a username, for this mechanism; empty if there is no such user */
    public ScramServer(ScramMechanism mechanism, Function<String, Optional<ScramCredentials>> accounts) {
        this.mechanism = mechanism;
        this.accounts = accounts;
    }

    /**
     * Reads the client-first message and returns the server-first message.
     *
     * @throws ScramException for a malformed message, channel binding (not supported), an authzid, or an
     *                        unknown user ("unknown-user")
     */
    public String serverFirst(String clientFirst) throws ScramException {
        int second = clientFirst.indexOf(',', clientFirst.indexOf(',') + 1);
        if (!(clientFirst.startsWith("n,") || clientFirst.startsWith("y,")) || second < 0) {
            throw new ScramException("the SCRAM client-first message '" + clientFirst
                    + "' does not start with a GS2 header such as 'n,,' (RFC 5802 §7)", "other-error");
        }
        gs2Header = clientFirst.substring(0, second + 1);
        if (!gs2Header.substring(2).equals(",")) {
            throw new ScramException("this server does not accept an authorization identity ('" + gs2Header + "')",
                    "other-error");
        }
        clientFirstBare = clientFirst.substring(second + 1);
        Map<String, String> attributes = ScramMessages.attributes(clientFirstBare);
        String name = attributes.get("n");
        String clientNonce = attributes.get("r");
        if (name == null || clientNonce == null || clientNonce.isEmpty() || !clientFirstBare.startsWith("n=")) {
            throw new ScramException("the SCRAM client-first message '" + clientFirst + "' lacks 'n=' or 'r='",
                    "other-error");
        }
        username = ScramMessages.fromSaslName(name);
        credentials = accounts.apply(username).orElseThrow(
                () -> new ScramException("no account '" + username + "'", "unknown-user"));
        if (credentials.mechanism() != mechanism) {
            throw new IllegalStateException("credentials for " + credentials.mechanism() + " given to " + mechanism);
        }
        nonce = clientNonce + ScramMessages.nonce();
        serverFirst = "r=" + nonce + ",s=" + credentials.saltBase64() + ",i=" + credentials.iterations();
        return serverFirst;
    }

    /**
     * Checks the client-final message and returns the server-final message ("v=SIGNATURE").
     *
     * @throws ScramException for a malformed message, another nonce or channel binding ("other-error"), or a wrong
     *                        proof ("invalid-proof")
     */
    public String serverFinal(String clientFinal) throws ScramException {
        if (serverFirst == null) {
            throw new IllegalStateException("serverFinal() needs the client-first message first");
        }
        int proofAt = clientFinal.lastIndexOf(",p=");
        if (proofAt < 0) {
            throw new ScramException("the SCRAM client-final message has no proof ('p=')", "other-error");
        }
        String withoutProof = clientFinal.substring(0, proofAt);
        Map<String, String> attributes = ScramMessages.attributes(withoutProof);
        if (!nonce.equals(attributes.get("r"))) {
            throw new ScramException("the SCRAM client-final message carries another nonce than the server's",
                    "other-error");
        }
        if (!ScramMessages.base64(gs2Header).equals(attributes.get("c"))) {
            throw new ScramException("the SCRAM client-final message's channel binding 'c=' does not repeat the GS2 "
                    + "header", "channel-bindings-dont-match");
        }
        byte[] proof;
        try {
            proof = Base64.getDecoder().decode(clientFinal.substring(proofAt + 3));
        } catch (IllegalArgumentException e) {
            throw new ScramException("the SCRAM proof is not base64", "other-error");
        }
        String authMessage = clientFirstBare + "," + serverFirst + "," + withoutProof;
        byte[] clientSignature = mechanism.hmac(credentials.storedKey(), authMessage);
        if (proof.length != clientSignature.length) {
            throw new ScramException("the SCRAM proof has the wrong length", "invalid-proof");
        }
        byte[] clientKey = ScramMechanism.xor(proof, clientSignature);
        if (!MessageDigest.isEqual(mechanism.digest(clientKey), credentials.storedKey())) {
            throw new ScramException("the SCRAM proof does not match the account's password", "invalid-proof");
        }
        return "v=" + ScramMessages.base64(mechanism.hmac(credentials.serverKey(), authMessage));
    }

    /** The user named in the client-first message; null before it. */
    public String username() {
        return username;
    }
}
