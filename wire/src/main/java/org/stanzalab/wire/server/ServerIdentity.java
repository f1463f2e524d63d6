package org.stanzalab.wire.server;

import org.stanzalab.wire.certs.CertKit;
import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * A private key and the certificate chain (leaf first) that a listener presents, good or deliberately bad;
 * made by {@link CertKit}.
 */
public record ServerIdentity(PrivateKey key, List<X509Certificate> chain) {
    private static final char[] IN_MEMORY = "in-memory".toCharArray();

    public ServerIdentity {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("an identity needs a certificate");
        }
    }

    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * The accepting side's TLS context: presents this identity and takes any client certificate without judging
     * it, because the server side judges it itself (SASL EXTERNAL) and tests may present bad ones on purpose.
     */
    public SSLContext serverContext() {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keyManagers(), new X509ExtendedTrustManager[] {new AnyClientCertificate()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a server TLS context: " + e.getMessage(), e);
        }
    }

    public KeyManager[] keyManagers() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry("identity", key, IN_MEMORY, chain.toArray(X509Certificate[]::new));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, IN_MEMORY);
            return factory.getKeyManagers();
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot load the identity for " + certificate().getSubjectX500Principal()
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "ServerIdentity[" + certificate().getSubjectX500Principal().getName() + "]";
    }

    /** Accepts every client chain; never used to check a server. */
    private static final class AnyClientCertificate extends X509ExtendedTrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server context does not check servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server context does not check servers");
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType)
                throws java.security.cert.CertificateException {
            throw new java.security.cert.CertificateException("a server context does not check servers");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
