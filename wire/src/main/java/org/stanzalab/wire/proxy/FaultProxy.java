package org.stanzalab.wire.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import org.stanzalab.wire.StreamHeader;
import org.stanzalab.wire.StreamSplitter;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.server.ServerIdentity;

/**
 * A client-to-server relay that injects faults into what the server sends, to prove that tests can fail.
 *
 * <p>Listens on a loopback port; each client connection gets its own connection to the real server. What the
 * client sends passes on byte for byte, unless a {@link ClientRewrite} changes a text in it. What the server sends is cut into top-level elements, and each element
 * that a {@link FaultRule} matches is changed or dropped (recorded in {@link #fired()}); the rest passes on as
 * received, or is held back until the next element has passed ({@link FaultRule#reorder}). STARTTLS is done on both legs, so the proxy sees the plain XML: towards the server as a client that
 * trusts {@code serverTrust}, towards the client with {@code identity} (a certificate for the server's domain
 * that the client trusts, e.g. issued by the reference servers' test CA). SASL and stream restarts pass through.
 *
 * <p>Rules can be swapped between runs ({@link #rules(List)}); a connection uses the rules in force when each
 * element arrives. Every read is bounded by {@code idleLimit}; either side closing closes both.
 */
public final class FaultProxy implements AutoCloseable {
    private static final Duration CONNECT_LIMIT = Duration.ofSeconds(5);

    private final ServerSocket listener;
    private final InetSocketAddress server;
    private final String domain;
    private final SSLContext serverTrust;
    private final SSLContext clientFacing;
    private final Duration idleLimit;
    private final Consumer<String> log;
    private final Set<Relay> relays = ConcurrentHashMap.newKeySet();
    private final List<FiredRule> fired = new CopyOnWriteArrayList<>();
    private volatile List<FaultRule> rules = List.of();
    private volatile List<ClientRewrite> clientRewrites = List.of();
    private volatile boolean closed;
    /** Lets held-back elements go when nothing follows them in time. */
    private final ScheduledExecutorService holdLimits = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "fault-proxy-hold-limit");
        thread.setDaemon(true);
        return thread;
    });

    private FaultProxy(InetSocketAddress server, String domain, SSLContext serverTrust, ServerIdentity identity,
                       Duration idleLimit, Consumer<String> log) throws IOException {
        this.server = server;
        this.domain = domain;
        this.serverTrust = serverTrust;
        this.clientFacing = identity.serverContext();
        this.idleLimit = idleLimit;
        this.log = log;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::acceptLoop, "fault-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy on a free loopback port in front of the server at {@code host:port} for XMPP domain
     * {@code domain}.
     *
     * @param serverTrust a client TLS context that trusts the server's certificate
     * @param identity    what the proxy presents to its clients in the server's place
     * @param idleLimit   how long either leg may stay silent before the proxy closes the connection
     * @param log         one line per connection problem (no stanza content)
     */
    public static FaultProxy start(String host, int port, String domain, SSLContext serverTrust,
                                   ServerIdentity identity, Duration idleLimit, Consumer<String> log)
            throws IOException {
        return new FaultProxy(new InetSocketAddress(host, port), Objects.requireNonNull(domain, "domain"),
                serverTrust, identity, idleLimit, log);
    }

    /** The loopback port clients connect to. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Replaces the rules for elements that arrive from now on; an empty list relays faithfully. */
    public void rules(List<FaultRule> newRules) {
        rules = List.copyOf(newRules);
    }

    /**
     * Replaces the rewrites of what clients send, for connections opened from now on; an empty list (the default)
     * passes the client's bytes on unchanged.
     */
    public void clientRewrites(List<ClientRewrite> newRewrites) {
        clientRewrites = List.copyOf(newRewrites);
    }

    /** Every change made so far, in order. */
    public List<FiredRule> fired() {
        return List.copyOf(fired);
    }

    public void clearFired() {
        fired.clear();
    }

    @Override
    public void close() {
        closed = true;
        holdLimits.shutdownNow();
        closeQuietly(listener);
        for (Relay relay : relays) {
            relay.close();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                Relay relay = new Relay(client);
                relays.add(relay);
                relay.start();
            } catch (IOException e) {
                if (!closed) {
                    log.accept("fault proxy: accept failed: " + e.getMessage());
                }
            }
        }
    }

    /**
     * What the client gets for an element the server sent, after the rules.
     *
     * @param xml  the element's own text if no rule changed it; null if a rule dropped it
     * @param hold null, or how long it may be held back for the next element to overtake it
     */
    private record Relayed(String xml, Duration hold) {
    }

    private Relayed applyRules(XmlElement element, String raw, Optional<XmlElement> request) {
        XmlElement current = element;
        boolean changed = false;
        Duration hold = null;
        for (FaultRule rule : rules) {
            if (!rule.when().test(new FromServer(current, request))) {
                continue;
            }
            if (rule.reorders()) {
                hold = hold == null || rule.holdUpTo().compareTo(hold) < 0 ? rule.holdUpTo() : hold;
            }
            XmlElement next = rule.change().apply(current);
            if (next == null) {
                fired.add(new FiredRule(rule.name(), current.toXml(), null));
                return new Relayed(null, null);
            }
            if (!next.equals(current)) {
                fired.add(new FiredRule(rule.name(), current.toXml(), next.toXml()));
                changed = true;
            } else {
                fired.add(new FiredRule(rule.name(), current.toXml(), current.toXml()));
            }
            current = next;
        }
        return new Relayed(changed ? current.toXml() : raw, hold);
    }

    /**
     * One client connection and its server connection. The upstream thread copies client bytes to the server;
     * the downstream thread splits the server's stream, applies the rules and, on {@code <proceed/>}, upgrades
     * both legs to TLS while the upstream thread waits.
     */
    private final class Relay {
        private final Socket clientPlain;
        private volatile Socket client;
        private volatile Socket serverSocket;
        private final CountDownLatch tlsDone = new CountDownLatch(1);
        private volatile boolean tlsFailed;
        private volatile boolean ended;
        /** The client's IQ gets and sets by id, until answered, so rules can pick answers by their request. */
        private final Map<String, XmlElement> openRequests = new ConcurrentHashMap<>();
        /** Set by the downstream side on SASL success: the client's next bytes start a new stream. */
        private volatile boolean clientRestarts;
        /**
         * What a reordering rule holds back until the next element has passed (at most one element). Guarded by
         * this relay's lock, as are the writes to the client (the hold limit's thread writes too).
         */
        private final List<byte[]> held = new ArrayList<>();
        private long holdGeneration;

        Relay(Socket client) {
            this.clientPlain = client;
            this.client = client;
        }

        void start() {
            Thread downstream = new Thread(this::downstream, "fault-proxy-down-" + clientPlain.getPort());
            downstream.setDaemon(true);
            downstream.start();
        }

        /** Connects to the server, then starts the upstream copy and runs the downstream side itself. */
        private void downstream() {
            try {
                Socket s = new Socket();
                s.connect(server, (int) CONNECT_LIMIT.toMillis());
                s.setTcpNoDelay(true);
                s.setSoTimeout((int) idleLimit.toMillis());
                client.setSoTimeout((int) idleLimit.toMillis());
                client.setTcpNoDelay(true);
                serverSocket = s;
                Thread upstream = new Thread(this::upstream, "fault-proxy-up-" + clientPlain.getPort());
                upstream.setDaemon(true);
                upstream.start();
                relayServerStream();
            } catch (IOException e) {
                if (!ended && !closed) {
                    log.accept("fault proxy: connection from port " + clientPlain.getPort() + " ended: " + e.getMessage());
                }
            } finally {
                close();
            }
        }

        private void upstream() {
            byte[] buffer = new byte[16 * 1024];
            ClientObserver observer = new ClientObserver();
            ClientRewrite.Stream rewriting = new ClientRewrite.Stream(clientRewrites, fired::add);
            boolean plain = true;
            try {
                InputStream in = client.getInputStream();
                OutputStream out = serverSocket.getOutputStream();
                while (true) {
                    int n = in.read(buffer);
                    if (n < 0) {
                        return;
                    }
                    if (clientRestarts) {
                        clientRestarts = false;
                        observer = observer.restart();
                    }
                    byte[] passed = rewriting.feed(buffer, n);
                    // Observed before it is passed on: the server's answer may come back before this thread runs on.
                    observer.feed(passed, passed.length);
                    out.write(passed, 0, passed.length);
                    out.flush();
                    // The client sends nothing after <starttls/> until <proceed/>, so stop reading the plain socket
                    // and let the downstream side take it over for the handshake.
                    if (plain && observer.askedForTls) {
                        if (!tlsDone.await(CONNECT_LIMIT.toMillis() * 2, TimeUnit.MILLISECONDS) || tlsFailed) {
                            return;
                        }
                        plain = false;
                        observer = observer.restart();
                        in = client.getInputStream();
                        out = serverSocket.getOutputStream();
                    }
                }
            } catch (IOException e) {
                // closed by the other side or idle: both legs go
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                close();
            }
        }

        private void relayServerStream() throws IOException {
            byte[] buffer = new byte[16 * 1024];
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            Segment segment = new Segment(toClient);
            while (true) {
                int n = serverSocket.getInputStream().read(buffer);
                if (n < 0) {
                    synchronized (this) {
                        releaseHeld(toClient);
                        flush(toClient);
                    }
                    return;
                }
                synchronized (this) {
                    segment.splitter.feed(buffer, n);
                    flush(toClient);
                }
                while (segment.splitter.stopped()) {
                    byte[] rest = segment.splitter.unconsumed();
                    if (segment.proceed) {
                        upgradeBothLegs();
                    }
                    segment = new Segment(toClient);
                    if (rest.length > 0) {
                        synchronized (this) {
                            segment.splitter.feed(rest, rest.length);
                            flush(toClient);
                        }
                    }
                }
            }
        }

        private void flush(ByteArrayOutputStream toClient) throws IOException {
            if (toClient.size() > 0) {
                OutputStream out = client.getOutputStream();
                toClient.writeTo(out);
                out.flush();
                toClient.reset();
            }
        }

        /** Keeps an element back for the next one to overtake; lets it go by itself after {@code limit}. */
        private void holdBack(String xml, Duration limit) {
            held.add(xml.getBytes(StandardCharsets.UTF_8));
            long generation = holdGeneration;
            holdLimits.schedule(() -> releaseAfterLimit(generation), limit.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** Appends what is held back (after what the caller just wrote), in the order it arrived. */
        private void releaseHeld(ByteArrayOutputStream toClient) {
            held.forEach(toClient::writeBytes);
            held.clear();
            holdGeneration++;
        }

        private synchronized void releaseAfterLimit(long generation) {
            if (generation != holdGeneration || held.isEmpty() || ended) {
                return;
            }
            ByteArrayOutputStream toClient = new ByteArrayOutputStream();
            releaseHeld(toClient);
            try {
                flush(toClient);
            } catch (IOException e) {
                close();
            }
        }

        private void upgradeBothLegs() throws IOException {
            try {
                SSLSocket toServer = (SSLSocket) serverTrust.getSocketFactory()
                        .createSocket(serverSocket, domain, server.getPort(), true);
                toServer.setUseClientMode(true);
                SSLParameters parameters = toServer.getSSLParameters();
                parameters.setServerNames(List.of(new SNIHostName(domain)));
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                toServer.setSSLParameters(parameters);
                toServer.setSoTimeout((int) CONNECT_LIMIT.toMillis());
                toServer.startHandshake();
                toServer.setSoTimeout((int) idleLimit.toMillis());
                serverSocket = toServer;

                SSLSocket toClient = (SSLSocket) clientFacing.getSocketFactory()
                        .createSocket(clientPlain, null, clientPlain.getPort(), true);
                toClient.setUseClientMode(false);
                toClient.setSoTimeout((int) CONNECT_LIMIT.toMillis());
                toClient.startHandshake();
                toClient.setSoTimeout((int) idleLimit.toMillis());
                client = toClient;
            } catch (IOException e) {
                tlsFailed = true;
                throw new IOException("TLS with " + (serverSocket instanceof SSLSocket ? "the client" : "the server")
                        + " failed: " + e.getMessage(), e);
            } finally {
                tlsDone.countDown();
            }
        }

        void close() {
            ended = true;
            tlsFailed |= tlsDone.getCount() > 0;
            tlsDone.countDown();
            closeQuietly(client);
            closeQuietly(clientPlain);
            closeQuietly(serverSocket);
            relays.remove(this);
        }

        /**
         * Watches the client's stream for IQ requests and for {@code <starttls/>}. Tests send broken XML on purpose;
         * once the client's stream cannot be parsed the observer stops watching (the bytes still pass on).
         */
        private final class ClientObserver implements StreamSplitter.Listener {
            private static final int MAX_OPEN_REQUESTS = 1000;
            private final StreamSplitter splitter = new StreamSplitter(this, "client sent");
            private boolean broken;
            boolean askedForTls;

            void feed(byte[] bytes, int length) {
                if (broken) {
                    return;
                }
                try {
                    splitter.feed(bytes, length);
                } catch (WireProtocolException e) {
                    broken = true;
                }
            }

            ClientObserver restart() {
                return new ClientObserver();
            }

            @Override
            public void header(StreamHeader header) {
            }

            @Override
            public boolean element(XmlElement element, String raw) {
                if (element.is("starttls", XmppNamespaces.TLS)) {
                    askedForTls = true;
                    return false;
                }
                boolean request = element.is("iq", XmppNamespaces.CLIENT)
                        && element.attribute("type").filter(t -> t.equals("get") || t.equals("set")).isPresent();
                if (request && element.attribute("id").isPresent() && openRequests.size() < MAX_OPEN_REQUESTS) {
                    openRequests.put(element.attribute("id").get(), element);
                }
                return true;
            }

            @Override
            public void closingTag(String raw) {
            }
        }

        /** One stream of the server's, up to a restart ({@code <proceed/>} or SASL {@code <success/>}). */
        private final class Segment implements StreamSplitter.Listener {
            final StreamSplitter splitter = new StreamSplitter(this, "server sent");
            final ByteArrayOutputStream toClient;
            boolean proceed;

            Segment(ByteArrayOutputStream toClient) {
                this.toClient = toClient;
            }

            @Override
            public void header(StreamHeader header) {
                releaseHeld(toClient);
                toClient.writeBytes(header.raw().getBytes(StandardCharsets.UTF_8));
            }

            @Override
            public boolean element(XmlElement element, String raw) {
                Optional<XmlElement> request = Optional.empty();
                if (element.is("iq", XmppNamespaces.CLIENT) && element.attribute("id").isPresent()
                        && element.attribute("type").filter(t -> t.equals("result") || t.equals("error")).isPresent()) {
                    request = Optional.ofNullable(openRequests.remove(element.attribute("id").get()));
                }
                if (element.is("success", XmppNamespaces.SASL)) {
                    clientRestarts = true; // before the client can see the success and send its new header
                }
                Relayed relayed = applyRules(element, raw, request);
                boolean restartsTheStream = element.is("proceed", XmppNamespaces.TLS) || element.is("success", XmppNamespaces.SASL);
                if (restartsTheStream) {
                    releaseHeld(toClient); // nothing held crosses into the next stream
                }
                // One held at a time: a matching element that comes while another is held is the one that overtakes it.
                if (relayed.xml() != null && relayed.hold() != null && held.isEmpty() && !restartsTheStream) {
                    holdBack(relayed.xml(), relayed.hold());
                } else if (relayed.xml() != null) {
                    toClient.writeBytes(relayed.xml().getBytes(StandardCharsets.UTF_8));
                    releaseHeld(toClient);
                }
                proceed = element.is("proceed", XmppNamespaces.TLS);
                return !restartsTheStream;
            }

            @Override
            public void closingTag(String raw) {
                releaseHeld(toClient);
                toClient.writeBytes(raw.getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // already closed or broken: nothing left to release
        }
    }
}
