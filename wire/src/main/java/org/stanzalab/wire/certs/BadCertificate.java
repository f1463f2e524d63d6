package org.stanzalab.wire.certs;

import java.util.function.BiFunction;
import org.stanzalab.wire.server.ServerIdentity;

/**
 * The known-bad certificates a peer must refuse, each made for a domain by a {@link CertKit} whose CA the peer
 * trusts, so that exactly one thing is wrong with it.
 */
public enum BadCertificate {
    EXPIRED("expired", "its validity period ended a day ago", CertKit::expired),
    NOT_YET_VALID("not-yet-valid", "its validity period starts tomorrow", CertKit::notYetValid),
    WRONG_NAME("wrong-name", "it names another domain", CertKit::wrongName),
    SELF_SIGNED("self-signed", "it is signed by its own key, not by a trusted CA", (kit, domain) -> CertKit.selfSigned(domain)),
    UNKNOWN_CA("unknown-ca", "it is signed by a CA nobody trusts", (kit, domain) -> CertKit.unknownCa(domain)),
    REVOKED("revoked", "the CA revoked it (its CRL and OCSP responder say so)", CertKit::revoked),
    WEAK_KEY("weak-key", "its key is RSA with 1024 bits", CertKit::weakKey),
    SHA1_SIGNATURE("sha1-signature", "the CA signed it with SHA-1", CertKit::sha1Signed);

    private final String label;
    private final String problem;
    private final BiFunction<CertKit, String, ServerIdentity> maker;

    BadCertificate(String label, String problem, BiFunction<CertKit, String, ServerIdentity> maker) {
        this.label = label;
        this.problem = problem;
        this.maker = maker;
    }

    /** Short name for host names, file names and reports, e.g. "not-yet-valid". */
    public String label() {
        return label;
    }

    /** What is wrong with it, in words for a report. */
    public String problem() {
        return problem;
    }

    /** The certificate for {@code domain}; REVOKED starts the kit's revocation service if it is not running. */
    public ServerIdentity make(CertKit kit, String domain) {
        return maker.apply(kit, domain);
    }

    @Override
    public String toString() {
        return label;
    }
}
