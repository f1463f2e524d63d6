package org.stanzalab.wire.tls;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

import org.stanzalab.wire.XmlEscape;

/**
 * One port to scan: where it is, the XMPP domain (stream 'to' and SNI), and how TLS starts there.
 *
 * @param timeout bounds the connection and every read on it
 */
public record ProbeEndpoint(String host, int port, String domain, Start start, Duration timeout) {

    /** How TLS begins on the port: after STARTTLS in a client or server stream, or from the first byte. */
    public enum Start {
        STARTTLS_CLIENT("jabber:client"), STARTTLS_SERVER("jabber:server"), DIRECT(null);

        private final String namespace;

        Start(String namespace) {
            this.namespace = namespace;
        }

        public String describe() {
            return namespace == null ? "direct TLS" : "STARTTLS (" + namespace + ")";
        }
    }

    private static final Pattern FEATURES_END = Pattern.compile("</([\\w.-]+:)?features\\s*>|<([\\w.-]+:)?features\\s*/>");
    private static final Pattern PROCEED = Pattern.compile("<proceed\\b");
    private static final Pattern REFUSED = Pattern.compile("<failure\\b|</([\\w.-]+:)?stream\\s*>|<([\\w.-]+:)?error\\b");
    private static final int LIMIT = 64 * 1024;

    public ProbeEndpoint {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(domain, "domain");
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(timeout, "timeout");
    }

    public String address() {
        return host + ":" + port;
    }

    /** Nothing accepts connections on the port. */
    public static final class Unreachable extends IOException {
        Unreachable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The port accepted the connection but the XMPP prelude did not lead to TLS. */
    public static final class NoTls extends IOException {
        NoTls(String message) {
            super(message);
        }
    }

    /** A socket where the next bytes from us are the TLS ClientHello: connected and, for STARTTLS, past proceed. */
    Socket readyForTls() throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
        } catch (IOException e) {
            socket.close();
            throw new Unreachable("nothing accepts connections on " + address() + ": " + e.getMessage(), e);
        }
        try {
            socket.setSoTimeout((int) timeout.toMillis());
            socket.setTcpNoDelay(true);
            if (start != Start.DIRECT) {
                startTls(socket);
            }
            return socket;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    private void startTls(Socket socket) throws IOException {
        String header = "<?xml version='1.0'?><stream:stream xmlns='" + start.namespace + "'"
                + " xmlns:stream='http://etherx.jabber.org/streams'"
                + (start == Start.STARTTLS_SERVER ? " xmlns:db='jabber:server:dialback'" : "")
                + " to='" + XmlEscape.attribute(domain) + "' version='1.0'>";
        socket.getOutputStream().write(header.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        String features = readUntil(socket.getInputStream(), FEATURES_END, "stream features");
        if (!features.contains("urn:ietf:params:xml:ns:xmpp-tls")) {
            throw new NoTls("the stream features on " + address() + " offer no STARTTLS: " + tail(features));
        }
        socket.getOutputStream().write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>".getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
        readUntil(socket.getInputStream(), PROCEED, "<proceed/>");
    }

    /** Reads byte by byte (nothing past the match may be consumed: TLS follows) until the pattern is found. */
    private String readUntil(InputStream in, Pattern wanted, String what) throws IOException {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (seen.size() < LIMIT) {
            if (System.nanoTime() > deadline) {
                throw new NoTls("no " + what + " from " + address() + " within " + timeout.toMillis() + " ms: " + tail(seen.toString(StandardCharsets.UTF_8)));
            }
            int b;
            try {
                b = in.read();
            } catch (SocketTimeoutException e) {
                throw new NoTls("no " + what + " from " + address() + " within " + timeout.toMillis() + " ms: " + tail(seen.toString(StandardCharsets.UTF_8)));
            }
            if (b < 0) {
                throw new NoTls("the connection to " + address() + " closed before " + what + ": " + tail(seen.toString(StandardCharsets.UTF_8)));
            }
            seen.write(b);
            if (b == '>') {
                String text = seen.toString(StandardCharsets.UTF_8);
                if (wanted.matcher(text).find()) {
                    return text;
                }
                if (REFUSED.matcher(text).find()) {
                    throw new NoTls("expected " + what + " from " + address() + ", got: " + tail(text));
                }
            }
        }
        throw new NoTls("no " + what + " in the first " + LIMIT + " bytes from " + address());
    }

    private static String tail(String text) {
        return text.length() <= 300 ? text : "..." + text.substring(text.length() - 300);
    }
}
