package org.stanzalab.engine.tls;

import java.util.Arrays;
import java.util.List;

import org.stanzalab.model.Grade;
import org.stanzalab.model.PortPosture;
import org.stanzalab.wire.tls.CertificateChain;
import org.stanzalab.wire.tls.CipherSuite;
import org.stanzalab.wire.tls.TlsScan;
import org.stanzalab.wire.tls.TlsVersion;

/**
 * One port's scan in a run, with its grade and certificate findings, shared by every test that asks for it.
 *
 * @param grade null when nothing listens on the port
 */
public record PortScan(Port port, String domain, TlsScan scan, List<String> certificateFindings, Grade grade) {

    public String address() {
        return scan.endpoint().address();
    }

    /** The record for results.json and the reports. */
    public PortPosture toModel(String server) {
        List<PortPosture.ProtocolSupport> protocols = Arrays.stream(TlsVersion.values())
                .filter(v -> scan.versions().containsKey(v))
                .map(v -> {
                    TlsScan.VersionSupport support = scan.versions().get(v);
                    return new PortPosture.ProtocolSupport(v.label(), support.accepted(),
                            support.suites().stream().map(CipherSuite::name).toList(), support.serverOrder().orElse(null),
                            support.refusal().orElse(null));
                }).toList();
        PortPosture.CertificateSummary certificate = scan.certificate().map(this::summary).orElse(null);
        String problem = scan.problem().or(() -> scan.scanned() ? scan.certificateProblem() : java.util.Optional.empty()).orElse(null);
        return new PortPosture(server, port.toString(), address(), port.start().describe(), problem, protocols, certificate, grade);
    }

    private PortPosture.CertificateSummary summary(CertificateChain chain) {
        return new PortPosture.CertificateSummary(chain.subject(), chain.issuer(), chain.keyAlgorithm(), chain.keyBits(),
                chain.signatureAlgorithm(), chain.notBefore().toString(), chain.notAfter().toString(), chain.chain().size(),
                chain.trusted(), chain.trustProblem().orElse(null), chain.dnsIds(), chain.srvIds(), chain.xmppAddrs(),
                chain.commonNames(), certificateFindings);
    }
}
