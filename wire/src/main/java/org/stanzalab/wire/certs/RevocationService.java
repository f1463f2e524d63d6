package org.stanzalab.wire.certs;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AccessDescription;
import org.bouncycastle.asn1.x509.AuthorityInformationAccess;
import org.bouncycastle.asn1.x509.CRLDistPoint;
import org.bouncycastle.asn1.x509.CRLReason;
import org.bouncycastle.asn1.x509.DistributionPoint;
import org.bouncycastle.asn1.x509.DistributionPointName;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.X509ObjectIdentifiers;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.X509v2CRLBuilder;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.ocsp.BasicOCSPRespBuilder;
import org.bouncycastle.cert.ocsp.CertificateStatus;
import org.bouncycastle.cert.ocsp.OCSPException;
import org.bouncycastle.cert.ocsp.OCSPReq;
import org.bouncycastle.cert.ocsp.OCSPResp;
import org.bouncycastle.cert.ocsp.OCSPRespBuilder;
import org.bouncycastle.cert.ocsp.Req;
import org.bouncycastle.cert.ocsp.RespID;
import org.bouncycastle.cert.ocsp.RevokedStatus;
import org.bouncycastle.operator.OperatorCreationException;

/**
 * A CA's revocation service on loopback: the CRL at {@code /crl} (DER) and an OCSP responder at {@code /ocsp}
 * (POST, or GET with the request in the path, RFC 6960 appendix A), both signed by the CA itself. Every leaf the
 * kit issues while this runs points here, so a peer that checks revocation can find out; {@link #revoke} adds a
 * serial number to both answers.
 */
public final class RevocationService implements AutoCloseable {
    private static final Duration FRESHNESS = Duration.ofHours(1);

    private final CertKit ca;
    private final HttpServer http;
    private final ExecutorService workers;
    private final Map<BigInteger, Instant> revoked = new ConcurrentHashMap<>();

    private RevocationService(CertKit ca, HttpServer http, ExecutorService workers) {
        this.ca = ca;
        this.http = http;
        this.workers = workers;
    }

    static RevocationService start(CertKit ca) {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            ExecutorService workers = Executors.newFixedThreadPool(2, runnable -> {
                Thread thread = new Thread(runnable, "revocation service");
                thread.setDaemon(true);
                return thread;
            });
            RevocationService service = new RevocationService(ca, http, workers);
            http.createContext("/crl", service::serveCrl);
            http.createContext("/ocsp", service::serveOcsp);
            http.setExecutor(workers);
            http.start();
            return service;
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the revocation service on loopback: " + e.getMessage(), e);
        }
    }

    /** Where the CRL is, e.g. http://127.0.0.1:40123/crl. */
    public String crlUrl() {
        return base() + "/crl";
    }

    public String ocspUrl() {
        return base() + "/ocsp";
    }

    /** Lists the serial number as revoked (key compromise) in the CRL and the OCSP answers from now on. */
    public void revoke(BigInteger serial) {
        revoked.put(serial, Instant.now());
    }

    public boolean isRevoked(BigInteger serial) {
        return revoked.containsKey(serial);
    }

    /** The current CRL, DER-encoded. */
    public byte[] crl() {
        try {
            Instant now = Instant.now();
            X509v2CRLBuilder builder = new X509v2CRLBuilder(issuer(), Date.from(now));
            builder.setNextUpdate(Date.from(now.plus(FRESHNESS)));
            revoked.forEach((serial, when) -> builder.addCRLEntry(serial, Date.from(when), CRLReason.keyCompromise));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    new JcaX509ExtensionUtils().createAuthorityKeyIdentifier(ca.caCertificate().getPublicKey()));
            return builder.build(CertKit.signer(ca.caKey(), "SHA256")).getEncoded();
        } catch (GeneralSecurityException | IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot make the CRL: " + e.getMessage(), e);
        }
    }

    /** The OCSP response to a DER-encoded request: good, or revoked, for each certificate it asks about. */
    public byte[] answer(byte[] request) throws IOException {
        try {
            OCSPReq parsed = new OCSPReq(request);
            X509CertificateHolder caHolder = new JcaX509CertificateHolder(ca.caCertificate());
            BasicOCSPRespBuilder builder = new BasicOCSPRespBuilder(new RespID(caHolder.getSubject()));
            Instant now = Instant.now();
            for (Req one : parsed.getRequestList()) {
                BigInteger serial = one.getCertID().getSerialNumber();
                Instant when = revoked.get(serial);
                CertificateStatus status = when == null ? CertificateStatus.GOOD
                        : new RevokedStatus(Date.from(when), CRLReason.keyCompromise);
                builder.addResponse(one.getCertID(), status, Date.from(now), Date.from(now.plus(FRESHNESS)));
            }
            return new OCSPRespBuilder().build(OCSPRespBuilder.SUCCESSFUL, builder.build(
                    CertKit.signer(ca.caKey(), "SHA256"), new X509CertificateHolder[] {caHolder}, Date.from(now)))
                    .getEncoded();
        } catch (OCSPException | OperatorCreationException | GeneralSecurityException | IOException
                 | IllegalArgumentException | ClassCastException e) {
            // Not an OCSP request (not even DER), or one this CA cannot answer.
            return malformed();
        }
    }

    private static byte[] malformed() throws IOException {
        try {
            return new OCSPRespBuilder().build(OCSPRespBuilder.MALFORMED_REQUEST, null).getEncoded();
        } catch (OCSPException e) {
            throw new IOException("cannot encode an OCSP error: " + e.getMessage(), e);
        }
    }

    void addPointers(X509v3CertificateBuilder builder) throws CertIOException {
        GeneralName crl = new GeneralName(GeneralName.uniformResourceIdentifier, crlUrl());
        builder.addExtension(Extension.cRLDistributionPoints, false, new CRLDistPoint(new DistributionPoint[] {
                new DistributionPoint(new DistributionPointName(new GeneralNames(crl)), null, null)}));
        builder.addExtension(Extension.authorityInfoAccess, false, new AuthorityInformationAccess(new AccessDescription(
                X509ObjectIdentifiers.ocspAccessMethod, new GeneralName(GeneralName.uniformResourceIdentifier, ocspUrl()))));
    }

    @Override
    public void close() {
        http.stop(0);
        workers.shutdownNow();
    }

    private String base() {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort();
    }

    private X500Name issuer() {
        return X500Name.getInstance(ca.caCertificate().getSubjectX500Principal().getEncoded());
    }

    private void serveCrl(HttpExchange exchange) throws IOException {
        reply(exchange, 200, "application/pkix-crl", crl());
    }

    private void serveOcsp(HttpExchange exchange) throws IOException {
        byte[] request;
        if (exchange.getRequestMethod().equals("POST")) {
            try (InputStream in = exchange.getRequestBody()) {
                request = in.readNBytes(64 * 1024);
            }
        } else {
            String path = exchange.getRequestURI().getRawPath().substring("/ocsp".length()).replaceFirst("^/", "");
            try {
                request = Base64.getDecoder().decode(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.US_ASCII));
            } catch (IllegalArgumentException e) {
                request = new byte[0];
            }
        }
        reply(exchange, 200, "application/ocsp-response", answer(request));
    }

    private static void reply(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
