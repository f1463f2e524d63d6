package org.stanzalab.engine.tls;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Trust;
import org.stanzalab.wire.tls.ProbeEndpoint;
import org.stanzalab.wire.tls.TlsProber;
import org.stanzalab.wire.tls.TlsScan;

/**
 * The TLS scans of one server in a run: each port is scanned once, by the first test that asks, and every later
 * test (and the reports) gets the same scan. Tests asking while the scan is under way wait for it.
 */
public final class PortScans {
    private final Target target;
    private final Map<Port, CompletableFuture<PortScan>> scans = new ConcurrentHashMap<>();

    public PortScans(Target target) {
        this.target = target;
    }

    public PortScan scan(Port port) {
        CompletableFuture<PortScan> mine = new CompletableFuture<>();
        CompletableFuture<PortScan> scan = scans.putIfAbsent(port, mine);
        if (scan == null) {
            try {
                mine.complete(run(port));
            } catch (RuntimeException | Error e) {
                mine.completeExceptionally(e);
                scans.remove(port, mine);
                throw e;
            }
            scan = mine;
        }
        return scan.join();
    }

    private PortScan run(Port port) {
        ProbeEndpoint endpoint = new ProbeEndpoint(target.host(), port.number(target), target.domain(), port.start(), target.timeouts().connect());
        // With --insecure the run trusts anything; the grade still needs a verdict on the chain, so it is judged as a
        // stranger would judge it, against the system's trust store (SSL Labs grades public trust the same way).
        boolean insecure = target.trust().isInsecure();
        TlsScan scan = new TlsProber(endpoint).scan((insecure ? Trust.system() : target.trust()).trustManager());
        Instant now = Instant.now();
        List<String> findings = new ArrayList<>(PortGrading.certificateFindings(scan, port, target.domain(), now));
        if (insecure && scan.certificate().isPresent()) {
            findings.add(0, "the run accepts any certificate (--insecure), so the chain was judged against the system trust store");
        }
        return new PortScan(port, target.domain(), scan, findings, PortGrading.grade(scan, port, target.domain(), now));
    }

    /** The scans finished so far, in port order. */
    public List<PortScan> finished() {
        List<PortScan> list = new ArrayList<>();
        for (Port port : Port.values()) {
            CompletableFuture<PortScan> scan = scans.get(port);
            if (scan != null && scan.isDone() && !scan.isCompletedExceptionally()) {
                list.add(scan.join());
            }
        }
        return list;
    }
}
