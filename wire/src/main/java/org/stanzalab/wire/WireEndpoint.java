package org.stanzalab.wire;

import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * Where and how to reach an XMPP server.
 *
 * @param host           address to connect to (name or IP literal)
 * @param port           TCP port
 * @param domain         XMPP domain: stream {@code to}, TLS SNI and the name the certificate must match
 * @param sslContext     TLS context; null means the JDK default (system trust store)
 * @param verifyHostname check the certificate against {@code domain} (endpoint identification "HTTPS");
 *                       done by the JDK's trust managers, not by a custom X509ExtendedTrustManager
 * @param timeout        connect / TLS handshake timeout and the default wait for every expectation
 * @param tls            protocol versions, cipher suites, SNI and ALPN for STARTTLS and direct TLS
 */
public record WireEndpoint(String host, int port, String domain, SSLContext sslContext, boolean verifyHostname,
                           Duration timeout, TlsOptions tls) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public WireEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(tls, "tls");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
    }

    /** With {@link TlsOptions#DEFAULT}. */
    public WireEndpoint(String host, int port, String domain, SSLContext sslContext, boolean verifyHostname,
                        Duration timeout) {
        this(host, port, domain, sslContext, verifyHostname, timeout, TlsOptions.DEFAULT);
    }

    /** Default TLS context with hostname verification and {@link #DEFAULT_TIMEOUT}. */
    public static WireEndpoint of(String host, int port, String domain) {
        return new WireEndpoint(host, port, domain, null, true, DEFAULT_TIMEOUT);
    }

    public WireEndpoint withTimeout(Duration newTimeout) {
        return new WireEndpoint(host, port, domain, sslContext, verifyHostname, newTimeout, tls);
    }

    public WireEndpoint withTls(SSLContext context, boolean verify) {
        return new WireEndpoint(host, port, domain, context, verify, timeout, tls);
    }

    public WireEndpoint withTlsOptions(TlsOptions options) {
        return new WireEndpoint(host, port, domain, sslContext, verifyHostname, timeout, options);
    }

    /** "host:port", with brackets around IPv6 literals. */
    public String address() {
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
