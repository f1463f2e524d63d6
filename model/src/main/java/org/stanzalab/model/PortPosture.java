package org.stanzalab.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The TLS posture of one port of one server, as a scan found it: the versions and suites it accepts, the certificate
 * it presents, and the grade they earn (see the README's "Transport security" for the table of deductions and caps).
 *
 * @param server      the server's name in the run
 * @param port        which port: c2s, c2s-direct, s2s or s2s-direct
 * @param address     host:port scanned
 * @param security    how TLS starts there ("STARTTLS (jabber:client)", "direct TLS")
 * @param problem     why nothing could be scanned (nothing listens, no STARTTLS); null when scanned
 * @param protocols   per version, oldest first, whether it was accepted and with which suites
 * @param certificate the leaf certificate's findings; null when none could be read
 * @param grade       the grade; null when nothing listens
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PortPosture(String server, String port, String address, String security, String problem,
                          List<ProtocolSupport> protocols, CertificateSummary certificate, Grade grade) {

    public PortPosture {
        protocols = protocols == null ? List.of() : List.copyOf(protocols);
    }

    /**
     * @param serverOrder whether the server imposes its own order on the suites; null with fewer than two
     * @param refusal     how the server refused the version; null when accepted
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProtocolSupport(String version, boolean accepted, List<String> suites, Boolean serverOrder, String refusal) {
        public ProtocolSupport {
            suites = suites == null ? List.of() : List.copyOf(suites);
        }
    }

    /**
     * @param trustProblem why the run's trust refused the chain; null when it accepted it
     * @param findings     what the scan concluded about the certificate, in words (names, dates, key, signature)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record CertificateSummary(String subject, String issuer, String keyAlgorithm, int keyBits, String signatureAlgorithm,
                                     String notBefore, String notAfter, int chainLength, boolean trusted, String trustProblem,
                                     List<String> dnsIds, List<String> srvIds, List<String> xmppAddrs, List<String> commonNames,
                                     List<String> findings) {
        public CertificateSummary {
            dnsIds = dnsIds == null ? List.of() : List.copyOf(dnsIds);
            srvIds = srvIds == null ? List.of() : List.copyOf(srvIds);
            xmppAddrs = xmppAddrs == null ? List.of() : List.copyOf(xmppAddrs);
            commonNames = commonNames == null ? List.of() : List.copyOf(commonNames);
            findings = findings == null ? List.of() : List.copyOf(findings);
        }
    }
}
