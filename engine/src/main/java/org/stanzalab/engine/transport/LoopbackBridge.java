package org.stanzalab.engine.transport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.Callable;

import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.StreamSplitter;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.transport.FramedTransport;

/**
 * Lets a TCP-speaking client (Smack) use a {@link FramedTransport}: it accepts one plain connection on the loopback
 * interface, reads the client's stream with the wire module's {@link StreamSplitter}, turns each stream header (the
 * first and the one after SASL) into {@link FramedTransport#open}, each element into {@link FramedTransport#send} and
 * the closing tag into {@link FramedTransport#closeStream}; what the server sends comes back as a TCP-style stream
 * (a {@code <stream:stream>} header per {@code <open/>}, the elements, {@code </stream:stream>}). TLS is the
 * transport's business (wss, https), so the loopback leg is plain and never leaves the machine.
 */
public final class LoopbackBridge implements AutoCloseable {
    /** How long one wait for the server may last before the bridge looks again whether it was closed. */
    private static final Duration POLL = Duration.ofSeconds(1);

    private final ServerSocket listening;
    private final Callable<FramedTransport> connect;
    private final String domain;
    private final Duration acceptTimeout;
    private final TrafficListener notes;
    private volatile FramedTransport transport;
    private volatile Socket client;
    private volatile boolean closed;

    private LoopbackBridge(ServerSocket listening, Callable<FramedTransport> connect, String domain,
            Duration acceptTimeout, TrafficListener notes) {
        this.listening = listening;
        this.connect = connect;
        this.domain = domain;
        this.acceptTimeout = acceptTimeout;
        this.notes = notes;
    }

    /**
     * Listens on a free loopback port for one connection; the transport is opened with {@code connect} once the
     * client is there. {@code notes} hears the bridge's events (the transport reports its own traffic).
     */
    public static LoopbackBridge start(Callable<FramedTransport> connect, String domain, Duration acceptTimeout,
            TrafficListener notes) throws IOException {
        ServerSocket listening = new ServerSocket();
        listening.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1);
        LoopbackBridge bridge = new LoopbackBridge(listening, connect, domain, acceptTimeout, notes);
        Thread acceptor = new Thread(bridge::run, "bridge-" + listening.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
        return bridge;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress(listening.getInetAddress(), listening.getLocalPort());
    }

    private void run() {
        try (ServerSocket server = listening) {
            server.setSoTimeout((int) acceptTimeout.toMillis());
            client = server.accept();
        } catch (SocketTimeoutException e) {
            notes.note("bridge: no client connected within " + acceptTimeout);
            return;
        } catch (IOException e) {
            return;
        }
        try {
            transport = connect.call();
        } catch (Exception e) {
            notes.note("bridge: the transport could not be opened: " + e.getMessage());
            closeQuietly(client);
            return;
        }
        Thread down = new Thread(this::serverToClient, "bridge-down-" + client.getLocalPort());
        down.setDaemon(true);
        down.start();
        clientToServer();
    }

    /** Reads the client's stream; a new splitter begins after each SASL element, since a restart may follow it. */
    private void clientToServer() {
        byte[] buffer = new byte[16384];
        try (InputStream in = client.getInputStream()) {
            byte[] pending = new byte[0];
            boolean expectHeader = true;
            while (!closed) {
                StreamSplitter splitter = new StreamSplitter(new Upstream(), "client sent");
                if (!expectHeader) {
                    // The stream goes on without a restart: the splitter needs a header to stand in for the real one.
                    byte[] stand = ("<stream:stream xmlns='" + XmppNamespaces.CLIENT + "' xmlns:stream='"
                            + XmppNamespaces.STREAMS + "' bridge-stand-in='1'>").getBytes(StandardCharsets.UTF_8);
                    splitter.feed(stand, stand.length);
                }
                if (pending.length > 0) {
                    splitter.feed(pending, pending.length);
                }
                while (!splitter.stopped()) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    splitter.feed(buffer, n);
                }
                pending = splitter.unconsumed();
                // After a SASL element the client either restarts the stream (a new header) or goes on in this one.
                while (startOf(pending).length() < 8) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    pending = concat(pending, buffer, n);
                }
                String next = startOf(pending);
                expectHeader = next.startsWith("<?xml") || next.startsWith("<stream:") || next.startsWith("<stream ");
            }
        } catch (IOException e) {
            if (!closed) {
                notes.note("bridge: the client's stream ended: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private static String startOf(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8).stripLeading();
    }

    private static byte[] concat(byte[] head, byte[] tail, int n) {
        byte[] all = Arrays.copyOf(head, head.length + n);
        System.arraycopy(tail, 0, all, head.length, n);
        return all;
    }

    /** The client's stream parts, passed on to the transport. */
    private final class Upstream implements StreamSplitter.Listener {
        @Override
        public void header(StreamHeader header) {
            if (header.attributes().containsKey("bridge-stand-in")) {
                return;
            }
            try {
                transport.open(header.to() == null || header.to().isEmpty() ? domain : header.to());
            } catch (WireException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public boolean element(XmlElement element, String raw) {
            try {
                // Over a framed transport each element declares its own namespaces (RFC 7395 §3.3.3): the parsed
                // element written standalone carries the jabber:client it inherited from Smack's stream header.
                transport.send(element.toXml());
            } catch (WireException e) {
                throw new IllegalStateException(e);
            }
            return !XmppNamespaces.SASL.equals(element.namespace());
        }

        @Override
        public void closingTag(String raw) {
            try {
                transport.closeStream();
            } catch (WireException e) {
                notes.note("bridge: could not close the stream: " + e.getMessage());
            }
        }
    }

    /** Writes what the server sends as a TCP stream. */
    private void serverToClient() {
        try (OutputStream out = client.getOutputStream()) {
            while (!closed) {
                FramedTransport.Incoming incoming;
                try {
                    incoming = transport.next(POLL);
                } catch (WireTimeoutException e) {
                    continue;
                }
                if (incoming instanceof FramedTransport.Header header) {
                    write(out, streamHeader(header.attributes()));
                } else if (incoming instanceof FramedTransport.Element element) {
                    write(out, element.xml());
                } else if (incoming instanceof FramedTransport.End end) {
                    notes.note("bridge: the server ended the stream (" + end.how() + ")");
                    write(out, "</stream:stream>");
                    break;
                }
            }
        } catch (IOException e) {
            if (!closed) {
                notes.note("bridge: " + e.getMessage());
            }
        } finally {
            close();
        }
    }

    private static String streamHeader(Map<String, String> attributes) {
        StringBuilder header = new StringBuilder("<stream:stream xmlns='" + XmppNamespaces.CLIENT + "' xmlns:stream='"
                + XmppNamespaces.STREAMS + "'");
        attributes.forEach((name, value) -> {
            if (!name.startsWith("{") && !name.equals("xmlns")) {
                header.append(' ').append(name).append("='").append(XmlEscape.attribute(value)).append('\'');
            }
        });
        return header.append('>').toString();
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeQuietly(listening);
        FramedTransport t = transport;
        if (t != null) {
            t.close();
        }
        Socket c = client;
        if (c != null) {
            closeQuietly(c);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // already gone
        }
    }
}
