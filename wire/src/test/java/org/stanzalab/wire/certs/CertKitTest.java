package org.stanzalab.wire.certs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.util.List;
import java.util.Optional;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.ocsp.BasicOCSPResp;
import org.bouncycastle.cert.ocsp.CertificateID;
import org.bouncycastle.cert.ocsp.OCSPReqBuilder;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.jcajce.JcaDigestCalculatorProviderBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.wire.server.ServerIdentity;

/** Each known-bad certificate has exactly the fault it is named for, and the good one passes the kit's own check. */
class CertKitTest {
    private static final CertKit CA = CertKit.newCa("Stanzalab cert kit test CA");
    private static final String DOMAIN = "peer.test";

    @Test
    void goodCertificateIsAccepted() {
        assertEquals(Optional.empty(), CA.checkPeer(CA.issue(DOMAIN).chain(), DOMAIN));
    }

    @ParameterizedTest
    @EnumSource(value = BadCertificate.class, names = {"EXPIRED", "NOT_YET_VALID", "WRONG_NAME", "SELF_SIGNED", "UNKNOWN_CA"})
    void pathValidationRefusesTheBadOnes(BadCertificate bad) {
        Optional<String> problem = CA.checkPeer(bad.make(CA, DOMAIN).chain(), DOMAIN);
        assertTrue(problem.isPresent(), bad + " passed the check");
    }

    @Test
    void weakKeyIsRsa1024AndSha1IsSha1() {
        ServerIdentity weak = BadCertificate.WEAK_KEY.make(CA, DOMAIN);
        assertEquals(1024, ((RSAPublicKey) weak.certificate().getPublicKey()).getModulus().bitLength());
        assertEquals("SHA1withECDSA", BadCertificate.SHA1_SIGNATURE.make(CA, DOMAIN).certificate().getSigAlgName());
        // Otherwise sound: the same CA, the right name, valid now.
        assertEquals(Optional.empty(), CA.checkPeer(weak.chain(), DOMAIN));
    }

    @Test
    void selfSignedHasNoOtherIssuer() {
        X509Certificate certificate = BadCertificate.SELF_SIGNED.make(CA, DOMAIN).certificate();
        assertEquals(certificate.getSubjectX500Principal(), certificate.getIssuerX500Principal());
    }

    @Test
    void revokedCertificateIsListedInTheCrlAndByOcsp() throws Exception {
        CertKit ca = CertKit.newCa("Stanzalab revocation test CA");
        try (RevocationService service = ca.revocation()) {
            ServerIdentity good = ca.issue(DOMAIN);
            ServerIdentity revoked = BadCertificate.REVOKED.make(ca, DOMAIN);
            HttpClient http = HttpClient.newHttpClient();

            byte[] crlBytes = http.send(HttpRequest.newBuilder(URI.create(service.crlUrl())).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            X509CRL crl = (X509CRL) CertificateFactory.getInstance("X.509").generateCRL(new ByteArrayInputStream(crlBytes));
            crl.verify(ca.caCertificate().getPublicKey());
            assertTrue(crl.isRevoked(revoked.certificate()));
            assertFalse(crl.isRevoked(good.certificate()));

            assertTrue(ocspSaysRevoked(http, service, ca, revoked.certificate()));
            assertFalse(ocspSaysRevoked(http, service, ca, good.certificate()));
            assertTrue(new String(revoked.certificate().getExtensionValue("1.3.6.1.5.5.7.1.1"),
                    java.nio.charset.StandardCharsets.ISO_8859_1).contains(service.ocspUrl()));
        }
    }

    @Test
    void nameFormsAreEncodedAsOtherNames() throws Exception {
        X509Certificate certificate = CA.issue(List.of(SubjectName.srvServer(DOMAIN), SubjectName.xmppAddr(DOMAIN)))
                .certificate();
        List<Integer> types = certificate.getSubjectAlternativeNames().stream().map(n -> (Integer) n.get(0)).toList();
        assertEquals(List.of(0, 0), types); // two otherNames, no DNS-ID
        assertFalse(CA.checkPeer(List.of(certificate, CA.caCertificate()), DOMAIN).isEmpty(),
                "the kit's own check accepts DNS-IDs only");
    }

    private static boolean ocspSaysRevoked(HttpClient http, RevocationService service, CertKit ca,
                                           X509Certificate certificate) throws Exception {
        CertificateID id = new CertificateID(new JcaDigestCalculatorProviderBuilder().build().get(CertificateID.HASH_SHA1),
                new JcaX509CertificateHolder(ca.caCertificate()), certificate.getSerialNumber());
        byte[] request = new OCSPReqBuilder().addRequest(id).build().getEncoded();
        byte[] response = http.send(HttpRequest.newBuilder(URI.create(service.ocspUrl()))
                .header("Content-Type", "application/ocsp-request")
                .POST(HttpRequest.BodyPublishers.ofByteArray(request)).build(), HttpResponse.BodyHandlers.ofByteArray()).body();
        BasicOCSPResp basic = (BasicOCSPResp) new OCSPResp(response).getResponseObject();
        assertTrue(basic.isSignatureValid(new org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder()
                .build(ca.caCertificate())));
        return basic.getResponses()[0].getCertStatus() instanceof RevokedStatus;
    }
}
