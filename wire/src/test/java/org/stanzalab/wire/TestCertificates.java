package org.stanzalab.wire;

import java.net.Socket;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ServerIdentity;

/**
 * A certificate for {@link FakePeer#DOMAIN} issued by a throwaway test CA, made once per test JVM with the
 * project's {@link CertKit} (no key material is checked in), and the TLS contexts the tests need around it.
 */
final class TestCertificates {
    private static final CertKit CA = CertKit.newCa("Stanzalab wire tests");
    private static final ServerIdentity PEER = CA.issue(FakePeer.DOMAIN);

    private TestCertificates() {
    }

    /** Server side: presents the certificate. */
    static SSLContext serverContext() {
        return PEER.serverContext();
    }

    /** Client side: trusts exactly the test CA, so only the hostname check can fail. */
    static SSLContext trustingContext() {
        return CA.trustingContext();
    }

    /** Client side: accepts any certificate (an extended manager, so JSSE adds no checks of its own). */
    static SSLContext insecureContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new X509ExtendedTrustManager[] {new TrustEverything()}, null);
        return context;
    }

    private static final class TrustEverything extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
