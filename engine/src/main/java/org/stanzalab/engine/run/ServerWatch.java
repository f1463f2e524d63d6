package org.stanzalab.engine.run;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import org.stanzalab.engine.target.Target;

/**
 * Tells a dropped connection from a server that went away. Once the server stops accepting connections the run
 * says so once, and every test after that ends as an error ("not run") instead of piling up false failures.
 */
public final class ServerWatch {
    private final Target target;
    private final Consumer<String> announcer;
    private final AtomicReference<String> goneSince = new AtomicReference<>();

    public ServerWatch(Target target, Consumer<String> announcer) {
        this.target = target;
        this.announcer = announcer;
    }

    /** Probes the server's port; marks the server gone (and announces it once) when the probe fails. */
    public boolean confirmReachable() {
        if (isGone()) {
            return false;
        }
        try {
            probe(target, target.timeouts().connect());
            return true;
        } catch (IOException e) {
            String when = LocalTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
            if (goneSince.compareAndSet(null, when)) {
                announcer.accept("the server at " + target.address() + " stopped accepting connections at " + when
                        + "; tests from now on are errors, not failures");
            }
            return false;
        }
    }

    public boolean isGone() {
        return goneSince.get() != null;
    }

    public String goneSince() {
        return goneSince.get();
    }

    /** One TCP connect, bounded by the timeout; throws with a one-line reason. */
    public static void probe(Target target, Duration timeout) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), (int) timeout.toMillis());
        } catch (java.net.SocketTimeoutException e) {
            throw new IOException("cannot connect to " + target.address() + ": no answer within " + timeout.toSeconds() + " s");
        } catch (java.net.UnknownHostException e) {
            throw new IOException("cannot connect to " + target.address() + ": unknown host " + target.host());
        } catch (IOException e) {
            throw new IOException("cannot connect to " + target.address() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().toLowerCase(java.util.Locale.ROOT)));
        }
    }
}
