package org.stanzalab.wire.transport;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLContext;

import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireConnectException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * RFC 7395 XMPP over WebSocket on the JDK's {@link java.net.http.WebSocket}: the {@code xmpp} subprotocol, TLS with
 * the run's context, one element per text message (§3.3.3), {@code <open/>}/{@code <close/>} in the framing namespace
 * instead of the stream tags (§3.3.2). Every received message is parsed on its own by the wire module's hardened
 * parser ({@link XmlElement#parse}); a message that is not one complete element fails the read. The raw messages stay
 * available ({@link #receivedMessages()}) for tests about the framing itself.
 */
public final class WebSocketTransport implements FramedTransport {
    public static final String SUBPROTOCOL = "xmpp";
    public static final String FRAMING = "urn:ietf:params:xml:ns:xmpp-framing";

    private final WebSocket socket;
    private final TrafficListener listener;
    private final BlockingQueue<Object> inbox;
    private final List<String> received;
    private final Duration timeout;
    private final java.util.concurrent.CountDownLatch closedSeen;
    private Optional<String> pendingStreamError = Optional.empty();
    private volatile boolean ended;

    private WebSocketTransport(WebSocket socket, TrafficListener listener, BlockingQueue<Object> inbox,
            List<String> received, Duration timeout, java.util.concurrent.CountDownLatch closedSeen) {
        this.closedSeen = closedSeen;
        this.socket = socket;
        this.listener = listener;
        this.inbox = inbox;
        this.received = received;
        this.timeout = timeout;
    }

    /** Connects with the {@code xmpp} subprotocol; a server that does not agree to it is a connect failure (§3.1). */
    public static WebSocketTransport connect(URI uri, SSLContext tls, Duration timeout, TrafficListener listener)
            throws WireException {
        WebSocketTransport transport = connect(uri, tls, timeout, listener, List.of(SUBPROTOCOL));
        if (!SUBPROTOCOL.equals(transport.subprotocol())) {
            transport.abort();
            throw new WireConnectException(uri + ": the server did not agree to the 'xmpp' subprotocol (it answered '"
                    + transport.subprotocol() + "')", null);
        }
        return transport;
    }

    /** Connects offering exactly {@code subprotocols} (none: an empty list), whatever the server answers. */
    public static WebSocketTransport connect(URI uri, SSLContext tls, Duration timeout, TrafficListener listener,
            List<String> subprotocols) throws WireException {
        TrafficListener traffic = listener == null ? TrafficListener.NONE : listener;
        HttpClient.Builder http = HttpClient.newBuilder().connectTimeout(timeout);
        if (tls != null) {
            http.sslContext(tls);
        }
        BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();
        List<String> received = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.concurrent.CountDownLatch closedSeen = new java.util.concurrent.CountDownLatch(1);
        WebSocket.Builder builder = http.build().newWebSocketBuilder().connectTimeout(timeout);
        if (!subprotocols.isEmpty()) {
            builder.subprotocols(subprotocols.get(0), subprotocols.subList(1, subprotocols.size()).toArray(String[]::new));
        }
        try {
            WebSocket socket = builder.buildAsync(uri, new Reader(inbox, received, traffic, closedSeen))
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            traffic.note("WebSocket connected to " + uri + (socket.getSubprotocol().isEmpty() ? " without a subprotocol"
                    : " with subprotocol '" + socket.getSubprotocol() + "'"));
            return new WebSocketTransport(socket, traffic, inbox, received, timeout, closedSeen);
        } catch (TimeoutException e) {
            throw new WireTimeoutException("no WebSocket handshake with " + uri + " within " + timeout.multipliedBy(2));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof CompletionException c && c.getCause() != null ? c.getCause() : e.getCause();
            String detail = cause instanceof WebSocketHandshakeException h
                    ? "HTTP " + h.getResponse().statusCode() + " to the WebSocket handshake" : String.valueOf(cause);
            traffic.note("WebSocket handshake with " + uri + " failed: " + detail);
            throw new WireConnectException(uri + ": " + detail, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireConnectException("interrupted while connecting to " + uri, e);
        }
    }

    /** The subprotocol the server agreed to; empty when it named none. */
    public String subprotocol() {
        return socket.getSubprotocol();
    }

    /** Every text message received so far, exactly as it arrived (whitespace-only ones too). */
    public List<String> receivedMessages() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    @Override
    public void open(String domain) throws WireException {
        sendMessage("<open xmlns='" + FRAMING + "' to='" + XmlEscape.attribute(domain) + "' version='1.0'/>");
    }

    @Override
    public void send(String element) throws WireException {
        sendMessage(element);
    }

    /** Sends {@code text} as one WebSocket text message, whatever it holds (tests send broken framing on purpose). */
    public void sendMessage(String text) throws WireException {
        listener.sent(text);
        try {
            socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new WireTimeoutException("a WebSocket message could not be sent within " + timeout);
        } catch (ExecutionException e) {
            throw new WireException("WebSocket send failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted while sending", e);
        }
    }

    @Override
    public Incoming next(Duration wait) throws WireException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            if (ended && inbox.isEmpty()) {
                return new End(pendingStreamError, "the WebSocket was closed before");
            }
            Object item;
            try {
                item = inbox.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new WireException("interrupted while waiting", e);
            }
            if (item == null) {
                throw new WireTimeoutException("nothing arrived over the WebSocket within " + wait);
            }
            if (item instanceof Closed closed) {
                ended = true;
                return new End(pendingStreamError, closed.how());
            }
            String text = (String) item;
            if (text.isBlank()) {
                // RFC 7395 §3.8 forbids whitespace keepalives; the message stays in receivedMessages() for the tests.
                listener.note("whitespace-only WebSocket message (" + text.length() + " characters) skipped");
                continue;
            }
            XmlElement element = XmlElement.parse(text);
            if (element.is("open", FRAMING)) {
                return new Header(Map.copyOf(element.attributes()));
            }
            if (element.is("close", FRAMING)) {
                return new End(pendingStreamError, "<close/>" + element.attribute("see-other-uri").map(u -> " to " + u).orElse(""));
            }
            if (element.is("error", XmppNamespaces.STREAMS)) {
                pendingStreamError = Optional.of(text);
            }
            return new Element(text);
        }
    }

    @Override
    public void closeStream() throws WireException {
        sendMessage("<close xmlns='" + FRAMING + "'/>");
    }

    /** Starts the WebSocket closing handshake (RFC 6455 §7.1.2), as RFC 7395 §3.6 asks once the stream is closed. */
    public void closeWebSocket() {
        if (!socket.isOutputClosed()) {
            listener.note("WebSocket close frame sent");
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "");
        }
    }

    /** True once the server's close frame arrived or the connection broke. */
    public boolean inputClosed() {
        return socket.isInputClosed() || closedSeen.getCount() == 0;
    }

    /** Waits at most {@code wait} for the server's close frame (or the connection's end); true if it came. */
    public boolean awaitInputClosed(Duration wait) {
        try {
            return closedSeen.await(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed() && !socket.isInputClosed()) {
            try {
                socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(1, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the connection is dropped below anyway
            }
        }
        socket.abort();
    }

    private record Closed(String how) {
    }

    /** Collects whole text messages (the JDK may hand one over in parts) and the end of the connection. */
    private static final class Reader implements WebSocket.Listener {
        private final BlockingQueue<Object> inbox;
        private final List<String> received;
        private final TrafficListener traffic;
        private final StringBuilder partial = new StringBuilder();
        private final java.util.concurrent.CountDownLatch closedSeen;

        Reader(BlockingQueue<Object> inbox, List<String> received, TrafficListener traffic,
                java.util.concurrent.CountDownLatch closedSeen) {
            this.closedSeen = closedSeen;
            this.inbox = inbox;
            this.received = received;
            this.traffic = traffic;
        }

        @Override
        public void onOpen(WebSocket webSocket) {
            webSocket.request(1);
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String message = partial.toString();
                partial.setLength(0);
                received.add(message);
                traffic.received(message);
                inbox.add(message);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
            // RFC 7395 §3.2 allows text messages only; a binary one is recorded and reported as the end of the stream.
            traffic.note("binary WebSocket message of " + data.remaining() + " bytes");
            received.add("[binary message]");
            inbox.add(new Closed("a binary WebSocket message, which RFC 7395 §3.2 does not allow"));
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            traffic.note("WebSocket closed by the server: " + statusCode + (reason.isEmpty() ? "" : " " + reason));
            inbox.add(new Closed("WebSocket close frame " + statusCode));
            closedSeen.countDown();
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            traffic.note("WebSocket connection failed: " + error);
            inbox.add(new Closed("connection failed: " + error));
            closedSeen.countDown();
        }
    }
}
