package org.stanzalab.engine.tls;

import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.tls.ProbeEndpoint;

/**
 * The ports whose TLS a run scans. The lab has no DNS to read SRV records from, so each has its conventional number
 * unless the target says otherwise: the target's own client port for the kind it is reached by (STARTTLS or direct
 * TLS), 5222 and 5223 for the other client kind (XEP-0368), the target's {@code s2s-port} (5269 unless said) for
 * server-to-server STARTTLS and its {@code s2s-direct-tls-port} (5270 unless said; nothing listening there makes the
 * tests of that port impossible) for server-to-server direct TLS.
 */
public enum Port {
    C2S("c2s", ProbeEndpoint.Start.STARTTLS_CLIENT, 5222),
    C2S_DIRECT("c2s-direct", ProbeEndpoint.Start.DIRECT, 5223),
    S2S("s2s", ProbeEndpoint.Start.STARTTLS_SERVER, 5269),
    S2S_DIRECT("s2s-direct", ProbeEndpoint.Start.DIRECT, 5270);

    private final String key;
    private final ProbeEndpoint.Start start;
    private final int conventional;

    Port(String key, ProbeEndpoint.Start start, int conventional) {
        this.key = key;
        this.start = start;
        this.conventional = conventional;
    }

    public ProbeEndpoint.Start start() {
        return start;
    }

    public boolean serverToServer() {
        return this == S2S || this == S2S_DIRECT;
    }

    /** The SRV service whose SRV-ID names this port's service (RFC 6120 §13.7.1.2.1). */
    public String srvService() {
        return serverToServer() ? "_xmpp-server" : "_xmpp-client";
    }

    public int number(Target target) {
        if (this == C2S && target.tls() == TlsMode.STARTTLS || this == C2S_DIRECT && target.tls() == TlsMode.DIRECT) {
            return target.port();
        }
        if (this == S2S) {
            return target.services().federation().s2sPort();
        }
        return this == S2S_DIRECT ? target.services().federation().s2sDirectTlsPort().orElse(conventional) : conventional;
    }

    /** The short key of test ids and results.json: "c2s", "c2s-direct", "s2s", "s2s-direct". */
    @Override
    public String toString() {
        return key;
    }
}
