package org.stanzalab.suites;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.target.Federation;
import org.stanzalab.engine.target.SaslChoice;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Services;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.DialbackRequest;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerNamespaces;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.StreamFeatures;
import org.stanzalab.wire.server.XmppListener;

/**
 * A scripted "server under test" for the server-to-server certificate checks: the wire layer's server side on a
 * loopback port, with a CA of its own given to the run as peer CA, and a {@link Lab} whose target it is (its
 * federation settings point the tool's listener at a free loopback port, never at 127.0.0.3:5269). It answers one
 * incoming server-to-server stream, {@link #lenient()} (authenticates every peer) or {@link #strict()} (checks the
 * certificate against its CA; asks nobody about dialback keys, so every key is invalid).
 */
public final class ScriptedServerUnderTest implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final CertKit ca;
    private final XmppListener listener;
    private final Lab lab;
    private Thread script;

    public ScriptedServerUnderTest(Path dir) throws Exception {
        ca = CertKit.newCa("Scripted peer CA");
        ca.writePem(dir.resolve("ca.crt"), dir.resolve("ca.key"));
        listener = XmppListener.open(ListenerOptions.server("sut.test").at("127.0.0.1", 0)
                .withIdentity(ca.issue("sut.test")).withTimeout(TIMEOUT));
        int toolPort;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            toolPort = free.getLocalPort();
        }
        Federation federation = new Federation(Optional.of(dir.resolve("ca.crt")), Optional.of(dir.resolve("ca.key")),
                "127.0.0.1", toolPort, listener.port(), OptionalInt.empty());
        Target target = new Target("sut.test", "127.0.0.1", 5222, TlsMode.STARTTLS, Trust.insecure(),
                new Timeouts(TIMEOUT, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMillis(200)), SaslChoice.any(),
                Services.none().withFederation(federation));
        lab = Lab.open(Run.start(Run.newId(), List.of(new Server("scripted", target, connector -> new NoAccounts())),
                line -> { }));
    }

    public Lab lab() {
        return lab;
    }

    /** Authenticates every peer: EXTERNAL succeeds and every dialback key is "valid", unchecked. */
    public void lenient() {
        run(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            stream.openStream(StreamFeatures.none().mechanisms("EXTERNAL").dialback());
            XmlElement first = stream.expect(e -> e.is("auth", XmppNamespaces.SASL) || e.is("result", ServerNamespaces.DIALBACK),
                    "<auth/> or <db:result/>");
            if (first.name().equals("auth")) {
                stream.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
                stream.openStream(StreamFeatures.none());
            } else {
                stream.answerDialbackResult(new DialbackRequest(first.attribute("from").orElse(null),
                        first.attribute("to").orElse(null), null, first.text()), true);
            }
            stream.answerClose(TIMEOUT);
        });
    }

    /** Checks certificates against its CA (not revocation) and calls every dialback key invalid. */
    public void strict() {
        run(stream -> stream.acceptServerStream(new ServerAccounts().trustCertificatesOf(ca), true, (request, id) -> false));
    }

    /** One connection's part of the server under test, scripted by a test. */
    public interface Script {
        void run(ServerStream stream) throws Exception;
    }

    /**
     * Authenticates the peer as {@link #lenient()} does (EXTERNAL or dialback, unchecked), then hands the stream to
     * {@code then}, for what the server does with the stanzas that follow.
     */
    public void authenticateThen(Script then) {
        run(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            stream.openStream(StreamFeatures.none().mechanisms("EXTERNAL").dialback());
            XmlElement first = stream.expect(e -> e.is("auth", XmppNamespaces.SASL) || e.is("result", ServerNamespaces.DIALBACK),
                    "<auth/> or <db:result/>");
            if (first.name().equals("auth")) {
                stream.send("<success xmlns='" + XmppNamespaces.SASL + "'/>");
                stream.openStream(StreamFeatures.none());
            } else {
                stream.answerDialbackResult(new DialbackRequest(first.attribute("from").orElse(null),
                        first.attribute("to").orElse(null), null, first.text()), true);
            }
            then.run(stream);
        });
    }

    /** Serves the next incoming connection with {@code steps}. */
    public void serve(Script steps) {
        run(steps);
    }

    private void run(Script steps) {
        script = new Thread(() -> {
            try (ServerStream stream = listener.accept(TIMEOUT)) {
                steps.run(stream);
            } catch (Exception refusedOrDone) {
                // The tool's side decides; the script just ends.
            }
        }, "scripted server under test");
        script.setDaemon(true);
        script.start();
    }

    @Override
    public void close() throws Exception {
        lab.close();
        listener.close();
        if (script != null) {
            script.join(TIMEOUT.toMillis());
        }
    }

    /** These checks make no accounts. */
    private static final class NoAccounts implements AccountProvisioner {
        @Override
        public void preflight() {
        }

        @Override
        public Credentials acquire() {
            throw new IllegalStateException("this test needs no accounts");
        }

        @Override
        public void release(Credentials account) {
        }

        @Override
        public String describe() {
            return "none";
        }

        @Override
        public void close() {
        }
    }
}
