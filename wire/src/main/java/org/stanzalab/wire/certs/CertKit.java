package org.stanzalab.wire.certs;

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
import org.stanzalab.wire.server.ServerIdentity;
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
import org.bouncycastle.operator.ContentSigner;
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
    private RevocationService revocation;

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
            return new CertKit(sign(builder, keys.getPrivate(), "SHA256"), keys.getPrivate());
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

    /**
     * Writes the CA certificate and its private key as PEM (Bouncy Castle's writer), the form {@link #loadCa} and the
     * run's {@code peer-ca} setting read: for a test that gives a scripted server the CA of a run.
     */
    public void writePem(Path certificatePem, Path privateKeyPem) throws IOException {
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter out = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
                Files.newBufferedWriter(certificatePem))) {
            out.writeObject(caCertificate);
        }
        try (org.bouncycastle.openssl.jcajce.JcaPEMWriter out = new org.bouncycastle.openssl.jcajce.JcaPEMWriter(
                Files.newBufferedWriter(privateKeyPem))) {
            // PKCS#8: a bare EC key in SEC1 form carries no public key, which loadCa needs.
            out.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(caKey, null));
        }
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
        return issue(Leaf.named(dnsNames));
    }

    /** A good leaf with exactly these subject names (DNS-ID, SRV-ID, XmppAddr in any mix). */
    public ServerIdentity issue(List<SubjectName> names) {
        return issue(new Leaf(names));
    }

    /** Deliberately bad: signed by this CA and for this domain, but its validity ended a day ago. */
    public ServerIdentity expired(String domain) {
        Instant now = Instant.now();
        return issue(Leaf.named(domain).valid(now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1))));
    }

    /** Deliberately bad: signed by this CA and for this domain, but valid only from tomorrow. */
    public ServerIdentity notYetValid(String domain) {
        Instant now = Instant.now();
        return issue(Leaf.named(domain).valid(now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(30))));
    }

    /** Deliberately bad: signed by this CA and valid, but for another domain ("other-" in front of the first label). */
    public ServerIdentity wrongName(String domain) {
        return issue("other-" + domain);
    }

    /** Deliberately bad: the right name, signed by its own key (issuer and subject are the same). */
    public static ServerIdentity selfSigned(String domain) {
        try {
            KeyPair keys = ecKeyPair();
            Leaf leaf = Leaf.named(domain);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(leaf.subject(), serial(),
                    Date.from(leaf.notBefore), Date.from(leaf.notAfter), leaf.subject(), keys.getPublic());
            leaf.addExtensions(builder, keys, null);
            return new ServerIdentity(keys.getPrivate(), List.of(sign(builder, keys.getPrivate(), "SHA256")));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make a self-signed certificate for " + domain + ": " + e.getMessage(), e);
        }
    }

    /** Deliberately bad: the right name, signed by a throwaway CA that nobody trusts (sent with its chain). */
    public static ServerIdentity unknownCa(String domain) {
        return newCa("Unknown CA for " + domain).issue(domain);
    }

    /** Deliberately bad: signed by this CA for this domain, with a 1024-bit RSA key (RFC 7525 §4.3 asks for 2048). */
    public ServerIdentity weakKey(String domain) {
        return issue(Leaf.named(domain).rsa(1024));
    }

    /** Deliberately bad: signed by this CA for this domain, but with SHA-1 (broken for signatures). */
    public ServerIdentity sha1Signed(String domain) {
        return issue(Leaf.named(domain).digest("SHA1"));
    }

    /**
     * Deliberately bad: signed by this CA for this domain and pointing to the kit's CRL and OCSP responder, both of
     * which list it as revoked. Starts the {@link #revocation()} service if it is not running.
     */
    public ServerIdentity revoked(String domain) {
        RevocationService service = revocation();
        ServerIdentity identity = issue(Leaf.named(domain));
        service.revoke(identity.certificate().getSerialNumber());
        return identity;
    }

    /**
     * The CRL and OCSP responder of this CA on loopback, started on first use. Every leaf issued from then on
     * carries its addresses (CRL distribution point, authority information access), good ones included.
     */
    public synchronized RevocationService revocation() {
        if (revocation == null) {
            revocation = RevocationService.start(this);
        }
        return revocation;
    }

    private synchronized Optional<RevocationService> runningRevocation() {
        return Optional.ofNullable(revocation);
    }

    PrivateKey caKey() {
        return caKey;
    }

    private ServerIdentity issue(Leaf leaf) {
        try {
            KeyPair keys = leaf.rsaBits > 0 ? rsaKeyPair(leaf.rsaBits) : ecKeyPair();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serial(),
                    Date.from(leaf.notBefore), Date.from(leaf.notAfter), leaf.subject(), keys.getPublic());
            leaf.addExtensions(builder, keys, caCertificate);
            Optional<RevocationService> service = runningRevocation();
            if (service.isPresent()) {
                service.get().addPointers(builder);
            }
            X509Certificate certificate = sign(builder, caKey, leaf.digest);
            return new ServerIdentity(keys.getPrivate(), List.of(certificate, caCertificate));
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + leaf.names.get(0).describe() + ": "
                    + e.getMessage(), e);
        }
    }

    /** What one leaf should look like; good unless a test changes one thing. */
    private static final class Leaf {
        private final List<SubjectName> names;
        private Instant notBefore;
        private Instant notAfter;
        private int rsaBits;
        private String digest = "SHA256";

        Leaf(List<SubjectName> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("a certificate needs at least one name");
            }
            this.names = List.copyOf(names);
            Instant now = Instant.now();
            this.notBefore = now.minus(BACKDATE);
            this.notAfter = now.plus(LEAF_VALIDITY);
        }

        static Leaf named(String... dnsNames) {
            return new Leaf(java.util.Arrays.stream(dnsNames).map(SubjectName::dns).toList());
        }

        Leaf valid(Instant from, Instant until) {
            notBefore = from;
            notAfter = until;
            return this;
        }

        Leaf rsa(int bits) {
            rsaBits = bits;
            return this;
        }

        Leaf digest(String name) {
            digest = name;
            return this;
        }

        /** CN is the first DNS-ID; a certificate with SRV-IDs or XmppAddrs only has a CN no verifier may use. */
        X500Name subject() {
            return new X500Name("CN=" + names.stream().filter(n -> n instanceof SubjectName.Dns)
                    .map(n -> ((SubjectName.Dns) n).domain()).findFirst().orElse("Stanzalab test service"));
        }

        void addExtensions(X509v3CertificateBuilder builder, KeyPair keys, X509Certificate issuer)
                throws GeneralSecurityException, IOException {
            JcaX509ExtensionUtils utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            int usage = KeyUsage.digitalSignature | (rsaBits > 0 ? KeyUsage.keyEncipherment : 0);
            builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                    new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(names.stream().map(SubjectName::generalName).toArray(GeneralName[]::new)));
            builder.addExtension(Extension.subjectKeyIdentifier, false, utils.createSubjectKeyIdentifier(keys.getPublic()));
            if (issuer != null) {
                builder.addExtension(Extension.authorityKeyIdentifier, false,
                        utils.createAuthorityKeyIdentifier(issuer.getPublicKey()));
            }
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

    private static X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey key, String digest)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(builder.build(signer(key, digest)));
    }

    static ContentSigner signer(PrivateKey key, String digest) throws OperatorCreationException {
        String algorithm = digest + (key.getAlgorithm().equals("RSA") ? "withRSA" : "withECDSA");
        return new JcaContentSignerBuilder(algorithm).build(key);
    }

    private static KeyPair rsaKeyPair(int bits) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits, RANDOM);
        return generator.generateKeyPair();
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
