package org.stanzalab.wire.tls;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a scan of one port found.
 *
 * @param endpoint      the port scanned
 * @param problem       why nothing could be scanned (nothing listens; the prelude led to no TLS); empty otherwise
 * @param reachable     whether anything accepted a connection on the port
 * @param versions      per version asked, what the server accepted; empty when {@code problem} is set
 * @param certificate   the chain presented to a TLS 1.2/1.3 client with SNI, if one could be read
 * @param certificateProblem why no chain could be read
 * @param preference    what the server chose at its best version (1.3, else 1.2) when offered its forward-secret
 *                      suites after the others, and before them; empty when it accepts no suite of one kind
 */
public record TlsScan(ProbeEndpoint endpoint, Optional<String> problem, boolean reachable, Map<TlsVersion, VersionSupport> versions,
                      Optional<CertificateChain> certificate, Optional<String> certificateProblem, Optional<Preference> preference) {

    public TlsScan {
        versions = Map.copyOf(versions);
    }

    /** Whether the server accepted this version with at least one suite. */
    public boolean accepts(TlsVersion version) {
        VersionSupport support = versions.get(version);
        return support != null && support.accepted();
    }

    /** Every suite accepted at any version, each once. */
    public List<CipherSuite> allSuites() {
        return versions.values().stream().flatMap(v -> v.suites().stream()).distinct().toList();
    }

    /** Suites accepted at any version, with the version, for messages: "TLSv1.2 TLS_RSA_WITH_RC4_128_SHA". */
    public List<String> describe(java.util.function.Predicate<CipherSuite> which) {
        return versions.values().stream().sorted(java.util.Comparator.comparing(VersionSupport::version))
                .flatMap(v -> v.suites().stream().filter(which).map(s -> v.version().label() + " " + s.name())).toList();
    }

    public boolean scanned() {
        return problem.isEmpty();
    }

    /**
     * One version's findings.
     *
     * @param suites      accepted suites, in the order the server chose them while offered ever fewer
     * @param serverOrder whether the server imposes its own order (it chose the same suite offered the accepted
     *                    suites in two opposite orders); empty with fewer than two suites
     * @param refusal     how the server refused the version; empty when it accepted it
     */
    public record VersionSupport(TlsVersion version, List<CipherSuite> suites, Optional<Boolean> serverOrder, Optional<String> refusal) {
        public VersionSupport {
            suites = List.copyOf(suites);
        }

        public boolean accepted() {
            return !suites.isEmpty();
        }
    }

    /**
     * The server's choice between forward-secret suites and others.
     *
     * @param version            the version asked
     * @param forwardSecretFirst its choice when the client lists forward-secret suites first, as clients do
     * @param forwardSecretLast  its choice when the client lists them last
     */
    public record Preference(TlsVersion version, CipherSuite forwardSecretFirst, CipherSuite forwardSecretLast) {
    }
}
