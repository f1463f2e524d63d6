package org.stanzalab.suites.rfc7590;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.tls.Port;
import org.stanzalab.engine.tls.PortScan;
import org.stanzalab.wire.tls.CertificateChain;
import org.stanzalab.wire.tls.TlsScan;

/** The run's scan of a port, as the tests of this package need it. */
final class ScannedPort {
    private ScannedPort() {
    }

    /** The port's scan; impossible when nothing listens there (the server need not serve every port). */
    static PortScan reachable(Lab lab, Port port) {
        PortScan scan = lab.tlsScan(port);
        if (!scan.scan().reachable()) {
            throw new Impossible("the " + port + " port: " + scan.scan().problem().orElse("nothing accepts connections on " + scan.address()));
        }
        return scan;
    }

    /** The port's scan where TLS could be started at all; impossible otherwise (another test judges that). */
    static TlsScan withTls(Lab lab, Port port) {
        PortScan scan = reachable(lab, port);
        if (!scan.scan().scanned()) {
            throw new Impossible("TLS could not be started on the " + port + " port " + scan.address() + ": " + scan.scan().problem().orElse(""));
        }
        return scan.scan();
    }

    /** The certificate the port presented; impossible when none could be read. */
    static CertificateChain certificate(Lab lab, Port port) {
        TlsScan scan = withTls(lab, port);
        return scan.certificate().orElseThrow(() -> new Impossible("no certificate could be read on the " + port + " port: "
                + scan.certificateProblem().orElse("")));
    }
}
