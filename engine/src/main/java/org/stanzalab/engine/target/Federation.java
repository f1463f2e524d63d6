package org.stanzalab.engine.target;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What the tool needs to play a remote server towards the server under test: the CA whose certificates that server
 * trusts for peer servers, with its key, so the tool can issue good and deliberately bad certificates
 * ({@code peer-ca=CERT.pem:KEY.pem}); the loopback address where the tool listens as the remote domains
 * ({@code tool-address}, whose names the server under test must resolve there); and the server's own
 * server-to-server ports ({@code s2s-port}, {@code s2s-direct-tls-port}).
 *
 * @param peerCaCertificate PEM certificate of the CA the server trusts for peers; empty when not configured
 * @param peerCaKey         PEM private key of that CA
 * @param toolAddress       loopback address the tool listens on as a remote server (default 127.0.0.3)
 * @param toolPort          port the tool listens on (default 5269: servers connect to a domain without SRV there)
 * @param s2sPort           the server's server-to-server port, STARTTLS (default 5269)
 * @param s2sDirectTlsPort  the server's server-to-server direct TLS port (XEP-0368), if it has one
 */
public record Federation(Optional<Path> peerCaCertificate, Optional<Path> peerCaKey, String toolAddress, int toolPort,
                         int s2sPort, OptionalInt s2sDirectTlsPort) {

    public static final String DEFAULT_TOOL_ADDRESS = "127.0.0.3";
    public static final int DEFAULT_S2S_PORT = 5269;

    public Federation {
        Objects.requireNonNull(peerCaCertificate, "peerCaCertificate");
        Objects.requireNonNull(peerCaKey, "peerCaKey");
        Objects.requireNonNull(toolAddress, "toolAddress");
        Objects.requireNonNull(s2sDirectTlsPort, "s2sDirectTlsPort");
        if (peerCaCertificate.isPresent() != peerCaKey.isPresent()) {
            throw new IllegalArgumentException("peer-ca needs both the certificate and its key (CERT.pem:KEY.pem)");
        }
        checkPort(toolPort, "tool port");
        checkPort(s2sPort, "s2s-port");
        if (s2sDirectTlsPort.isPresent()) {
            checkPort(s2sDirectTlsPort.getAsInt(), "s2s-direct-tls-port");
        }
    }

    /** Defaults: no peer CA, the tool on 127.0.0.3:5269, the server's s2s on 5269, no direct TLS port. */
    public static Federation defaults() {
        return new Federation(Optional.empty(), Optional.empty(), DEFAULT_TOOL_ADDRESS, DEFAULT_S2S_PORT,
                DEFAULT_S2S_PORT, OptionalInt.empty());
    }

    /**
     * {@code CERT.pem:KEY.pem} as the peer-ca setting takes it; relative paths are resolved against {@code base}.
     * The files must be readable.
     */
    public Federation withPeerCa(String spec, Path base) {
        int colon = spec.lastIndexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("peer-ca takes CERT.pem:KEY.pem (the CA certificate and its private key)");
        }
        Path certificate = resolve(spec.substring(0, colon).trim(), base);
        Path key = resolve(spec.substring(colon + 1).trim(), base);
        for (Path file : new Path[] {certificate, key}) {
            if (!java.nio.file.Files.isReadable(file)) {
                throw new IllegalArgumentException("peer-ca: cannot read " + file);
            }
        }
        return new Federation(Optional.of(certificate), Optional.of(key), toolAddress, toolPort, s2sPort, s2sDirectTlsPort);
    }

    public Federation withToolAddress(String address) {
        return new Federation(peerCaCertificate, peerCaKey, address, toolPort, s2sPort, s2sDirectTlsPort);
    }

    public Federation withS2sPorts(int starttls, OptionalInt directTls) {
        return new Federation(peerCaCertificate, peerCaKey, toolAddress, toolPort, starttls, directTls);
    }

    private static Path resolve(String file, Path base) {
        Path path = Path.of(file);
        return path.isAbsolute() || base == null ? path : base.resolve(path);
    }

    private static void checkPort(int port, String what) {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException(what + " " + port + " is out of range");
        }
    }
}
