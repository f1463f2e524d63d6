package org.stanzalab.wire;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/** TLS on an already connected socket, for STARTTLS and direct TLS (XEP-0368), as client or as server. */
final class TlsUpgrade {
    private static final String XEP_0368_ALPN = "xmpp-client";

    private TlsUpgrade() {
    }

    /** Connecting side: SNI, hostname verification and ALPN as the endpoint says. */
    static SSLSocket handshake(Socket plain, WireEndpoint endpoint, boolean directTls) throws WireTlsException {
        SSLSocket tls;
        try {
            SSLContext context = endpoint.sslContext() != null ? endpoint.sslContext() : SSLContext.getDefault();
            tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.domain(), endpoint.port(), true);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new WireTlsException("cannot set up TLS for " + endpoint.domain() + ": " + rootMessage(e), e);
        }
        tls.setUseClientMode(true);
        SSLParameters p = tls.getSSLParameters();
        String sni = endpoint.tls().serverNameFor(endpoint.domain());
        try {
            p.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        } catch (IllegalArgumentException notAHostName) {
            // IP literals and odd test domains cannot be sent as SNI; the handshake can still proceed.
            p.setServerNames(List.of());
        }
        p.setEndpointIdentificationAlgorithm(endpoint.verifyHostname() ? "HTTPS" : null);
        String what = "TLS handshake with " + endpoint.domain() + " (" + endpoint.address() + ")";
        configure(tls, p, endpoint.tls(), directTls, what);
        return finish(tls, endpoint.timeout(), what);
    }

    /**
     * Accepting side: presents the certificate in {@code context} and asks for (but does not require) a client
     * certificate, which the caller judges itself (SASL EXTERNAL, or a test of a client's bad certificate).
     */
    static SSLSocket accept(Socket plain, SSLContext context, TlsOptions options, boolean directTls, Duration timeout,
                            String peer) throws WireTlsException {
        SSLSocket tls;
        try {
            tls = (SSLSocket) context.getSocketFactory().createSocket(plain, null, plain.getPort(), true);
        } catch (IOException e) {
            throw new WireTlsException("cannot set up TLS for " + peer + ": " + rootMessage(e), e);
        }
        tls.setUseClientMode(false);
        SSLParameters p = tls.getSSLParameters();
        p.setWantClientAuth(true);
        configure(tls, p, options, directTls, "TLS handshake with " + peer);
        return finish(tls, timeout, "TLS handshake with " + peer);
    }

    private static void configure(SSLSocket tls, SSLParameters p, TlsOptions options, boolean directTls, String what)
            throws WireTlsException {
        try {
            apply(p, options, directTls);
            tls.setSSLParameters(p);
        } catch (IllegalArgumentException unknownName) {
            closeQuietly(tls);
            throw new WireTlsException(what + " not attempted: " + rootMessage(unknownName), unknownName);
        }
    }

    private static void apply(SSLParameters p, TlsOptions options, boolean directTls) {
        if (!options.protocols().isEmpty()) {
            p.setProtocols(options.protocols().toArray(String[]::new));
        }
        if (!options.cipherSuites().isEmpty()) {
            p.setCipherSuites(options.cipherSuites().toArray(String[]::new));
        }
        List<String> alpn = options.applicationProtocolsOr(directTls ? XEP_0368_ALPN : null);
        if (!alpn.isEmpty()) {
            p.setApplicationProtocols(alpn.toArray(String[]::new));
        }
    }

    private static SSLSocket finish(SSLSocket tls, Duration timeout, String what) throws WireTlsException {
        try {
            tls.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            tls.startHandshake();
            tls.setSoTimeout(0); // the reader thread blocks indefinitely; callers bound their own waits
            return tls;
        } catch (SocketTimeoutException e) {
            closeQuietly(tls);
            throw new WireTlsException(what + " did not complete within " + Durations.describe(timeout), e);
        } catch (IOException e) {
            closeQuietly(tls);
            throw new WireTlsException(what + " failed: " + rootMessage(e), e);
        }
    }

    /** The innermost message is the informative one ("No subject alternative DNS name matching x found."). */
    private static String rootMessage(Throwable e) {
        String message = null;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                message = t.getMessage();
            }
        }
        return message == null ? e.getClass().getSimpleName() : message.replaceAll("\\s+", " ");
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Already failing; the handshake error is what matters.
        }
    }
}
