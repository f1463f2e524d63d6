package org.stanzalab.wire.server;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.security.KeyStore;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A test certificate authority and the leaf certificates the tool presents when it acts as a server: made at
 * run time with Bouncy Castle (no openssl, no key material checked in), or issued by an existing CA such as
 * the reference servers' {@code servers/state/certs/ca.crt}.
 */
public final class CertKit {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Duration LEAF_VALIDITY = Duration.ofDays(2);
    /** Clocks of peers on this machine may differ a little; a leaf is valid from a bit before "now". */
    private static final Duration BACKDATE = Duration.ofHours(1);

    private final X509Certificate caCertificate;
    private final PrivateKey caKey;

    private CertKit(X509Certificate caCertificate, PrivateKey caKey) {
        this.caCertificate = caCertificate;
        this.caKey = caKey;
    }

    /** A fresh CA (EC P-256), valid for ten days, named "CN=NAME". */
    public static CertKit newCa(String name) {
        try {
            KeyPair keys = ecKeyPair();
            X500Name subject = new X500Name("CN=" + name);
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(Duration.ofDays(10))), subject, keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            return new CertKit(sign(builder, keys.getPrivate()), keys.getPrivate());
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a test CA: " + e.getMessage(), e);
        }
    }

    /** An existing CA from PEM files (certificate; PKCS#8 or traditional private key), e.g. servers/up's. */
    public static CertKit loadCa(Path certificatePem, Path privateKeyPem) throws IOException {
        try (InputStream certificateIn = Files.newInputStream(certificatePem);
             PEMParser keyParser = new PEMParser(Files.newBufferedReader(privateKeyPem))) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(certificateIn);
            Object parsed = keyParser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            PrivateKey key;
            if (parsed instanceof PEMKeyPair pair) {
                key = converter.getKeyPair(pair).getPrivate();
            } else if (parsed instanceof PrivateKeyInfo info) {
                key = converter.getPrivateKey(info);
            } else {
                throw new IOException(privateKeyPem + " holds no unencrypted private key");
            }
            return new CertKit(certificate, key);
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the CA in " + certificatePem + ": " + e.getMessage(), e);
        }
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    /** A client's TLS context that trusts this CA only. */
    public SSLContext trustingContext() {
        return clientContext(null);
    }

    /** A client's TLS context that trusts this CA only and presents {@code identity} if asked (null: none). */
    public SSLContext clientContext(ServerIdentity identity) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(identity == null ? null : identity.keyManagers(), new TrustManager[] {trustManager()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a TLS context trusting the test CA: " + e.getMessage(), e);
        }
    }

    /** A trust manager that trusts this CA only (for client libraries that take one, such as Smack). */
    public X509TrustManager trustManager() {
        try {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("ca", caCertificate);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            for (TrustManager manager : trust.getTrustManagers()) {
                if (manager instanceof X509TrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make a trust manager for the test CA: " + e.getMessage(), e);
        }
    }

    /** A good leaf: signed by this CA, valid now, for these DNS names (the first is also the CN), server and client use. */
    public ServerIdentity issue(String... dnsNames) {
        Instant now = Instant.now();
        return issue(now.minus(BACKDATE), now.plus(LEAF_VALIDITY), dnsNames);
    }

    /** Deliberately bad: signed by this CA and for these names, but its validity ended a day ago. */
    public ServerIdentity expired(String... dnsNames) {
        Instant now = Instant.now();
        return issue(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)), dnsNames);
    }

    /** Deliberately bad: the right names, but signed by nobody a peer trusts (a throwaway CA of its own). */
    public static ServerIdentity selfSigned(String... dnsNames) {
        return newCa("Untrusted " + dnsNames[0]).issue(dnsNames);
    }

    private ServerIdentity issue(Instant notBefore, Instant notAfter, String... dnsNames) {
        if (dnsNames.length == 0) {
            throw new IllegalArgumentException("a certificate needs at least one name");
        }
        try {
            KeyPair keys = ecKeyPair();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                    Date.from(notBefore), Date.from(notAfter), new X500Name("CN=" + dnsNames[0]), keys.getPublic());
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            GeneralName[] names = new GeneralName[dnsNames.length];
            for (int i = 0; i < dnsNames.length; i++) {
                names[i] = new GeneralName(GeneralName.dNSName, dnsNames[i]);
            }
            builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(caCertificate.getPublicKey()));
            X509Certificate leaf = sign(builder, caKey);
            return new ServerIdentity(keys.getPrivate(), List.of(leaf, caCertificate));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + dnsNames[0] + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether a peer's chain (leaf first) is signed by this CA, valid now, and names {@code domain} in a DNS
     * subject alternative name (or a "*." wildcard one level up); empty if so, else the reason.
     */
    public Optional<String> checkPeer(List<X509Certificate> chain, String domain) {
        if (chain.isEmpty()) {
            return Optional.of("the peer presented no certificate");
        }
        try {
            PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(caCertificate, null)));
            parameters.setRevocationEnabled(false);
            List<X509Certificate> path = new ArrayList<>(chain);
            path.removeIf(c -> c.equals(caCertificate));
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
        } catch (GeneralSecurityException e) {
            return Optional.of("the peer's certificate does not chain to " + caCertificate.getSubjectX500Principal()
                    .getName() + ": " + e.getMessage());
        }
        if (!namesDomain(chain.get(0), domain)) {
            return Optional.of("the peer's certificate does not name " + domain);
        }
        return Optional.empty();
    }

    private static boolean namesDomain(X509Certificate leaf, String domain) {
        String wanted = domain.toLowerCase(Locale.ROOT);
        try {
            Collection<List<?>> names = leaf.getSubjectAlternativeNames();
            if (names == null) {
                return false;
            }
            for (List<?> name : names) {
                if (((Integer) name.get(0)) == 2) {
                    String dns = ((String) name.get(1)).toLowerCase(Locale.ROOT);
                    if (dns.equals(wanted) || dns.startsWith("*.") && wanted.endsWith(dns.substring(1))
                            && wanted.indexOf('.') == wanted.length() - dns.length() + 1) {
                        return true;
                    }
                }
            }
            return false;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key)
            throws OperatorCreationException, GeneralSecurityException {
        String algorithm = key.getAlgorithm().equals("RSA") ? "SHA256withRSA" : "SHA256withECDSA";
        return new JcaX509CertificateConverter().getCertificate(builder.build(new JcaContentSignerBuilder(algorithm).build(key)));
    }

    private static KeyPair ecKeyPair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
        return generator.generateKeyPair();
    }

    private static BigInteger serial() {
        return new BigInteger(64, RANDOM).add(BigInteger.ONE);
    }
}
