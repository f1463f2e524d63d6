package org.stanzalab.engine.federation;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.ParserLimits;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * The one listening socket on the tool's address (127.0.0.3:5269 by default) that every remote domain of the run
 * shares: each connection is handed to the {@link RemoteServer} named by the {@code to} of its stream header, so
 * tests with different domains run at the same time. Servers connect to a domain's port 5269 when it has no SRV
 * record, so every domain has to share it.
 *
 * <p>The socket is bound while at least one domain is registered and closed after the last one leaves. Another
 * process (the other server's run in {@code ./check}) may want the same address: a lock file in the temporary
 * directory says which process has it, and a process waits (bounded) for its turn.
 */
final class ToolListener {
    private static final Map<String, ToolListener> LISTENERS = new HashMap<>();
    private static final Duration POLL = Duration.ofMillis(100);

    private final String address;
    private final int port;
    private final Map<String, RemoteServer> domains = new ConcurrentHashMap<>();
    private ServerSocket socket;
    private FileChannel lockFile;
    private FileLock lock;

    private ToolListener(String address, int port) {
        this.address = address;
        this.port = port;
    }

    /**
     * Registers {@code server} for its domain, binding the address first if no other domain holds it.
     *
     * @param wait how long to wait for another process to give the address up
     */
    static void register(String address, int port, RemoteServer server, Duration wait) {
        ToolListener listener;
        synchronized (LISTENERS) {
            listener = LISTENERS.computeIfAbsent(address + ":" + port, key -> new ToolListener(address, port));
        }
        listener.add(server, wait);
    }

    static void unregister(String address, int port, RemoteServer server) {
        ToolListener listener;
        synchronized (LISTENERS) {
            listener = LISTENERS.get(address + ":" + port);
        }
        if (listener != null) {
            listener.remove(server);
        }
    }

    /** Waits (bounded) while another test of the run plays the same domain: one connection cannot serve two tests. */
    private synchronized void add(RemoteServer server, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (domains.putIfAbsent(server.domain().toLowerCase(Locale.ROOT), server) != null) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new TestError("not run: the domain " + server.domain() + " stayed in use by another test of this run for "
                        + wait.toSeconds() + " s");
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TestError("interrupted while waiting for the domain " + server.domain(), e);
            }
        }
        if (socket == null) {
            try {
                open(wait);
            } catch (RuntimeException e) {
                domains.remove(server.domain().toLowerCase(Locale.ROOT));
                throw e;
            }
        }
    }

    private synchronized void remove(RemoteServer server) {
        domains.remove(server.domain().toLowerCase(Locale.ROOT), server);
        notifyAll();
        if (domains.isEmpty()) {
            closeQuietly(socket);
            socket = null;
            release();
        }
    }

    /** Takes the address from other processes (lock file), then binds it; both bounded by {@code wait}. */
    private void open(Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        Path lockPath = Path.of(System.getProperty("java.io.tmpdir"), "stanzalab-tool-" + address.replace(':', '_') + "-" + port + ".lock");
        try {
            lockFile = FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            while ((lock = tryLock()) == null) {
                if (System.nanoTime() > deadline) {
                    release();
                    throw new TestError("not run: the tool's address " + address + ":" + port + " stayed in use by another run"
                            + " for " + wait.toSeconds() + " s (" + lockPath + ")");
                }
                sleep();
            }
            InetAddress bindAddress = InetAddress.getByName(address);
            while (true) {
                ServerSocket candidate = new ServerSocket();
                try {
                    candidate.setReuseAddress(true);
                    candidate.bind(new InetSocketAddress(bindAddress, port), 64);
                    socket = candidate;
                    break;
                } catch (IOException e) {
                    closeQuietly(candidate);
                    if (System.nanoTime() > deadline) {
                        release();
                        throw new TestError("not run: cannot listen on " + address + ":" + port + " as a remote server: "
                                + e.getMessage());
                    }
                    sleep();
                }
            }
        } catch (IOException e) {
            release();
            throw new TestError("not run: cannot take the tool's address " + address + ":" + port + ": " + e.getMessage(), e);
        }
        Thread acceptor = new Thread(() -> acceptLoop(socket), "tool listener " + address + ":" + port);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private FileLock tryLock() throws IOException {
        try {
            return lockFile.tryLock();
        } catch (OverlappingFileLockException e) {
            return null; // held by this JVM through another channel: wait like for another process
        }
    }

    private void release() {
        try {
            if (lock != null) {
                lock.release();
            }
        } catch (IOException ignored) {
            // The lock goes with the channel anyway.
        }
        lock = null;
        closeQuietly(lockFile);
        lockFile = null;
    }

    private void acceptLoop(ServerSocket server) {
        while (!server.isClosed()) {
            Socket accepted;
            try {
                accepted = server.accept();
                accepted.setTcpNoDelay(true);
            } catch (IOException e) {
                return; // closed
            }
            Thread handler = new Thread(() -> route(accepted), "remote server connection " + accepted.getPort());
            handler.setDaemon(true);
            handler.start();
        }
    }

    /** Reads the stream header and hands the connection to the domain it is for; other domains are host-unknown. */
    private void route(Socket accepted) {
        String peer = "server " + accepted.getInetAddress().getHostAddress() + ":" + accepted.getPort();
        WireStream wire;
        try {
            wire = WireStream.accepted(accepted, peer, Duration.ofSeconds(30), ParserLimits.DEFAULT);
        } catch (WireException e) {
            closeQuietly(accepted);
            return;
        }
        try {
            StreamHeader header = wire.readStreamHeader(Duration.ofSeconds(10));
            String to = header.to() == null ? "" : header.to().toLowerCase(Locale.ROOT);
            RemoteServer server = domains.get(to);
            if (server == null) {
                wire.send("<?xml version='1.0'?><stream:stream xmlns='" + ServerNamespaces.SERVER + "' xmlns:stream='"
                        + XmppNamespaces.STREAMS + "' id='unknown' from='" + XmlEscape.attribute(to.isEmpty() ? address : to)
                        + "' version='1.0'><stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/>"
                        + "</stream:error></stream:stream>");
                wire.close();
                return;
            }
            server.handle(wire, header);
        } catch (WireException | RuntimeException e) {
            wire.close();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("interrupted while waiting for the tool's address", e);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Best effort.
        }
    }
}
