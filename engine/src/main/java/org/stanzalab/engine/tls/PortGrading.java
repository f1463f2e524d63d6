package org.stanzalab.engine.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.model.Grade;
import org.stanzalab.model.Grade.Cap;
import org.stanzalab.model.Grade.Deduction;
import org.stanzalab.model.Grade.Letter;
import org.stanzalab.wire.tls.CertificateChain;
import org.stanzalab.wire.tls.CipherSuite;
import org.stanzalab.wire.tls.TlsScan;
import org.stanzalab.wire.tls.TlsVersion;

/**
 * The grade of one port, in the style of the IM Observatory and SSL Labs: three scores, protocol support (30 %),
 * key exchange (30 %) and cipher strength (40 %), each taking points off 100, then caps that limit the letter
 * whatever the points (an untrusted certificate is F however good the ciphers). The table is in the README
 * ("Transport security"); every deduction and cap says why in words an operator can act on.
 */
public final class PortGrading {

    private PortGrading() {
    }

    /** What the scan says about the certificate: each finding that costs the port its trust or its grade. */
    public static List<String> certificateFindings(TlsScan scan, Port port, String domain, Instant now) {
        List<String> findings = new ArrayList<>();
        if (scan.certificate().isEmpty()) {
            return findings;
        }
        CertificateChain chain = scan.certificate().get();
        chain.trustProblem().ifPresent(p -> findings.add("the chain does not pass the run's trust: " + p));
        chain.dateProblem(now).ifPresent(p -> findings.add("a certificate of the chain is " + p));
        if (!namesDomain(chain, port, domain)) {
            findings.add("the certificate names neither the DNS-ID " + domain + " nor the SRV-ID " + port.srvService() + "." + domain
                    + " nor the XmppAddr " + domain + " (it names " + describeNames(chain) + ")");
        }
        if (chain.signedWithSha1OrMd5()) {
            findings.add("the certificate is signed with " + chain.signatureAlgorithm() + " (SHA-1 and MD5 signatures can be forged)");
        }
        if (chain.rsaEquivalentBits() < 2048) {
            findings.add("the certificate's " + chain.keyAlgorithm() + " key has " + chain.keyBits() + " bits (under the 2048-bit RSA strength RFC 7525 §4.3 asks for)");
        }
        return findings;
    }

    /** Whether the leaf names the domain for this port's service: DNS-ID, SRV-ID or XmppAddr (RFC 6120 §13.7.1.2.1). */
    public static boolean namesDomain(CertificateChain chain, Port port, String domain) {
        return chain.dnsIdMatches(domain) || chain.srvIdMatches(port.srvService(), domain) || chain.xmppAddrMatches(domain);
    }

    public static String describeNames(CertificateChain chain) {
        List<String> names = new ArrayList<>();
        chain.dnsIds().forEach(n -> names.add("DNS:" + n));
        chain.srvIds().forEach(n -> names.add("SRV:" + n));
        chain.xmppAddrs().forEach(n -> names.add("XmppAddr:" + n));
        chain.commonNames().forEach(n -> names.add("CN=" + n));
        return names.isEmpty() ? "nothing" : String.join(", ", names);
    }

    /** The grade; null when nothing listens (there is nothing to grade). */
    public static Grade grade(TlsScan scan, Port port, String domain, Instant now) {
        if (!scan.reachable()) {
            return null;
        }
        List<Deduction> deductions = new ArrayList<>();
        List<Cap> caps = new ArrayList<>();
        if (!scan.scanned() || scan.allSuites().isEmpty()) {
            caps.add(new Cap(Letter.F, "no TLS could be negotiated on the port: " + scan.problem().orElse("no version or suite accepted")));
            return Grade.of(List.of(new Deduction(100, "no TLS")), caps);
        }
        protocols(scan, deductions, caps);
        keyExchange(scan, deductions, caps);
        ciphers(scan, deductions, caps);
        certificate(scan, port, domain, now, caps);
        return Grade.of(deductions, caps);
    }

    private static int protocolScore(TlsVersion version) {
        return switch (version) {
            case SSL3 -> 80;
            case TLS10 -> 90;
            case TLS11 -> 95;
            case TLS12, TLS13 -> 100;
        };
    }

    private static void protocols(TlsScan scan, List<Deduction> deductions, List<Cap> caps) {
        List<TlsVersion> accepted = java.util.Arrays.stream(TlsVersion.values()).filter(scan::accepts).toList();
        TlsVersion worst = accepted.get(0);
        TlsVersion best = accepted.get(accepted.size() - 1);
        int score = (protocolScore(best) + protocolScore(worst)) / 2;
        deduct(deductions, (100 - score) * 30 / 100, "protocol support: the best version accepted is " + best + " and the oldest "
                + worst + " (score " + score + " of 100, 30 % of the grade)");
        if (scan.accepts(TlsVersion.SSL3)) {
            caps.add(new Cap(Letter.C, "SSLv3 is accepted (POODLE; RFC 7525 §3.1.1 forbids it)"));
        }
        if (scan.accepts(TlsVersion.TLS10) || scan.accepts(TlsVersion.TLS11)) {
            caps.add(new Cap(Letter.B, "TLS 1.0 or 1.1 is accepted (deprecated by RFC 8996)"));
        }
        if (!scan.accepts(TlsVersion.TLS12) && !scan.accepts(TlsVersion.TLS13)) {
            caps.add(new Cap(Letter.C, "neither TLS 1.2 nor TLS 1.3 is accepted (RFC 7525 §3.1.1 asks for TLS 1.2)"));
        }
    }

    private static void keyExchange(TlsScan scan, List<Deduction> deductions, List<Cap> caps) {
        List<CipherSuite> suites = scan.allSuites();
        int score;
        String why;
        Optional<CertificateChain> chain = scan.certificate();
        int bits = chain.map(CertificateChain::rsaEquivalentBits).orElse(2048);
        score = bits < 512 ? 20 : bits < 1024 ? 40 : bits < 2048 ? 80 : bits < 4096 ? 90 : 100;
        why = chain.map(c -> "the certificate's " + c.keyAlgorithm() + " " + c.keyBits() + "-bit key").orElse("no certificate read, counted as 2048-bit RSA");
        if (suites.stream().anyMatch(CipherSuite::isAnonymous)) {
            score = 0;
            why = "anonymous key exchange is accepted";
            caps.add(new Cap(Letter.F, "anonymous suites are accepted (no server authentication): " + list(scan, CipherSuite::isAnonymous)));
        } else if (suites.stream().anyMatch(CipherSuite::isExport)) {
            score = Math.min(score, 40);
            why = "export key exchange is accepted";
        }
        deduct(deductions, (100 - score) * 30 / 100, "key exchange: " + why + " (score " + score + " of 100, 30 % of the grade)");
        if (bits < 1024) {
            caps.add(new Cap(Letter.F, "the certificate's key is weaker than 1024-bit RSA"));
        } else if (bits < 2048) {
            caps.add(new Cap(Letter.B, "the certificate's key is weaker than 2048-bit RSA (RFC 7525 §4.3)"));
        }
        if (suites.stream().noneMatch(CipherSuite::isForwardSecret)) {
            caps.add(new Cap(Letter.B, "no forward-secret suite (ECDHE, DHE or TLS 1.3) is accepted (RFC 7525 §4.1)"));
        } else {
            scan.preference().filter(p -> !p.forwardSecretFirst().isForwardSecret()).ifPresent(p -> caps.add(new Cap(Letter.B,
                    "offered forward-secret suites first, the server chose " + p.forwardSecretFirst() + " (RFC 7525 §4.1: prefer forward secrecy)")));
        }
    }

    private static int strengthScore(int bits) {
        return bits == 0 ? 0 : bits < 128 ? 20 : bits < 256 ? 80 : 100;
    }

    private static void ciphers(TlsScan scan, List<Deduction> deductions, List<Cap> caps) {
        List<CipherSuite> suites = scan.allSuites();
        int strongest = suites.stream().mapToInt(CipherSuite::strengthBits).max().orElse(0);
        int weakest = suites.stream().mapToInt(CipherSuite::strengthBits).min().orElse(0);
        int score = (strengthScore(strongest) + strengthScore(weakest)) / 2;
        deduct(deductions, (100 - score) * 40 / 100, "cipher strength: the strongest suite has " + strongest + " bits and the weakest "
                + weakest + " (score " + score + " of 100, 40 % of the grade)");
        if (suites.stream().anyMatch(CipherSuite::isNullCipher)) {
            caps.add(new Cap(Letter.F, "suites without encryption (NULL) are accepted: " + list(scan, CipherSuite::isNullCipher)));
        }
        if (suites.stream().anyMatch(CipherSuite::isExport)) {
            caps.add(new Cap(Letter.F, "export-grade suites are accepted: " + list(scan, CipherSuite::isExport)));
        }
        if (suites.stream().anyMatch(CipherSuite::isRc4)) {
            caps.add(new Cap(Letter.C, "RC4 suites are accepted (RFC 7465 forbids RC4): " + list(scan, CipherSuite::isRc4)));
        }
        if (suites.stream().anyMatch(CipherSuite::has64BitBlock)) {
            caps.add(new Cap(Letter.C, "suites with a 64-bit block cipher (DES, 3DES, IDEA; Sweet32) are accepted: " + list(scan, CipherSuite::has64BitBlock)));
        }
    }

    private static void certificate(TlsScan scan, Port port, String domain, Instant now, List<Cap> caps) {
        if (scan.certificate().isEmpty()) {
            caps.add(new Cap(Letter.F, "no certificate could be read with TLS 1.2 or 1.3: " + scan.certificateProblem().orElse("")));
            return;
        }
        CertificateChain chain = scan.certificate().get();
        chain.trustProblem().ifPresent(p -> caps.add(new Cap(Letter.F, "the certificate chain is not trusted: " + p)));
        chain.dateProblem(now).ifPresent(p -> caps.add(new Cap(Letter.F, "a certificate of the chain is " + p)));
        if (!namesDomain(chain, port, domain)) {
            caps.add(new Cap(Letter.F, "the certificate does not name " + domain + " for " + port.srvService() + " (it names " + describeNames(chain) + ")"));
        }
        if (chain.signedWithSha1OrMd5()) {
            caps.add(new Cap(Letter.C, "the certificate is signed with " + chain.signatureAlgorithm()));
        }
    }

    private static String list(TlsScan scan, Predicate<CipherSuite> which) {
        List<String> found = scan.describe(which);
        return found.size() <= 4 ? String.join(", ", found) : String.join(", ", found.subList(0, 4)) + " and " + (found.size() - 4) + " more";
    }

    private static void deduct(List<Deduction> deductions, int points, String why) {
        if (points > 0) {
            deductions.add(new Deduction(points, why));
        }
    }
}
