package org.stanzalab.wire.server;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * Server dialback (XEP-0220) from the tool's side: the recommended key (XEP-0185), checking a key with the
 * authoritative server, and opening an outgoing server-to-server stream that authenticates with a key.
 */
public final class Dialback {

    /** Decides whether the key in a {@code <db:result/>} received on the stream with {@code streamId} is genuine. */
    @FunctionalInterface
    public interface Verifier {
        boolean verify(DialbackRequest request, String streamId) throws WireException;
    }

    private Dialback() {
    }

    /** XEP-0185: HMAC-SHA256(SHA256(secret), receiving + ' ' + originating + ' ' + streamId), in hex. */
    public static String key(String secret, String receiving, String originating, String streamId) {
        try {
            byte[] hashedSecret = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(HexFormat.of().formatHex(hashedSecret).getBytes(StandardCharsets.US_ASCII),
                    "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal((receiving + " " + originating + " " + streamId)
                    .getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot compute HMAC-SHA256: " + e.getMessage(), e);
        }
    }

    /**
     * The receiving server's check (XEP-0220 §2.3): connect to the originating domain's authoritative server
     * ({@code authoritative} maps a domain to where it is reached), STARTTLS if offered, and ask with
     * {@code <db:verify/>}.
     */
    public static Verifier askAuthoritativeServer(Function<String, WireEndpoint> authoritative) {
        return (request, streamId) -> {
            try (WireStream stream = openServerStream(authoritative.apply(request.from()), request.to()).stream()) {
                stream.send("<db:verify from='" + XmlEscape.attribute(request.to()) + "' to='"
                        + XmlEscape.attribute(request.from()) + "' id='" + XmlEscape.attribute(streamId) + "'>"
                        + XmlEscape.text(request.key()) + "</db:verify>");
                XmlElement answer = stream.expect(e -> e.is("verify", ServerNamespaces.DIALBACK)
                        && streamId.equals(e.attribute("id").orElse(null)), "<db:verify/> answering ours");
                closePolitely(stream);
                return "valid".equals(answer.attribute("type").orElse(""));
            }
        };
    }

    /**
     * Originating side (XEP-0220 §2.1): opens a server-to-server stream from {@code originating} to the
     * receiving server, STARTTLS if offered, and sends the key {@code secret} gives. The receiving server then
     * asks the authoritative server for {@code originating}, which the test must play (a listener answering with
     * {@link ServerStream#answerDialbackVerify}).
     *
     * @return the stream, authenticated: stanzas from {@code originating} may be sent on it
     * @throws WireProtocolException if the receiving server says the key is invalid
     */
    public static WireStream originate(WireEndpoint receiving, String originating, String secret) throws WireException {
        Opened opened = openServerStream(receiving, originating);
        WireStream stream = opened.stream();
        try {
            String streamId = opened.header().id();
            stream.send("<db:result from='" + XmlEscape.attribute(originating) + "' to='"
                    + XmlEscape.attribute(receiving.domain()) + "'>" + key(secret, receiving.domain(), originating,
                    streamId) + "</db:result>");
            XmlElement answer = stream.expect(e -> e.is("result", ServerNamespaces.DIALBACK), "<db:result/> answering ours");
            if (!"valid".equals(answer.attribute("type").orElse(""))) {
                throw new WireProtocolException(receiving.domain() + " did not accept the dialback key of "
                        + originating + ": " + answer.toXml());
            }
            return stream;
        } catch (WireException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    /** The answer is in; the authoritative server may well have closed the connection already. */
    private static void closePolitely(WireStream stream) {
        try {
            stream.closeStream();
        } catch (WireException alreadyClosed) {
            // Nothing depends on the closing tag arriving.
        }
    }

    /** A server-to-server stream from {@code from} to the endpoint's domain, with TLS if the peer offers it. */
    private static Opened openServerStream(WireEndpoint endpoint, String from) throws WireException {
        WireStream stream = WireStream.connect(endpoint);
        try {
            Opened opened = open(stream, endpoint, from);
            if (opened.features().hasChild("starttls", XmppNamespaces.TLS)) {
                stream.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");
                XmlElement answer = stream.expect(e -> e.namespace().equals(XmppNamespaces.TLS), "<proceed/>");
                if (!answer.name().equals("proceed")) {
                    throw new WireTlsException(endpoint.domain() + " answered <starttls/> with " + answer.toXml());
                }
                stream.upgradeToTls();
                opened = open(stream, endpoint, from);
            }
            return opened;
        } catch (WireException | RuntimeException e) {
            stream.close();
            throw e;
        }
    }

    private record Opened(WireStream stream, StreamHeader header, XmlElement features) {
    }

    private static Opened open(WireStream stream, WireEndpoint endpoint, String from) throws WireException {
        stream.send("<?xml version='1.0'?><stream:stream xmlns='" + ServerNamespaces.SERVER + "' xmlns:stream='"
                + XmppNamespaces.STREAMS + "' xmlns:db='" + ServerNamespaces.DIALBACK + "' from='"
                + XmlEscape.attribute(from) + "' to='" + XmlEscape.attribute(endpoint.domain())
                + "' version='1.0'>");
        StreamHeader header = stream.readStreamHeader();
        return new Opened(stream, header, stream.readFeatures());
    }
}
