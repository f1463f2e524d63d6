package org.stanzalab.wire;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSocket;

/**
 * What a TLS handshake settled on, as seen from this side of the connection.
 *
 * @param protocol            e.g. "TLSv1.3"
 * @param cipherSuite         e.g. "TLS_AES_256_GCM_SHA384"
 * @param applicationProtocol the ALPN protocol agreed on, or empty if none was
 * @param peerCertificates    the chain the peer presented, leaf first; empty if it presented none
 * @param requestedServerName the SNI host name the client sent, as the accepting side saw it; empty on
 *                            the connecting side or when none was sent
 */
public record NegotiatedTls(String protocol, String cipherSuite, Optional<String> applicationProtocol,
                            List<X509Certificate> peerCertificates, Optional<String> requestedServerName) {

    public NegotiatedTls {
        peerCertificates = List.copyOf(peerCertificates);
    }

    /** Reads a finished handshake. */
    static NegotiatedTls of(SSLSocket socket) {
        var session = socket.getSession();
        String alpn = socket.getApplicationProtocol();
        List<X509Certificate> chain = new ArrayList<>();
        try {
            for (Certificate c : session.getPeerCertificates()) {
                if (c instanceof X509Certificate x509) {
                    chain.add(x509);
                }
            }
        } catch (SSLPeerUnverifiedException noCertificate) {
            // A client without a certificate, or an anonymous suite: an empty chain says so.
        }
        String sni = null;
        if (!socket.getUseClientMode() && session instanceof ExtendedSSLSession extended) {
            for (SNIServerName name : extended.getRequestedServerNames()) {
                if (name instanceof SNIHostName host) {
                    sni = host.getAsciiName();
                }
            }
        }
        return new NegotiatedTls(session.getProtocol(), session.getCipherSuite(),
                alpn == null || alpn.isEmpty() ? Optional.empty() : Optional.of(alpn), chain, Optional.ofNullable(sni));
    }

    /** For transcripts: "TLS established: TLSv1.3 TLS_AES_256_GCM_SHA384, ALPN xmpp-client". */
    public String describe() {
        return "TLS established: " + protocol + " " + cipherSuite
                + applicationProtocol.map(p -> ", ALPN " + p).orElse("");
    }
}
