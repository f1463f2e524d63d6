package org.stanzalab.engine.federation;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.transcript.Transcript;

/**
 * A peer server that answers the stream header of a server under test and then says nothing more: no stream features,
 * no TLS, no authentication. The domain resolves (its name is mapped to an address where this peer listens) and a
 * stream is established, but negotiation never completes, the situation RFC 6120 §8.3.3.17 names for
 * remote-server-timeout. It listens on the address its domain resolves to, port 5269 (the server under test knows no
 * other), so it needs an address of its own, not the tool address that {@link RemoteServer} shares.
 *
 * <p>Written on a plain socket on purpose: every library stream would go on to offer features, which is exactly what
 * this peer must not do.
 */
public final class SilentPeer implements AutoCloseable {
    public static final int S2S_PORT = 5269;

    private final String domain;
    private final ServerSocket socket;
    private final Transcript transcript;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private volatile boolean closed;

    private SilentPeer(String domain, ServerSocket socket, Transcript transcript) {
        this.domain = domain;
        this.socket = socket;
        this.transcript = transcript;
    }

    /**
     * Starts listening where {@code domain} resolves. A name that does not resolve to a loopback address makes the test
     * impossible (servers/up maps it). Another run may be playing the same domain (./check runs two servers' suites
     * side by side): the address is tried again until {@code waitForAddress} has passed, then the test is an error.
     */
    public static SilentPeer listen(String domain, Duration waitForAddress, Transcript transcript) {
        InetAddress address;
        try {
            address = InetAddress.getByName(domain);
        } catch (UnknownHostException e) {
            throw new Impossible(domain + " does not resolve on this machine; servers/up maps it in /etc/hosts");
        }
        if (!address.isLoopbackAddress()) {
            throw new Impossible(domain + " resolves to " + address.getHostAddress() + ", not to a loopback address the tool can listen on");
        }
        ServerSocket socket = bindWaiting(domain, address, waitForAddress, transcript);
        SilentPeer peer = new SilentPeer(domain, socket, transcript);
        Thread acceptor = new Thread(peer::acceptLoop, "stanzalab-silent-" + domain);
        acceptor.setDaemon(true);
        acceptor.start();
        transcript.note("silent " + domain, "listening on " + address.getHostAddress() + ":" + S2S_PORT
                + "; every stream gets a response header and then nothing");
        return peer;
    }

    private static ServerSocket bindWaiting(String domain, InetAddress address, Duration wait, Transcript transcript) {
        long deadline = System.nanoTime() + wait.toNanos();
        boolean noted = false;
        while (true) {
            ServerSocket socket = null;
            try {
                socket = new ServerSocket();
                socket.setReuseAddress(true);
                socket.bind(new InetSocketAddress(address, S2S_PORT));
                return socket;
            } catch (IOException e) {
                closeQuietly(socket);
                if (System.nanoTime() > deadline) {
                    throw new TestError("could not listen as " + domain + " on " + address.getHostAddress() + ":" + S2S_PORT
                            + " within " + wait.toSeconds() + " s (another run playing it?): " + e.getMessage(), e);
                }
                if (!noted) {
                    transcript.note("silent " + domain, address.getHostAddress() + ":" + S2S_PORT + " is taken (" + e.getMessage()
                            + "); waiting for it, at most " + wait.toSeconds() + " s");
                    noted = true;
                }
                try {
                    Thread.sleep(500);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw new TestError("interrupted while waiting for " + address.getHostAddress() + ":" + S2S_PORT, interrupted);
                }
            }
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // it was never bound
            }
        }
    }

    public String domain() {
        return domain;
    }

    /** How many connections the server under test opened to this peer so far. */
    public int connections() {
        return connections.get();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                return; // closed
            }
            accepted.add(connection);
            int n = connections.incrementAndGet();
            Thread reader = new Thread(() -> answerHeaderThenStaySilent(connection, n), "stanzalab-silent-" + domain + "-" + n);
            reader.setDaemon(true);
            reader.start();
        }
    }

    /** Reads the peer's stream header, answers it with one of ours, then reads (and ignores) whatever else comes. */
    private void answerHeaderThenStaySilent(Socket connection, int n) {
        String label = "silent " + domain + " #" + n;
        try (connection) {
            InputStream in = connection.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[4096];
            int read;
            boolean answered = false;
            while ((read = in.read(buffer)) >= 0) {
                if (answered) {
                    continue;
                }
                seen.append(new String(buffer, 0, read, StandardCharsets.UTF_8));
                int header = seen.indexOf("stream:stream");
                if (header >= 0 && seen.indexOf(">", header) >= 0) {
                    transcript.note(label, "the server under test opened a stream: " + seen.toString().strip());
                    connection.getOutputStream().write(("<?xml version='1.0'?><stream:stream xmlns='jabber:server'"
                            + " xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' id='silent-"
                            + n + "' from='" + domain + "' version='1.0'>").getBytes(StandardCharsets.UTF_8));
                    connection.getOutputStream().flush();
                    transcript.note(label, "answered with a stream header; from now on the tool sends nothing");
                    answered = true;
                }
            }
            transcript.note(label, "the server under test closed the connection");
        } catch (IOException e) {
            if (!closed) {
                transcript.note(label, "connection ended: " + e.getMessage());
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        for (Socket connection : accepted) {
            try {
                connection.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
