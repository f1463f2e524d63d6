package org.stanzalab.engine.target;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Locale;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * Which server certificates a run accepts: the system store, a CA file, one pinned certificate, or (loudly) any.
 */
public final class Trust {

    private final String description;
    private final X509TrustManager trustManager;
    private final boolean verifyHostname;
    private SSLContext sslContext;

    private Trust(String description, X509TrustManager trustManager, boolean verifyHostname) {
        this.description = description;
        this.trustManager = trustManager;
        this.verifyHostname = verifyHostname;
    }

    public static Trust system() {
        return new Trust("system trust store", trustManagerFor(null), true);
    }

    /** Trust exactly the CA certificates in a PEM or DER file, nothing from the system store. */
    public static Trust caFile(Path file) {
        if (!Files.isReadable(file)) {
            throw new IllegalArgumentException("CA file " + file + " is not readable");
        }
        try (InputStream in = Files.newInputStream(file)) {
            Collection<? extends Certificate> certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
            if (certs.isEmpty()) {
                throw new IllegalArgumentException("CA file " + file + " holds no certificate");
            }
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int i = 0;
            for (Certificate cert : certs) {
                store.setCertificateEntry("ca-" + i++, cert);
            }
            return new Trust("CA file " + file, trustManagerFor(store), true);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("CA file " + file + " cannot be read as X.509 certificates: " + e.getMessage());
        }
    }

    /**
     * Accept only a server whose leaf certificate has this SHA-256 fingerprint (hex, colons allowed).
     * The pin replaces both chain and name checks: it names the one certificate we expect.
     */
    public static Trust pinned(String sha256) {
        String wanted = sha256.replace(":", "").toLowerCase(Locale.ROOT);
        if (!wanted.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("pinned certificate must be a SHA-256 fingerprint (64 hex digits)");
        }
        return new Trust("pinned certificate sha256:" + wanted, new PinningTrustManager(wanted), false);
    }

    /** Accepts any certificate for any name. Only for diagnosing; the CLI warns loudly when it is used. */
    public static Trust insecure() {
        return new Trust("INSECURE: any certificate accepted", new PinningTrustManager(null), false);
    }

    public boolean verifyHostname() {
        return verifyHostname;
    }

    public boolean isInsecure() {
        return trustManager instanceof PinningTrustManager p && p.fingerprint == null;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    /** The TLS context for raw streams and direct TLS; built once, since every connection of a run shares it. */
    public synchronized SSLContext sslContext() {
        if (sslContext == null) {
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustManager}, null);
                sslContext = context;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("TLS is unavailable in this JVM: " + e.getMessage(), e);
            }
        }
        return sslContext;
    }

    /**
     * The same trust on Bouncy Castle's JSSE, for connections whose TLS channel bindings a test needs (SCRAM -PLUS):
     * the JDK's JSSE exports none. Built per call; only those few tests use it.
     */
    public SSLContext channelBindingContext() {
        return org.stanzalab.wire.ChannelBindings.sslContext(trustManager);
    }

    @Override
    public String toString() {
        return description;
    }

    private static X509TrustManager trustManagerFor(KeyStore store) {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            for (TrustManager tm : factory.getTrustManagers()) {
                if (tm instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("no X.509 trust manager in this JVM");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot build a trust manager: " + e.getMessage(), e);
        }
    }

    /** Pins one leaf certificate, or with no fingerprint accepts everything. */
    private static final class PinningTrustManager implements X509TrustManager {
        private final String fingerprint;

        PinningTrustManager(String fingerprint) {
            this.fingerprint = fingerprint;
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            if (fingerprint == null) {
                return;
            }
            String actual = sha256(chain[0]);
            if (!actual.equals(fingerprint)) {
                throw new CertificateException("server certificate sha256:" + actual + " does not match the pinned one");
            }
        }

        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
            throw new CertificateException("client certificates are not checked here");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }

        private static String sha256(X509Certificate cert) throws CertificateException {
            try {
                return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            } catch (GeneralSecurityException e) {
                throw new CertificateException(e);
            }
        }
    }
}
