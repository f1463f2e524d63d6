package org.stanzalab.wire.tls;

import java.io.IOException;
import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Scans one port the way testssl.sh does: for each protocol version, a hand-made ClientHello offering every suite
 * of the catalog for that version; the suite the server picks is taken out and the hello sent again, until it
 * refuses. Each hello is its own connection (and, on a STARTTLS port, its own XMPP prelude); only the server's first
 * answer is read, so every connection is short and bounded by the endpoint's timeout. The certificate chain comes
 * from one real JSSE handshake (TLS 1.2/1.3, SNI the domain), checked against the trust the caller gives.
 */
public final class TlsProber {
    private final ProbeEndpoint endpoint;
    private int connections;

    public TlsProber(ProbeEndpoint endpoint) {
        this.endpoint = endpoint;
    }

    /** How many connections the scan made so far (each ClientHello and the certificate handshake). */
    public int connections() {
        return connections;
    }

    public TlsScan scan(X509TrustManager trust) {
        Map<TlsVersion, TlsScan.VersionSupport> versions = new EnumMap<>(TlsVersion.class);
        try {
            for (TlsVersion version : TlsVersion.values()) {
                versions.put(version, enumerate(version));
            }
        } catch (ProbeEndpoint.Unreachable e) {
            return new TlsScan(endpoint, Optional.of(e.getMessage()), false, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
        } catch (IOException e) {
            return new TlsScan(endpoint, Optional.of(e.getMessage()), true, Map.of(), Optional.empty(), Optional.empty(), Optional.empty());
        }
        Optional<TlsScan.Preference> preference;
        try {
            preference = preference(versions);
        } catch (IOException e) {
            preference = Optional.empty();
        }
        Optional<CertificateChain> chain = Optional.empty();
        String certificateProblem = null;
        try {
            chain = Optional.of(certificate(trust));
        } catch (IOException | GeneralSecurityException e) {
            certificateProblem = "no certificate could be read with a TLS 1.2/1.3 handshake: " + e.getMessage();
        }
        return new TlsScan(endpoint, Optional.empty(), true, versions, chain, Optional.ofNullable(certificateProblem), preference);
    }

    /**
     * One ClientHello on a fresh connection; the server's answer. Silence (no answer within the timeout, a prelude that
     * stalls) says nothing about the hello, only about a busy server, so it is tried once more on a new connection
     * before it counts; an alert or a closed connection is an answer and counts at once.
     */
    public HelloAnswer hello(TlsVersion version, List<CipherSuite> suites) throws IOException {
        try {
            HelloAnswer answer = helloOnce(version, suites);
            if (!answer.refusal().map(SILENCE::equals).orElse(false)) {
                return answer;
            }
        } catch (ProbeEndpoint.Unreachable e) {
            throw e;
        } catch (IOException e) {
            // the prelude stalled or failed: try once more below, and let a second failure speak
        }
        return helloOnce(version, suites);
    }

    private static final String SILENCE = HelloAnswer.NO_ANSWER;

    private HelloAnswer helloOnce(TlsVersion version, List<CipherSuite> suites) throws IOException {
        connections++;
        try (Socket socket = endpoint.readyForTls()) {
            socket.getOutputStream().write(ClientHello.record(version, suites, endpoint.domain()));
            socket.getOutputStream().flush();
            return HelloAnswer.read(socket.getInputStream());
        }
    }

    private TlsScan.VersionSupport enumerate(TlsVersion version) throws IOException {
        List<CipherSuite> offered = new ArrayList<>(CipherSuite.forVersion(version));
        List<CipherSuite> accepted = new ArrayList<>();
        String refusal = null;
        while (!offered.isEmpty()) {
            HelloAnswer answer = hello(version, offered);
            if (!answer.acceptedAt(version)) {
                refusal = answer.refusal().orElse("answered with version " + answer.version().map(v -> String.format("0x%04x", v)).orElse("?"));
                break;
            }
            CipherSuite chosen = answer.suite().orElseThrow();
            if (!offered.remove(chosen)) {
                refusal = "chose " + chosen + ", which was not offered";
                break;
            }
            accepted.add(chosen);
        }
        Optional<Boolean> serverOrder = Optional.empty();
        if (accepted.size() >= 2) {
            List<CipherSuite> reversed = new ArrayList<>(accepted);
            Collections.reverse(reversed);
            Optional<CipherSuite> forwards = hello(version, accepted).suite();
            Optional<CipherSuite> backwards = hello(version, reversed).suite();
            if (forwards.isPresent() && backwards.isPresent()) {
                serverOrder = Optional.of(forwards.equals(backwards));
            }
        }
        return new TlsScan.VersionSupport(version, accepted, serverOrder, accepted.isEmpty() ? Optional.ofNullable(refusal) : Optional.empty());
    }

    private Optional<TlsScan.Preference> preference(Map<TlsVersion, TlsScan.VersionSupport> versions) throws IOException {
        for (TlsVersion version : List.of(TlsVersion.TLS12, TlsVersion.TLS11, TlsVersion.TLS10, TlsVersion.SSL3)) {
            List<CipherSuite> suites = versions.get(version).suites();
            List<CipherSuite> secret = suites.stream().filter(CipherSuite::isForwardSecret).toList();
            List<CipherSuite> other = suites.stream().filter(s -> !s.isForwardSecret()).toList();
            if (secret.isEmpty() || other.isEmpty()) {
                continue;
            }
            List<CipherSuite> first = new ArrayList<>(secret);
            first.addAll(other);
            List<CipherSuite> last = new ArrayList<>(other);
            last.addAll(secret);
            Optional<CipherSuite> a = hello(version, first).suite();
            Optional<CipherSuite> b = hello(version, last).suite();
            if (a.isPresent() && b.isPresent()) {
                return Optional.of(new TlsScan.Preference(version, a.get(), b.get()));
            }
        }
        return Optional.empty();
    }

    private CertificateChain certificate(X509TrustManager trust) throws IOException, GeneralSecurityException {
        connections++;
        Recording recording = new Recording(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new X509TrustManager[] {recording}, null);
        try (Socket plain = endpoint.readyForTls();
             SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(plain, endpoint.host(), endpoint.port(), true)) {
            SSLParameters parameters = tls.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(endpoint.domain())));
            tls.setSSLParameters(parameters);
            tls.startHandshake();
        }
        List<X509Certificate> chain = recording.chain.get();
        if (chain == null || chain.isEmpty()) {
            throw new IOException("the server presented no certificate");
        }
        return new CertificateChain(chain, Optional.ofNullable(recording.problem.get()));
    }

    /**
     * Keeps the chain and asks the run's trust about it, but never ends the handshake: the scan wants the chain of
     * an untrusted server too. Only the chain is checked here; names are the scan's own findings.
     */
    private static final class Recording extends X509ExtendedTrustManager {
        private final X509TrustManager trust;
        final AtomicReference<List<X509Certificate>> chain = new AtomicReference<>();
        final AtomicReference<String> problem = new AtomicReference<>();

        Recording(X509TrustManager trust) {
            this.trust = trust;
        }

        private void record(X509Certificate[] presented, String authType) {
            chain.set(List.of(presented));
            try {
                trust.checkServerTrusted(presented, authType);
            } catch (CertificateException | RuntimeException e) {
                problem.set(String.valueOf(e.getMessage()));
            }
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, Socket socket) {
            record(presented, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType, SSLEngine engine) {
            record(presented, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] presented, String authType) {
            record(presented, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("a scan is never the server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("a scan is never the server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] presented, String authType) throws CertificateException {
            throw new CertificateException("a scan is never the server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
