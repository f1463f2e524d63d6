package org.stanzalab.suites.xep0368;

import java.util.List;
import java.util.Optional;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.WireConnectException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * Connections to the server's direct-TLS client port. A run against a direct-TLS target uses the target's own port;
 * otherwise port 5223, where both reference servers (and most deployments) listen: the lab has no DNS to read the
 * _xmpps-client SRV record from. Nothing listening there makes the tests impossible.
 */
final class DirectTlsPort {
    static final int CONVENTIONAL_PORT = 5223;
    static final String XMPP_CLIENT = "xmpp-client";
    /** SASL mechanisms the wire driver can log in with, in the order it prefers them. */
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-256", "SCRAM-SHA-1", "PLAIN");

    private DirectTlsPort() {
    }

    static int port(Lab lab) {
        return lab.target().tls() == TlsMode.DIRECT ? lab.target().port() : CONVENTIONAL_PORT;
    }

    /** A direct-TLS connection with SNI set to the domain and these TLS options; a refused handshake is thrown. */
    static WireStream connect(Lab lab, TlsOptions tls) throws WireTlsException {
        int port = port(lab);
        try {
            return lab.wire(port, lab.domain(), true, tls);
        } catch (WireTlsException e) {
            throw e;
        } catch (WireConnectException e) {
            throw new Impossible("nothing accepts connections on the direct-TLS port " + port + " of " + lab.target().host()
                    + ": " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("direct TLS to port " + port + ": " + e.getMessage(), e);
        }
    }

    /** A direct-TLS connection whose handshake must succeed (a failure is the server's). */
    static WireStream connected(Lab lab, TlsOptions tls) {
        try {
            return connect(lab, tls);
        } catch (WireTlsException e) {
            throw new ServerFailure("the TLS handshake on the direct-TLS port " + port(lab) + " failed: " + e.getMessage());
        }
    }

    /** Opens the XMPP stream over the connection and returns the first features. */
    static XmlElement openStream(WireStream stream) {
        return step("a stream header and features over direct TLS", () -> {
            stream.openStream();
            return stream.readFeatures();
        });
    }

    /** The mechanism the wire driver logs in with among those offered, if any. */
    static Optional<String> loginMechanism(XmlElement features) {
        List<String> offered = features.child("mechanisms", XmppNamespaces.SASL)
                .map(m -> m.children("mechanism", XmppNamespaces.SASL).stream().map(e -> e.text().strip()).toList())
                .orElse(List.of());
        return MECHANISMS.stream().filter(offered::contains).findFirst();
    }

    interface Step<T> {
        T run() throws WireException;
    }

    static <T> T step(String what, Step<T> step) {
        try {
            return step.run();
        } catch (WireException e) {
            throw new ServerFailure("expected " + what + ", but " + e.getMessage());
        }
    }
}
