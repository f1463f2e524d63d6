package org.stanzalab.report;

import org.stanzalab.engine.target.Target;

/** Where the run connected, as recorded in the reports. */
public record TargetInfo(String domain, String host, int port, String tls, String trust) {

    public static TargetInfo of(Target target) {
        return new TargetInfo(target.domain(), target.host(), target.port(), target.tls().flagValue(), target.trust().toString());
    }
}
