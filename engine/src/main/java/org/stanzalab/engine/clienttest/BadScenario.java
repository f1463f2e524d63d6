package org.stanzalab.engine.clienttest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.stanzalab.model.Level;
import org.stanzalab.model.SpecRef;
import org.stanzalab.wire.certs.BadCertificate;

/**
 * One known-bad (or the one good) endpoint the tool serves to clients, reached by its own domain
 * ({@code <name>.bad.test}): the stream header's {@code to} picks it on the STARTTLS port, the TLS server name
 * (SNI) on the direct-TLS port.
 *
 * @param id          stable id in reports, e.g. "starttls.expired", "direct-tls.good", "no-tls"
 * @param label       the first label of its domain, e.g. "expired"
 * @param kind        what the endpoint does wrong
 * @param directTls   served on the direct-TLS port (XEP-0368) rather than with STARTTLS
 * @param certificate for {@link Kind#BAD_CERTIFICATE}: the certificate presented; else null
 * @param spec        the requirement a careful client meets here (for the good ones: what a working client does);
 *                    null for the ungraded downgrade
 */
public record BadScenario(String id, String label, Kind kind, boolean directTls, BadCertificate certificate,
                          SpecRef spec) {

    /** The parent domain of every scenario's domain. */
    public static final String PARENT = "bad.test";

    /** What an endpoint does, good or bad. */
    public enum Kind {
        /** A proper certificate from the CA the client trusts, STARTTLS required, SCRAM and PLAIN after TLS. */
        GOOD,
        /** As GOOD, but the certificate is one of the known-bad ones. */
        BAD_CERTIFICATE,
        /** A server without TLS: no {@code <starttls/>}, SCRAM offered in the clear. */
        NO_TLS,
        /** An attacker removed {@code <starttls/>} from features that also offered SCRAM and PLAIN. */
        STARTTLS_STRIPPED,
        /** Only PLAIN, and no TLS: the password would cross the wire readable. */
        PLAIN_WITHOUT_TLS,
        /** Valid TLS, then only PLAIN where the good endpoint offers SCRAM: recorded, not graded (see the id's notice). */
        PLAIN_DOWNGRADE,
        /** Answers the stream header, then says nothing: no features, ever. */
        STALL
    }

    public String domain() {
        return label + "." + PARENT;
    }

    /** Whether a verdict is given here (the downgrade is only recorded: no client can tell it from a PLAIN-only server). */
    public boolean graded() {
        return kind != Kind.PLAIN_DOWNGRADE;
    }

    /** The good scenario on the same port, which proves the client can log in at all. */
    public String goodId() {
        return (directTls ? "direct-tls" : "starttls") + ".good";
    }

    /** What is wrong, in words for a report. */
    public String problem() {
        return switch (kind) {
            case GOOD -> "nothing: a valid certificate for " + domain() + " from the CA the client trusts";
            case BAD_CERTIFICATE -> "the certificate for " + domain() + " is bad: " + certificate.problem();
            case NO_TLS -> "the server offered no TLS (no <starttls/>), only SCRAM in the clear";
            case STARTTLS_STRIPPED -> "<starttls/> was stripped from features that offered SCRAM and PLAIN";
            case PLAIN_WITHOUT_TLS -> "the server offered only PLAIN and no TLS, so the password would be readable";
            case PLAIN_DOWNGRADE -> "after valid TLS only PLAIN was offered, where " + "good." + PARENT + " offers SCRAM";
            case STALL -> "the server answered the stream header and then sent nothing";
        };
    }

    /** Every scenario, the good ones first. */
    public static List<BadScenario> all() {
        List<BadScenario> all = new ArrayList<>();
        all.add(new BadScenario("starttls.good", "good", Kind.GOOD, false, null, new SpecRef("RFC 6120", null, "5.4.1",
                Level.MUST, "the client opens a stream, takes up the required STARTTLS, validates the good "
                        + "certificate and logs in: without that, its other verdicts on this port mean nothing")));
        all.add(new BadScenario("direct-tls.good", "good", Kind.GOOD, true, null, new SpecRef("XEP-0368", "1.1.0", "3",
                Level.MUST, "over direct TLS the client names its JID's domain in the TLS server name (SNI), "
                        + "validates the good certificate and logs in")));
        for (boolean direct : new boolean[] {false, true}) {
            for (BadCertificate bad : BadCertificate.values()) {
                all.add(new BadScenario((direct ? "direct-tls." : "starttls.") + bad.label(), bad.label(),
                        Kind.BAD_CERTIFICATE, direct, bad, certificateSpec(bad)));
            }
        }
        SpecRef notDeterred = new SpecRef("RFC 7590", null, "3.1", Level.MUST,
                "a client is not deterred from TLS when <starttls/> is missing (it may have been stripped): it tries "
                        + "STARTTLS anyway or gives up, and never authenticates over the unprotected stream");
        all.add(new BadScenario("no-tls", "no-tls", Kind.NO_TLS, false, null, notDeterred));
        all.add(new BadScenario("starttls-stripped", "starttls-stripped", Kind.STARTTLS_STRIPPED, false, null, notDeterred));
        all.add(new BadScenario("plain-without-tls", "plain-without-tls", Kind.PLAIN_WITHOUT_TLS, false, null, notDeterred));
        all.add(new BadScenario("plain-downgrade", "plain-downgrade", Kind.PLAIN_DOWNGRADE, false, null, null));
        all.add(new BadScenario("stall", "stall", Kind.STALL, false, null, new SpecRef("RFC 6120", null, "4.6.3",
                Level.MAY, "a client whose server sends nothing after its stream header (no features) may close the "
                        + "stream rather than wait for ever; the tool measures how long it waits")));
        return List.copyOf(all);
    }

    public static Optional<BadScenario> byId(String id) {
        return all().stream().filter(s -> s.id.equals(id)).findFirst();
    }

    /** The scenario a connection asked for by domain, on the STARTTLS or the direct-TLS port. */
    public static Optional<BadScenario> forDomain(String domain, boolean directTls) {
        if (domain == null) {
            return Optional.empty();
        }
        String wanted = domain.toLowerCase(Locale.ROOT).replaceAll("\\.$", "");
        return all().stream().filter(s -> s.directTls == directTls && s.domain().equals(wanted)).findFirst();
    }

    private static SpecRef certificateSpec(BadCertificate bad) {
        return switch (bad) {
            case WRONG_NAME -> new SpecRef("RFC 6120", null, "13.9.5", Level.MUST,
                    "a client checks the server's domain against the identity in its certificate and does not go on "
                            + "when the certificate names another domain");
            case WEAK_KEY -> new SpecRef("RFC 7525", null, "4.3", Level.SHOULD,
                    "server certificates carry RSA keys of at least 2048 bits; a careful client does not "
                            + "authenticate to a server whose certificate has a 1024-bit key");
            case SHA1_SIGNATURE -> new SpecRef("RFC 7525", null, "4.3", Level.SHOULD,
                    "certificates are signed with SHA-256 rather than SHA-1; a careful client does not "
                            + "authenticate to a server whose certificate is signed with SHA-1");
            default -> new SpecRef("RFC 6120", null, "13.7.2", Level.MUST,
                    "a client validates the server's certificate (signature, full path to a trusted CA, validity "
                            + "period, revocation) and ends the session when that fails, before any authentication");
        };
    }
}
