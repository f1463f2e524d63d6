package org.stanzalab.wire;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.bouncycastle.jsse.BCSSLSocket;
import org.bouncycastle.jsse.provider.BouncyCastleJsseProvider;

/**
 * TLS channel bindings (RFC 5056) for SASL mechanisms that bind to the channel, such as SCRAM's -PLUS variants.
 *
 * <p>The JDK's JSSE exports none of them, so connections that need "tls-unique" (RFC 5929 §3) or "tls-exporter"
 * (RFC 9266) are made with Bouncy Castle's JSSE provider ({@link #sslContext}), whose sockets export tls-unique
 * (TLS 1.2) and, in principle, tls-exporter; but its version 1.78.1 forgets the TLS 1.3 exporter secret when the
 * handshake ends, so tls-exporter is not available on TLS 1.3 connections yet (the tests that need it end as errors).
 * "tls-server-end-point" (RFC 5929 §4) depends only on the server's certificate, so it is available on any client
 * connection, the JDK's too.
 */
public final class ChannelBindings {
    public static final String TLS_UNIQUE = "tls-unique";
    public static final String TLS_EXPORTER = "tls-exporter";
    public static final String TLS_SERVER_END_POINT = "tls-server-end-point";
    /** XEP-0440: the stream feature listing the channel-binding types a server supports. */
    public static final String XEP_0440 = "urn:xmpp:sasl-cb:0";

    // Its crypto from Bouncy Castle too: on the JDK's providers alone its TLS 1.3 handshakes failed (handshake_failure).
    private static final BouncyCastleJsseProvider PROVIDER = new BouncyCastleJsseProvider(
            new org.bouncycastle.jce.provider.BouncyCastleProvider());

    private ChannelBindings() {
    }

    /**
     * The types a server lists in its XEP-0440 {@code <sasl-channel-binding/>} feature, in its order; empty when the
     * features have no such element (a present element with no types gives an empty list).
     */
    public static Optional<List<String>> advertisedTypes(XmlElement features) {
        return features.child("sasl-channel-binding", XEP_0440).map(feature -> feature.children().stream()
                .filter(c -> c.is("channel-binding", XEP_0440))
                .map(c -> c.attribute("type").orElse("")).toList());
    }

    /**
     * A client TLS context on Bouncy Castle's JSSE, trusting what {@code trust} trusts; connections made with it
     * (through {@link WireEndpoint#sslContext()}) can export every binding type.
     */
    public static SSLContext sslContext(X509TrustManager trust) {
        try {
            SSLContext context = SSLContext.getInstance("TLS", PROVIDER);
            // An explicit SecureRandom: without one the provider asks the JCA for a "DEFAULT" one the JDK does not have.
            context.init(null, new TrustManager[] {trust}, new java.security.SecureRandom());
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle's JSSE provider cannot make a TLS context: " + e.getMessage(), e);
        }
    }

    /**
     * The binding of this type for a connecting side's socket, or empty when the socket cannot export it (a JDK socket
     * and tls-unique or tls-exporter; tls-unique on TLS 1.3, where RFC 5929 does not define it).
     */
    static Optional<byte[]> of(SSLSocket socket, String type) {
        if (socket instanceof BCSSLSocket bc && bc.getConnection() != null) {
            try {
                byte[] data = bc.getConnection().getChannelBinding(type);
                if (data != null) {
                    return Optional.of(data);
                }
            } catch (IllegalStateException | UnsupportedOperationException unavailable) {
                // Bouncy Castle 1.78.1 drops the TLS 1.3 exporter secret once the handshake is over, so tls-exporter
                // is only available from inside its handshake callback, which its JSSE layer does not open to us.
            }
        }
        if (TLS_SERVER_END_POINT.equals(type) && socket.getUseClientMode()) {
            try {
                Certificate[] chain = socket.getSession().getPeerCertificates();
                if (chain.length > 0 && chain[0] instanceof X509Certificate leaf) {
                    return Optional.of(serverEndPoint(leaf));
                }
            } catch (SSLPeerUnverifiedException noCertificate) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /**
     * RFC 5929 §4.1: the hash of the server certificate with the hash function of its signature algorithm, SHA-256
     * where that is MD5 or SHA-1. Signature algorithms without a single hash function (Ed25519) have none: an exception.
     */
    public static byte[] serverEndPoint(X509Certificate certificate) {
        String algorithm = certificate.getSigAlgName().toUpperCase(Locale.ROOT);
        int with = algorithm.indexOf("WITH");
        String hash = with > 0 ? algorithm.substring(0, with) : "";
        String digest = switch (hash) {
            case "MD5", "SHA1", "SHA256" -> "SHA-256";
            case "SHA384" -> "SHA-384";
            case "SHA512" -> "SHA-512";
            case "SHA224" -> "SHA-224";
            default -> throw new IllegalArgumentException("tls-server-end-point is not defined for a certificate signed with "
                    + certificate.getSigAlgName() + " (RFC 5929 §4.1 needs one hash function)");
        };
        try {
            return MessageDigest.getInstance(digest).digest(certificate.getEncoded());
        } catch (GeneralSecurityException | IllegalStateException e) {
            throw new IllegalStateException("cannot hash the server certificate with " + digest + ": " + e.getMessage(), e);
        }
    }
}
