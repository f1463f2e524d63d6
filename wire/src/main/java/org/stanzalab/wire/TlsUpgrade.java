package org.stanzalab.wire;

import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/** Client-side TLS on an already connected socket, for both STARTTLS and direct TLS (XEP-0368). */
final class TlsUpgrade {
    private static final String XEP_0368_ALPN = "xmpp-client";

    private TlsUpgrade() {
    }

    static SSLSocket handshake(Socket plain, WireEndpoint endpoint, boolean directTls) throws WireTlsException {
        SSLSocket tls;
        try {
            SSLContext context = endpoint.sslContext() != null ? endpoint.sslContext() : SSLContext.getDefault();
            tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.domain(), endpoint.port(), true);
        } catch (NoSuchAlgorithmException | IOException e) {
            throw new WireTlsException("cannot set up TLS for " + endpoint.domain() + ": " + rootMessage(e), e);
        }
        tls.setUseClientMode(true);
        tls.setSSLParameters(parameters(tls.getSSLParameters(), endpoint, directTls));
        try {
            tls.setSoTimeout((int) endpoint.timeout().toMillis());
            tls.startHandshake();
            tls.setSoTimeout(0); // the reader thread blocks indefinitely; callers bound their own waits
            return tls;
        } catch (SocketTimeoutException e) {
            closeQuietly(tls);
            throw new WireTlsException("TLS handshake with " + endpoint.domain() + " (" + endpoint.address()
                    + ") did not complete within " + Durations.describe(endpoint.timeout()), e);
        } catch (IOException e) {
            closeQuietly(tls);
            throw new WireTlsException("TLS handshake with " + endpoint.domain() + " (" + endpoint.address()
                    + ") failed: " + rootMessage(e), e);
        }
    }

    static String describe(SSLSession session) {
        return "TLS established: " + session.getProtocol() + " " + session.getCipherSuite();
    }

    private static SSLParameters parameters(SSLParameters p, WireEndpoint endpoint, boolean directTls) {
        try {
            p.setServerNames(List.of(new SNIHostName(endpoint.domain())));
        } catch (IllegalArgumentException notAHostName) {
            // IP literals and odd test domains cannot be sent as SNI; the handshake can still proceed.
        }
        p.setEndpointIdentificationAlgorithm(endpoint.verifyHostname() ? "HTTPS" : null);
        if (directTls) {
            p.setApplicationProtocols(new String[] {XEP_0368_ALPN});
        }
        return p;
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
