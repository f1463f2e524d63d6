package org.stanzalab.wire.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.stanzalab.wire.WireConnectException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTimeoutException;

/**
 * The tool as an XMPP server: listens on a loopback address and hands each accepted connection to the test as a
 * {@link ServerStream} to script. A driver, not a server: nothing happens on a connection unless the test says so.
 */
public final class XmppListener implements AutoCloseable {
    private final ListenerOptions options;
    private final ServerSocket socket;
    private final SSLContext tlsContext;

    private XmppListener(ListenerOptions options, ServerSocket socket) {
        this.options = options;
        this.socket = socket;
        this.tlsContext = options.identity() == null ? null : options.identity().serverContext();
    }

    /** Binds the listening socket; only loopback addresses are accepted, so the tool never serves a network. */
    public static XmppListener open(ListenerOptions options) throws WireException {
        InetAddress address;
        try {
            address = InetAddress.getByName(options.address());
        } catch (IOException e) {
            throw new WireConnectException("cannot listen on " + options.address() + ": unknown address", e);
        }
        if (!address.isLoopbackAddress()) {
            throw new IllegalArgumentException("the tool listens on loopback addresses only, not " + options.address());
        }
        ServerSocket server = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true); // a demo run right after another must not wait for TIME_WAIT
            server.bind(new InetSocketAddress(address, options.port()), 16);
            return new XmppListener(options, server);
        } catch (IOException e) {
            closeQuietly(server);
            throw new WireConnectException("cannot listen on " + options.address() + ":" + options.port() + ": "
                    + String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT), e);
        }
    }

    public ListenerOptions options() {
        return options;
    }

    /** The bound port (the chosen one when the options said 0). */
    public int port() {
        return socket.getLocalPort();
    }

    public String address() {
        return options.address();
    }

    /** The next connection, waiting at most the options' timeout. */
    public ServerStream accept() throws WireException {
        return accept(options.timeout());
    }

    /**
     * The next connection, waiting at most {@code timeout}; with direct TLS the handshake is done before this
     * returns. No bytes are read or sent otherwise: the test scripts the stream.
     */
    public ServerStream accept(Duration timeout) throws WireException {
        Socket accepted;
        try {
            socket.setSoTimeout((int) Math.max(1, Math.min(Integer.MAX_VALUE, timeout.toMillis())));
            accepted = socket.accept();
            accepted.setTcpNoDelay(true);
        } catch (SocketTimeoutException e) {
            throw new WireTimeoutException("no connection to " + options.domain() + " (" + address() + ":" + port()
                    + ") within " + describe(timeout));
        } catch (IOException e) {
            throw new WireException("cannot accept a connection on " + address() + ":" + port() + ": "
                    + e.getMessage(), e);
        }
        String peer = (options.kind() == StreamKind.CLIENT ? "client " : "server ")
                + accepted.getInetAddress().getHostAddress() + ":" + accepted.getPort();
        try {
            WireStream wire = options.directTls()
                    ? WireStream.acceptedDirectTls(accepted, tlsContext, options.tls(), peer, options.timeout(),
                            options.limits())
                    : WireStream.accepted(accepted, peer, options.timeout(), options.limits());
            return new ServerStream(options, tlsContext, wire);
        } catch (WireException e) {
            closeQuietly(accepted);
            throw e;
        }
    }

    SSLContext tlsContext() {
        return tlsContext;
    }

    /** Stops listening; streams already accepted stay open until closed themselves. Never throws. */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    private static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception ignored) {
            // Best effort; nothing useful to report.
        }
    }
}
