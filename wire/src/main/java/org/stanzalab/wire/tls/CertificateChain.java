package org.stanzalab.wire.tls;

import java.security.PublicKey;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.DSAPublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.stanzalab.wire.certs.SubjectName;

/**
 * The certificate chain a port presented and what a scan concludes from it: the leaf's key, signature, dates,
 * issuer and names (DNS-IDs, SRV-IDs, XmppAddrs, CNs), and whether the chain passed the run's trust.
 *
 * @param trustProblem why the run's trust refused the chain; empty when it accepted it
 */
public record CertificateChain(List<X509Certificate> chain, Optional<String> trustProblem) {

    public CertificateChain {
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a chain has at least the leaf");
        }
    }

    public X509Certificate leaf() {
        return chain.get(0);
    }

    public boolean trusted() {
        return trustProblem.isEmpty();
    }

    public String subject() {
        return leaf().getSubjectX500Principal().getName();
    }

    public String issuer() {
        return leaf().getIssuerX500Principal().getName();
    }

    public String signatureAlgorithm() {
        return leaf().getSigAlgName();
    }

    public boolean signedWithSha1OrMd5() {
        String algorithm = signatureAlgorithm().toUpperCase(Locale.ROOT);
        return algorithm.startsWith("SHA1") || algorithm.contains("MD5");
    }

    public String keyAlgorithm() {
        return leaf().getPublicKey().getAlgorithm();
    }

    /** The size of the leaf's key in bits (RSA modulus, EC field), 0 when unknown. */
    public int keyBits() {
        PublicKey key = leaf().getPublicKey();
        if (key instanceof RSAPublicKey rsa) {
            return rsa.getModulus().bitLength();
        }
        if (key instanceof ECPublicKey ec) {
            return ec.getParams().getCurve().getField().getFieldSize();
        }
        if (key instanceof DSAPublicKey dsa) {
            return dsa.getParams().getP().bitLength();
        }
        String algorithm = key.getAlgorithm();
        return algorithm.equals("Ed25519") || algorithm.equals("EdDSA") ? 256 : algorithm.equals("Ed448") ? 448 : 0;
    }

    /** The key's strength as an RSA modulus of equal security (NIST SP 800-57): EC 256 counts as RSA 3072. */
    public int rsaEquivalentBits() {
        int bits = keyBits();
        if (keyAlgorithm().equals("RSA") || keyAlgorithm().equals("DSA")) {
            return bits;
        }
        return bits >= 512 ? 15360 : bits >= 384 ? 7680 : bits >= 256 ? 3072 : bits >= 224 ? 2048 : 1024;
    }

    public Instant notBefore() {
        return leaf().getNotBefore().toInstant();
    }

    public Instant notAfter() {
        return leaf().getNotAfter().toInstant();
    }

    /** Whether every certificate of the chain is within its dates at this instant. */
    public Optional<String> dateProblem(Instant now) {
        for (X509Certificate certificate : chain) {
            if (now.isAfter(certificate.getNotAfter().toInstant())) {
                return Optional.of("expired on " + certificate.getNotAfter().toInstant() + ": " + certificate.getSubjectX500Principal().getName());
            }
            if (now.isBefore(certificate.getNotBefore().toInstant())) {
                return Optional.of("not valid before " + certificate.getNotBefore().toInstant() + ": " + certificate.getSubjectX500Principal().getName());
            }
        }
        return Optional.empty();
    }

    public List<String> dnsIds() {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternativeNames()) {
            if (((Integer) entry.get(0)) == 2) {
                names.add(String.valueOf(entry.get(1)));
            }
        }
        return names;
    }

    /** SRV-IDs (RFC 4985) as "_service.domain". */
    public List<String> srvIds() {
        return otherNames(SubjectName.DNS_SRV);
    }

    /** XmppAddr identifiers (RFC 6120 §13.7.1.4). */
    public List<String> xmppAddrs() {
        return otherNames(SubjectName.XMPP_ADDR);
    }

    public List<String> commonNames() {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(subject()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            // a subject Java itself printed is always a valid name; nothing to add otherwise
        }
        return names;
    }

    /** Whether a DNS-ID names the domain, exactly or by a wildcard as the whole left-most label (RFC 6120 §13.7.1.2.1). */
    public boolean dnsIdMatches(String domain) {
        return dnsIds().stream().anyMatch(name -> dnsNameMatches(name, domain));
    }

    /** Whether an SRV-ID names the service ("_xmpp-server") for the domain. */
    public boolean srvIdMatches(String service, String domain) {
        return srvIds().stream().anyMatch(name -> name.equalsIgnoreCase(service + "." + domain));
    }

    public boolean xmppAddrMatches(String domain) {
        return xmppAddrs().stream().anyMatch(name -> name.equalsIgnoreCase(domain));
    }

    static boolean dnsNameMatches(String dnsName, String domain) {
        String name = dnsName.toLowerCase(Locale.ROOT);
        String wanted = domain.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = wanted.indexOf('.');
            return dot > 0 && wanted.substring(dot + 1).equals(name.substring(2));
        }
        return name.equals(wanted);
    }

    private List<List<?>> alternativeNames() {
        try {
            var names = leaf().getSubjectAlternativeNames();
            return names == null ? List.of() : names.stream().<List<?>>map(n -> n).toList();
        } catch (CertificateParsingException e) {
            return List.of();
        }
    }

    private List<String> otherNames(ASN1ObjectIdentifier type) {
        List<String> names = new ArrayList<>();
        for (List<?> entry : alternativeNames()) {
            if (((Integer) entry.get(0)) != 0 || !(entry.get(1) instanceof byte[] der)) {
                continue;
            }
            try {
                // OtherName ::= SEQUENCE { type-id OID, value [0] EXPLICIT ANY }; Java hands over its DER encoding
                ASN1Primitive primitive = ASN1Primitive.fromByteArray(der);
                ASN1Sequence sequence = primitive instanceof ASN1TaggedObject tagged
                        ? ASN1Sequence.getInstance(tagged, false) : ASN1Sequence.getInstance(primitive);
                if (!type.equals(ASN1ObjectIdentifier.getInstance(sequence.getObjectAt(0)))) {
                    continue;
                }
                // value [0] EXPLICIT; some issuers wrap the string in one more [0], so unwrap every tag
                ASN1Primitive value = sequence.getObjectAt(1).toASN1Primitive();
                for (int depth = 0; value instanceof ASN1TaggedObject tagged && depth < 3; depth++) {
                    value = tagged.getExplicitBaseObject().toASN1Primitive();
                }
                if (value instanceof ASN1String string) {
                    names.add(string.getString());
                }
            } catch (java.io.IOException | IllegalArgumentException e) {
                names.add("(unreadable otherName)");
            }
        }
        return names;
    }
}
