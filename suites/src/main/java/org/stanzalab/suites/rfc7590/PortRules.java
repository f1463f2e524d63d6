package org.stanzalab.suites.rfc7590;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.function.Predicate;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.tls.Port;
import org.stanzalab.engine.tls.PortGrading;
import org.stanzalab.wire.tls.CertificateChain;
import org.stanzalab.wire.tls.CipherSuite;
import org.stanzalab.wire.tls.TlsScan;
import org.stanzalab.wire.tls.TlsVersion;

/**
 * The rules of {@link TlsPosture}, each judging one port's scan: a failure throws (an assertion or
 * {@link ServerFailure}), a scan that cannot decide throws {@link Impossible}. Apart from the tests so that unit
 * tests can show each rule failing against a scripted server.
 */
final class PortRules {
    private PortRules() {
    }

    static void acceptsTls12(TlsScan scan, Port port) {
        if (!scan.scanned()) {
            throw new ServerFailure("no TLS at all on the " + port + " port " + scan.endpoint().address() + ": " + scan.problem().orElse(""));
        }
        TlsScan.VersionSupport tls12 = scan.versions().get(TlsVersion.TLS12);
        assertTrue(tls12.accepted(), "a ClientHello for TLS 1.2 with every catalogued suite was refused on the " + port + " port ("
                + tls12.refusal().orElse("") + "); versions accepted: " + accepted(scan));
    }

    static void refuses(TlsScan scan, Port port, TlsVersion version, String why) {
        TlsScan.VersionSupport support = scan.versions().get(version);
        assertTrue(!support.accepted(), version + " is accepted on the " + port + " port with " + support.suites() + " (" + why + ")");
    }

    static void acceptsNone(TlsScan scan, Port port, Predicate<CipherSuite> which, String what) {
        List<String> found = scan.describe(which);
        assertTrue(found.isEmpty(), what + " are accepted on the " + port + " port: " + found);
    }

    static void supportsForwardSecrecy(TlsScan scan, Port port) {
        assertTrue(scan.allSuites().stream().anyMatch(CipherSuite::isForwardSecret), "no forward-secret suite is accepted on the "
                + port + " port; accepted: " + scan.describe(s -> true));
    }

    /** Returns what to note in the transcript. */
    static String prefersForwardSecrecy(TlsScan scan, Port port) {
        List<CipherSuite> suites = scan.allSuites();
        supportsForwardSecrecy(scan, port);
        if (suites.stream().allMatch(CipherSuite::isForwardSecret)) {
            return "every suite accepted on the " + port + " port is forward secret";
        }
        TlsScan.Preference preference = scan.preference().orElseThrow(() -> new Impossible("the " + port
                + " port accepts forward-secret and other suites, but at no single version both, so it has no choice to make"));
        assertTrue(preference.forwardSecretFirst().isForwardSecret(), "offered the forward-secret suites first at " + preference.version()
                + ", the server chose " + preference.forwardSecretFirst());
        return preference.version() + ": forward-secret suites first -> " + preference.forwardSecretFirst() + "; last -> "
                + preference.forwardSecretLast();
    }

    static void acceptsARecommendedSuite(TlsScan scan, Port port) {
        TlsScan.VersionSupport tls12 = scan.versions().get(TlsVersion.TLS12);
        if (!tls12.accepted()) {
            throw new Impossible("the " + port + " port does not accept TLS 1.2 (tls12IsAccepted judges that)");
        }
        List<String> names = tls12.suites().stream().map(CipherSuite::name).toList();
        assertTrue(names.stream().anyMatch(CipherSuite.RECOMMENDED::contains), "none of " + CipherSuite.RECOMMENDED
                + " is accepted at TLS 1.2 on the " + port + " port; accepted: " + names);
    }

    static void trusted(CertificateChain chain, Port port, Instant now) {
        assertTrue(chain.trusted(), "the certificate chain on the " + port + " port (" + chain.subject() + ", issued by "
                + chain.issuer() + ") does not pass the run's trust: " + chain.trustProblem().orElse(""));
        chain.dateProblem(now).ifPresent(problem -> {
            throw new ServerFailure("the certificate on the " + port + " port is " + problem);
        });
    }

    static void namesTheDomain(CertificateChain chain, Port port, String domain) {
        assertTrue(PortGrading.namesDomain(chain, port, domain), "the certificate on the " + port + " port names "
                + PortGrading.describeNames(chain) + ", not " + domain);
    }

    static void keyIsStrongEnough(CertificateChain chain, Port port) {
        assertTrue(chain.rsaEquivalentBits() >= 2048, "the certificate on the " + port + " port has a " + chain.keyBits() + "-bit "
                + chain.keyAlgorithm() + " key");
    }

    private static String accepted(TlsScan scan) {
        return scan.versions().values().stream().filter(TlsScan.VersionSupport::accepted).map(v -> v.version().label()).sorted().toList().toString();
    }
}
