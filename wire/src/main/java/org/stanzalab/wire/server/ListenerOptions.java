package org.stanzalab.wire.server;

import java.time.Duration;
import java.util.Objects;
import org.stanzalab.wire.ParserLimits;
import org.stanzalab.wire.TlsOptions;

/**
 * What a {@link XmppListener} serves and how.
 *
 * @param domain    the XMPP domain the tool serves (stream {@code from}, dialback, the name its certificate should carry)
 * @param kind      jabber:client or jabber:server streams
 * @param address   loopback address to listen on, e.g. "127.0.0.3"
 * @param port      TCP port; 0 picks a free one
 * @param identity  the certificate and key presented in TLS (good or deliberately bad); null offers no TLS
 * @param directTls TLS from the first byte (XEP-0368) instead of STARTTLS
 * @param tls       protocol versions, cipher suites and ALPN the listener accepts
 * @param timeout   the default bound of every wait on an accepted stream, and of {@link XmppListener#accept()}
 * @param limits    parser limits for what peers send
 */
public record ListenerOptions(String domain, StreamKind kind, String address, int port, ServerIdentity identity,
                              boolean directTls, TlsOptions tls, Duration timeout, ParserLimits limits) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    public ListenerOptions {
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(limits, "limits");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (directTls && identity == null) {
            throw new IllegalArgumentException("direct TLS needs an identity (certificate and key)");
        }
    }

    /** jabber:client on 127.0.0.1, a free port, no TLS yet. */
    public static ListenerOptions client(String domain) {
        return new ListenerOptions(domain, StreamKind.CLIENT, "127.0.0.1", 0, null, false, TlsOptions.DEFAULT,
                DEFAULT_TIMEOUT, ParserLimits.DEFAULT);
    }

    /** jabber:server on 127.0.0.1, a free port, no TLS yet. */
    public static ListenerOptions server(String domain) {
        return new ListenerOptions(domain, StreamKind.SERVER, "127.0.0.1", 0, null, false, TlsOptions.DEFAULT,
                DEFAULT_TIMEOUT, ParserLimits.DEFAULT);
    }

    public ListenerOptions at(String newAddress, int newPort) {
        return new ListenerOptions(domain, kind, newAddress, newPort, identity, directTls, tls, timeout, limits);
    }

    public ListenerOptions withIdentity(ServerIdentity newIdentity) {
        return new ListenerOptions(domain, kind, address, port, newIdentity, directTls, tls, timeout, limits);
    }

    public ListenerOptions withDirectTls() {
        return new ListenerOptions(domain, kind, address, port, identity, true, tls, timeout, limits);
    }

    public ListenerOptions withTls(TlsOptions newTls) {
        return new ListenerOptions(domain, kind, address, port, identity, directTls, newTls, timeout, limits);
    }

    public ListenerOptions withTimeout(Duration newTimeout) {
        return new ListenerOptions(domain, kind, address, port, identity, directTls, tls, newTimeout, limits);
    }
}
