package org.stanzalab.wire;

import java.util.List;
import java.util.Objects;

/**
 * How one connection negotiates TLS, for STARTTLS and direct TLS alike, on either side of the wire.
 * Immutable; start from {@link #DEFAULT} and narrow it with the {@code with...} methods.
 *
 * @param protocols            enabled protocol versions ("TLSv1.2", "TLSv1.3"); empty means the JDK's defaults
 * @param cipherSuites         enabled cipher suites (JSSE names); empty means the JDK's defaults
 * @param serverName           SNI host name a client sends: null means the endpoint's domain, "" sends none;
 *                             ignored on the accepting side
 * @param applicationProtocols ALPN protocols offered (client) or accepted (server), in preference order;
 *                             null means the XEP-0368 default ("xmpp-client" for direct TLS, none for STARTTLS)
 */
public record TlsOptions(List<String> protocols, List<String> cipherSuites, String serverName,
                         List<String> applicationProtocols) {

    /** JDK defaults, SNI = the domain, XEP-0368 ALPN on direct TLS. */
    public static final TlsOptions DEFAULT = new TlsOptions(List.of(), List.of(), null, null);

    public TlsOptions {
        protocols = List.copyOf(Objects.requireNonNull(protocols, "protocols"));
        cipherSuites = List.copyOf(Objects.requireNonNull(cipherSuites, "cipherSuites"));
        applicationProtocols = applicationProtocols == null ? null : List.copyOf(applicationProtocols);
    }

    public TlsOptions withProtocols(String... versions) {
        return new TlsOptions(List.of(versions), cipherSuites, serverName, applicationProtocols);
    }

    public TlsOptions withCipherSuites(String... suites) {
        return new TlsOptions(protocols, List.of(suites), serverName, applicationProtocols);
    }

    /** Sends this SNI host name instead of the domain. */
    public TlsOptions withServerName(String hostName) {
        return new TlsOptions(protocols, cipherSuites, Objects.requireNonNull(hostName, "hostName"),
                applicationProtocols);
    }

    /** Sends no SNI extension at all. */
    public TlsOptions withoutServerName() {
        return new TlsOptions(protocols, cipherSuites, "", applicationProtocols);
    }

    /** Offers (or, accepting, agrees to) exactly these ALPN protocols; none at all if empty. */
    public TlsOptions withApplicationProtocols(String... names) {
        return new TlsOptions(protocols, cipherSuites, serverName, List.of(names));
    }

    /** The SNI name to send for a connection to {@code domain}, or null for none. */
    String serverNameFor(String domain) {
        if (serverName == null) {
            return domain;
        }
        return serverName.isEmpty() ? null : serverName;
    }

    /** The ALPN list to use; {@code defaultProtocol} is the XEP-0368 one (or null for STARTTLS). */
    List<String> applicationProtocolsOr(String defaultProtocol) {
        if (applicationProtocols != null) {
            return applicationProtocols;
        }
        return defaultProtocol == null ? List.of() : List.of(defaultProtocol);
    }
}
