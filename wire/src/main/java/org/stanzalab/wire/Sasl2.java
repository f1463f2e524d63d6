package org.stanzalab.wire;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramException;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * The client side of XEP-0388 Extensible SASL Profile ("SASL2") on a {@link WireStream}: {@code <authenticate/>} with
 * an initial response, challenges and responses, and the outcome ({@code <success/>}, {@code <failure/>} or
 * {@code <continue/>}), with room for inline requests such as XEP-0386 Bind 2 and XEP-0484 FAST. Passwords, proofs and
 * tokens reach the traffic listener redacted. SASL2 has no stream restart: after {@code <success/>} the server's
 * features follow on the same stream ({@link WireStream#readFeatures()}).
 */
public final class Sasl2 {
    public static final String NS = "urn:xmpp:sasl:2";
    public static final String BIND2 = "urn:xmpp:bind:0";
    public static final String FAST = "urn:xmpp:fast:0";
    /** The FAST mechanism without channel binding (draft-schmaus-kitten-sasl-ht). */
    public static final String HT_SHA_256_NONE = "HT-SHA-256-NONE";

    private Sasl2() {
    }

    /** The {@code <authentication/>} feature, if the server offers SASL2 on this stream. */
    public static Optional<XmlElement> feature(XmlElement features) {
        return features.child("authentication", NS);
    }

    /** The mechanisms listed in the SASL2 feature (empty if there is none). */
    public static List<String> mechanisms(XmlElement features) {
        return feature(features).map(a -> a.children("mechanism", NS).stream().map(m -> m.text().strip()).toList())
                .orElse(List.of());
    }

    /** A feature the server offers inline in SASL2 (e.g. {@code bind} in {@link #BIND2}, {@code fast} in {@link #FAST}). */
    public static Optional<XmlElement> inlineFeature(XmlElement features, String name, String namespace) {
        return feature(features).flatMap(a -> a.child("inline", NS)).flatMap(i -> i.child(name, namespace));
    }

    /** How an authentication ended: the server's {@code <success/>}, {@code <failure/>} or {@code <continue/>}. */
    public record Outcome(XmlElement element) {
        public boolean isSuccess() {
            return element.is("success", NS);
        }

        public boolean isFailure() {
            return element.is("failure", NS);
        }

        /** The negotiated identity of a success: a bare JID, or a full JID when a resource was bound. */
        public Optional<String> authorizationIdentifier() {
            return element.childText("authorization-identifier", NS).map(String::strip);
        }

        /** The RFC 6120 §6.5 condition of a failure, if it names one. */
        public Optional<String> failureCondition() {
            return element.children().stream().filter(c -> c.namespace().equals(XmppNamespaces.SASL) && !c.name().equals("text"))
                    .map(XmlElement::name).findFirst();
        }

        public Optional<XmlElement> child(String name, String namespace) {
            return element.child(name, namespace);
        }

        public Optional<String> additionalData() {
            return element.childText("additional-data", NS).map(String::strip);
        }
    }

    /**
     * Authenticates with SCRAM-SHA-1 or SCRAM-SHA-256 through {@code <authenticate/>}; {@code inline} is added to the
     * request as it is (e.g. a Bind 2 {@code <bind/>} or a FAST {@code <request-token/>}). A success whose
     * additional data does not carry the server's proof of the password throws {@link WireProtocolException}.
     */
    public static Outcome authenticateScram(WireStream stream, String mechanism, String username, String password,
                                            String userAgentId, String inline) throws WireException {
        ScramMechanism variant = ScramMechanism.named(mechanism);
        if (variant == null) {
            throw new IllegalArgumentException("SASL2 with " + mechanism + " is not supported by the wire driver");
        }
        ScramClient scram = new ScramClient(variant);
        stream.send(authenticate(mechanism, base64(scram.clientFirst(username)), userAgentId, inline));
        XmlElement step = nextStep(stream);
        if (!step.is("challenge", NS)) {
            return new Outcome(step);
        }
        String clientFinal;
        try {
            scram.readServerFirst(decoded(step.text()));
            clientFinal = scram.clientFinal(password);
        } catch (ScramException e) {
            throw new WireProtocolException("SASL2 " + mechanism + ": " + e.getMessage());
        }
        String response = "<response xmlns='" + NS + "'>";
        stream.sendRedacted(response + base64(clientFinal) + "</response>", response + "[client-final with proof, redacted]</response>");
        Outcome outcome = new Outcome(nextStep(stream));
        if (outcome.isSuccess() && outcome.additionalData().isPresent()) {
            try {
                String signature = scram.serverSignatureIn(decoded(outcome.additionalData().get()));
                if (!signature.equals(scram.expectedServerSignature())) {
                    throw new WireProtocolException("SASL2 " + mechanism + ": the server signature does not prove that the server knows the password");
                }
            } catch (ScramException e) {
                throw new WireProtocolException("SASL2 " + mechanism + ": " + e.getMessage());
            }
        }
        return outcome;
    }

    /**
     * Authenticates with a FAST token (XEP-0484) and {@link #HT_SHA_256_NONE}: the initial response is the username,
     * a NUL and HMAC-SHA-256 keyed with the token over "Initiator". {@code inline} should hold the {@code <fast/>}
     * marker (see {@link #fastMarker()}) and may hold more requests.
     */
    public static Outcome authenticateToken(WireStream stream, String username, String token, String userAgentId,
                                            String inline) throws WireException {
        byte[] user = username.getBytes(StandardCharsets.UTF_8);
        byte[] mac = hmac(token, "Initiator");
        byte[] message = new byte[user.length + 1 + mac.length];
        System.arraycopy(user, 0, message, 0, user.length);
        System.arraycopy(mac, 0, message, user.length + 1, mac.length);
        String request = authenticate(HT_SHA_256_NONE, Base64.getEncoder().encodeToString(message), userAgentId, inline);
        stream.sendRedacted(request, authenticate(HT_SHA_256_NONE, "[username and token HMAC, redacted]", userAgentId, inline));
        return new Outcome(nextStep(stream));
    }

    /** The HMAC a server proves its knowledge of the token with (HT mechanisms, "Responder"). */
    public static byte[] responderProof(String token) {
        return hmac(token, "Responder");
    }

    /** The element that marks an authentication as made with a FAST token. */
    public static String fastMarker() {
        return "<fast xmlns='" + FAST + "'/>";
    }

    /** A FAST token request for this mechanism, to put inline in a password authentication. */
    public static String requestToken(String mechanism) {
        return "<request-token xmlns='" + FAST + "' mechanism='" + XmlEscape.attribute(mechanism) + "'/>";
    }

    /** A Bind 2 request with this tag (none when null). */
    public static String bind(String tagOrNull) {
        return "<bind xmlns='" + BIND2 + "'>" + (tagOrNull == null ? "" : "<tag>" + XmlEscape.text(tagOrNull) + "</tag>") + "</bind>";
    }

    private static String authenticate(String mechanism, String initialResponse, String userAgentId, String inline) {
        return "<authenticate xmlns='" + NS + "' mechanism='" + XmlEscape.attribute(mechanism) + "'><initial-response>"
                + initialResponse + "</initial-response><user-agent id='" + XmlEscape.attribute(userAgentId)
                + "'><software>Stanzalab</software></user-agent>" + (inline == null ? "" : inline) + "</authenticate>";
    }

    private static XmlElement nextStep(WireStream stream) throws WireException {
        XmlElement step = stream.expect(e -> e.namespace().equals(NS) && (e.name().equals("challenge") || e.name().equals("success")
                        || e.name().equals("failure") || e.name().equals("continue")) || StreamError.isStreamError(e),
                "a SASL2 <challenge/>, <success/>, <failure/> or <continue/>");
        if (StreamError.isStreamError(step)) {
            throw new WireProtocolException("the server ended the stream during SASL2: " + StreamError.from(step).describe());
        }
        return step;
    }

    private static byte[] hmac(String token, String label) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(String text) throws WireProtocolException {
        try {
            return new String(Base64.getDecoder().decode(text.strip()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new WireProtocolException("SASL2 data is not base64: " + text);
        }
    }
}
