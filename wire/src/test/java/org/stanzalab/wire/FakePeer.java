package org.stanzalab.wire;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Test fixture: a loopback listener that accepts one connection and plays a script of canned bytes. It
 * knows nothing about XMPP beyond what each script spells out.
 */
final class FakePeer implements AutoCloseable {
    static final String DOMAIN = "xmpp.test";
    static final String HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
            + "xmlns:stream='http://etherx.jabber.org/streams' id='s-1' from='xmpp.test' version='1.0' xml:lang='en'>";
    static final String FEATURES_STARTTLS = "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'>"
            + "<required/></starttls></stream:features>";
    static final String FEATURES_SASL = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>"
            + "<mechanism>PLAIN</mechanism></mechanisms></stream:features>";
    static final String FEATURES_BIND = "<stream:features><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>"
            + "</stream:features>";

    interface Script {
        void play(Connection connection) throws Exception;
    }

    private final ServerSocket listener;
    private final CompletableFuture<Void> outcome = new CompletableFuture<>();
    private volatile Connection connection;

    private FakePeer(Script script) throws IOException {
        listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> run(script), "fake-peer");
        thread.setDaemon(true);
        thread.start();
    }

    static FakePeer start(Script script) throws IOException {
        return new FakePeer(script);
    }

    WireEndpoint endpoint() {
        return endpoint(Duration.ofSeconds(2));
    }

    WireEndpoint endpoint(Duration timeout) {
        return new WireEndpoint("127.0.0.1", listener.getLocalPort(), DOMAIN, null, true, timeout);
    }

    /** Rethrows whatever failed inside the script (including its assertions). */
    void assertScriptCompleted() throws Exception {
        try {
            outcome.get(5, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("fake peer script did not finish within 5 s");
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        Connection c = connection;
        if (c != null) {
            c.close();
        }
    }

    private void run(Script script) {
        try (Socket socket = listener.accept()) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(5000);
            connection = new Connection(socket);
            script.play(connection);
            outcome.complete(null);
        } catch (Throwable t) {
            outcome.completeExceptionally(t);
        }
    }

    /** The accepted connection, as seen by a script. */
    static final class Connection {
        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final ByteArrayOutputStream unread = new ByteArrayOutputStream();

        Connection(Socket socket) throws IOException {
            use(socket);
        }

        void send(String text) throws IOException {
            sendBytes(text.getBytes(StandardCharsets.UTF_8));
        }

        void sendBytes(byte[] bytes) throws IOException {
            out.write(bytes);
            out.flush();
        }

        /** Separate writes with pauses, so the client really receives many small TCP segments. */
        void sendInPieces(String text, int pieceSize, long pauseMillis) throws Exception {
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int i = 0; i < bytes.length; i += pieceSize) {
                out.write(bytes, i, Math.min(pieceSize, bytes.length - i));
                out.flush();
                Thread.sleep(pauseMillis);
            }
        }

        /** Reads until the received text contains {@code fragment}; returns and forgets everything read so far. */
        String awaitReceived(String fragment) throws IOException {
            byte[] buffer = new byte[4096];
            while (!unread.toString(StandardCharsets.UTF_8).contains(fragment)) {
                int n;
                try {
                    n = in.read(buffer);
                } catch (SocketTimeoutException e) {
                    throw new AssertionError("peer did not receive '" + fragment + "'; got: " + unread);
                }
                if (n < 0) {
                    throw new AssertionError("client closed before sending '" + fragment + "'; got: " + unread);
                }
                unread.write(buffer, 0, n);
            }
            String text = unread.toString(StandardCharsets.UTF_8);
            unread.reset();
            return text;
        }

        /** Reads until the client closes the connection; returns what arrived meanwhile. */
        String awaitClientEof() throws IOException {
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                unread.write(buffer, 0, n);
            }
            return unread.toString(StandardCharsets.UTF_8);
        }

        /** Server side of a TLS handshake on this connection (after {@code <proceed/>}, or at once for direct TLS). */
        SSLSocket upgradeToTls(SSLContext context, String... applicationProtocols) throws IOException {
            SSLSocket tls = (SSLSocket) context.getSocketFactory().createSocket(socket, null, socket.getPort(), true);
            tls.setUseClientMode(false);
            if (applicationProtocols.length > 0) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setApplicationProtocols(applicationProtocols);
                tls.setSSLParameters(parameters);
            }
            tls.startHandshake();
            use(tls);
            return tls;
        }

        /** Half-close: the client sees EOF while we can still read. */
        void endOutput() throws IOException {
            if (socket instanceof SSLSocket) {
                socket.close();
            } else {
                socket.shutdownOutput();
            }
        }

        void close() throws IOException {
            socket.close();
        }

        private void use(Socket newSocket) throws IOException {
            socket = newSocket;
            in = newSocket.getInputStream();
            out = newSocket.getOutputStream();
        }
    }
}
