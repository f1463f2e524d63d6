package org.stanzalab.wire.transport;

import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.SSLContext;

import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * An XMPP session over XEP-0206 BOSH (XEP-0124) on the JDK's HTTP client.
 *
 * <p>{@link #open} makes the session creation request (rid, to, xml:lang, wait, hold, ver and xmpp:version), or a
 * restart request ({@code xmpp:restart='true'}) once the session exists. From then on one request is kept waiting
 * at the connection manager for what the server pushes, never more at once than the session's 'requests' allows;
 * {@link #send} wraps elements in {@code <body rid sid>} (several queued ones in one body) and sends them at once on
 * a second request, which makes the connection manager answer the waiting one. Responses are handled in rid order
 * (XEP-0124 §14.2) whatever order they arrive in. A recoverable binding error makes the request be sent again once
 * with the same rid (§17.3). {@link #closeStream} sends a terminate request. Every wait is bounded by the session's
 * 'wait' plus the reply timeout.
 *
 * <p>The {@link Header} of session creation carries the response {@code <body/>}'s attributes as
 * {@link XmlElement#attributes()} keys them ({@code "sid"}, {@code "{urn:xmpp:xbosh}version"}), plus {@code "id"}
 * (the 'authid', the XMPP stream id) and {@code "version"} (the xmpp:version) for a bridge that writes a stream
 * header; a restart's Header repeats them and is handed out as the restart request leaves, because the new stream's
 * features may come in the answer to the request already waiting. Stanzas a connection manager sends in the BOSH namespace (XEP-0206 §2 allows that shortcut) are handed
 * out in 'jabber:client'.
 */
public final class BoshTransport implements FramedTransport {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** XEP-0124 §14.1: a large random first rid that stays far below 2^53 - 1 however long the session. */
    private static final long RID_RANGE = 1L << 40;

    private final BoshHttp http;
    private final Duration replyTimeout;
    private final int requestedWait;
    private final int requestedHold;
    private final BlockingQueue<Incoming> incoming = new LinkedBlockingQueue<>();

    private final Object lock = new Object();
    private final Deque<String> outgoing = new ArrayDeque<>();
    /** Requests sent and not yet handled, by rid, with their text (to send again after a recoverable error). */
    private final Map<Long, String> inFlight = new LinkedHashMap<>();
    /** Answers that arrived before an earlier rid's answer, kept until their turn. */
    private final TreeMap<Long, BoshHttp.Response> arrived = new TreeMap<>();
    private final Set<Long> resent = new HashSet<>();
    private final Set<Long> headerRids = new HashSet<>();
    /** The session creation response's attributes: the header of every restarted stream too. */
    private Map<String, String> sessionAttributes = Map.of();
    private String domain;
    private String sid;
    private long nextRid = 1 + (RANDOM.nextLong() & Long.MAX_VALUE) % RID_RANGE + RID_RANGE;
    private long nextToHandle;
    private int requests = 2;
    private int hold = 1;
    private int polling;
    private Duration wait;
    private boolean restartWanted;
    private boolean terminateWanted;
    private boolean ended;
    private long lastEmptyRequestNanos;
    private long lastSendNanos;
    private long lastAnswerNanos;
    /**
     * Requests leave at least this far apart, and an empty request at least this long after the last answer, so
     * that what the client sends in reaction to an answer goes in the next request instead of racing an empty one
     * on a second connection (ejabberd 23.01 now and then never answers one of two requests that arrive together).
     */
    private static final long SPACING_NANOS = TimeUnit.MILLISECONDS.toNanos(40);
    private Thread dispatcher;

    /**
     * @param endpoint     the BOSH URL (from XEP-0156 host-meta, say)
     * @param ssl          the run's TLS trust; null for plain http (unit tests)
     * @param replyTimeout how much longer than the session's 'wait' an answer may take
     */
    public BoshTransport(URI endpoint, SSLContext ssl, Duration replyTimeout) {
        this(endpoint, ssl, replyTimeout, 30, 1);
    }

    /** With the 'wait' and 'hold' to ask for at session creation. */
    public BoshTransport(URI endpoint, SSLContext ssl, Duration replyTimeout, int wait, int hold) {
        this.http = new BoshHttp(endpoint, ssl, replyTimeout);
        this.replyTimeout = replyTimeout;
        this.requestedWait = wait;
        this.requestedHold = hold;
        this.wait = Duration.ofSeconds(wait);
    }

    public BoshTransport onTraffic(TrafficListener listener) {
        http.onTraffic(listener);
        return this;
    }

    /** The session id, once the session exists. */
    public Optional<String> sid() {
        synchronized (lock) {
            return Optional.ofNullable(sid);
        }
    }

    @Override
    public void open(String toDomain) throws WireException {
        synchronized (lock) {
            if (ended) {
                throw new WireException("the BOSH session has ended");
            }
            if (sid != null) {
                restartWanted = true;
                lock.notifyAll();
                return;
            }
            this.domain = toDomain;
        }
        long rid = takeRid();
        String creation = "<body xmlns='" + BoshHttp.NS + "' xmlns:xmpp='" + BoshHttp.XBOSH + "' rid='" + rid
                + "' to='" + XmlEscape.attribute(toDomain) + "' xml:lang='en' wait='" + requestedWait + "' hold='"
                + requestedHold + "' ver='1.11' xmpp:version='1.0'/>";
        BoshHttp.Response response = http.post(creation, wait.plus(replyTimeout));
        synchronized (lock) {
            nextToHandle = rid;
            inFlight.put(rid, creation);
            headerRids.add(rid);
            Optional<String> newSid = response.attribute("sid");
            if (response.status() == 200 && newSid.isPresent() && !response.isTerminate()) {
                sid = newSid.get();
                requests = intAttribute(response, "requests", 2);
                hold = intAttribute(response, "hold", requestedHold);
                polling = intAttribute(response, "polling", 0);
                wait = Duration.ofSeconds(intAttribute(response, "wait", requestedWait));
            }
            arrived.put(rid, response);
            handleInOrder();
            if (sid != null && !ended) {
                dispatcher = new Thread(this::dispatch, "bosh-" + sid);
                dispatcher.setDaemon(true);
                dispatcher.start();
            }
        }
    }

    @Override
    public void send(String element) throws WireException {
        synchronized (lock) {
            if (ended || sid == null) {
                throw new WireException(ended ? "the BOSH session has ended" : "no BOSH session yet: open it first");
            }
            outgoing.add(element);
            lock.notifyAll();
        }
    }

    @Override
    public Incoming next(Duration timeout) throws WireException {
        try {
            Incoming next = incoming.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new WireTimeoutException("nothing arrived over BOSH within " + timeout.toMillis() + " ms");
            }
            if (next instanceof End) {
                incoming.add(next); // the end stays the answer to every later call
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WireException("interrupted while waiting for BOSH traffic", e);
        }
    }

    @Override
    public void closeStream() throws WireException {
        synchronized (lock) {
            if (ended || sid == null) {
                return;
            }
            terminateWanted = true;
            lock.notifyAll();
        }
    }

    @Override
    public void abort() {
        end(Optional.empty(), "aborted by the client: no more requests (the connection manager ends the session after its inactivity period)");
    }

    @Override
    public void close() {
        boolean open;
        synchronized (lock) {
            open = !ended && sid != null;
        }
        if (open) {
            try {
                closeStream();
                long deadline = System.nanoTime() + replyTimeout.toNanos();
                synchronized (lock) {
                    while (!ended && System.nanoTime() < deadline) {
                        lock.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                    }
                }
            } catch (WireException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        abort();
    }

    // ---- the request loop ----

    private void dispatch() {
        synchronized (lock) {
            while (!ended) {
                try {
                    String body = nextBody();
                    if (body == null) {
                        long spacing = spacingLeftMillis();
                        lock.wait(spacing > 0 ? spacing : waitBeforeNextPoll());
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** Sends the next request if one is due; returns it, or null when nothing is due yet. Holds the lock. */
    private String nextBody() {
        // XEP-0124 §11: never more at once than 'requests'; a terminate may be one more.
        boolean room = inFlight.size() < Math.max(1, requests);
        if (terminateWanted && inFlight.size() <= Math.max(1, requests)) {
            terminateWanted = false;
            StringBuilder payload = drainOutgoing();
            return post(takeRidLocked(), "<body xmlns='" + BoshHttp.NS + "' rid='%d' sid='" + sid + "' type='terminate'"
                    + (payload.length() == 0 ? "/>" : ">" + payload + "</body>"), false);
        }
        if (!room || spacingLeftMillis() > 0) {
            return null;
        }
        if (restartWanted) {
            restartWanted = false;
            // The new stream's features may come on the request already waiting (Prosody answers it with them and
            // the restart request with an empty body): whatever arrives from now on belongs to the new stream.
            incoming.add(new Header(sessionAttributes));
            return post(takeRidLocked(), "<body xmlns='" + BoshHttp.NS + "' xmlns:xmpp='" + BoshHttp.XBOSH
                    + "' rid='%d' sid='" + sid + "' to='" + XmlEscape.attribute(domain) + "' xml:lang='en' xmpp:restart='true'/>", false);
        }
        if (!outgoing.isEmpty()) {
            return post(takeRidLocked(), "<body xmlns='" + BoshHttp.NS + "' rid='%d' sid='" + sid + "'>" + drainOutgoing() + "</body>", false);
        }
        if (inFlight.isEmpty() && waitBeforeNextPoll() <= 1 && System.nanoTime() - lastAnswerNanos >= SPACING_NANOS) {
            lastEmptyRequestNanos = System.nanoTime();
            return post(takeRidLocked(), "<body xmlns='" + BoshHttp.NS + "' rid='%d' sid='" + sid + "'/>", false);
        }
        return null;
    }

    /** Milliseconds until the next request may leave, as far as {@link #SPACING_NANOS} goes; 0 or less when it may. */
    private long spacingLeftMillis() {
        long now = System.nanoTime();
        long due = Math.max(lastSendNanos, outgoing.isEmpty() && !restartWanted ? lastAnswerNanos : 0) + SPACING_NANOS;
        return due <= now ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - now));
    }

    /** Milliseconds until an empty request may go: at once, except in a polling session (hold 0, §12). */
    private long waitBeforeNextPoll() {
        if (!inFlight.isEmpty()) {
            return wait.plus(replyTimeout).toMillis();
        }
        if (hold > 0 || polling <= 0 || lastEmptyRequestNanos == 0) {
            return 1;
        }
        long due = lastEmptyRequestNanos + TimeUnit.SECONDS.toNanos(polling);
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime()));
    }

    private StringBuilder drainOutgoing() {
        StringBuilder payload = new StringBuilder();
        while (!outgoing.isEmpty()) {
            payload.append(outgoing.poll());
        }
        return payload;
    }

    private String post(long rid, String template, boolean header) {
        String body = template.replace("rid='%d'", "rid='" + rid + "'");
        inFlight.put(rid, body);
        lastSendNanos = System.nanoTime();
        if (header) {
            headerRids.add(rid);
        }
        send(rid, body);
        return body;
    }

    private void send(long rid, String body) {
        http.postAsync(body, wait.plus(replyTimeout)).whenComplete((response, failure) -> {
            synchronized (lock) {
                if (ended) {
                    return;
                }
                if (failure != null) {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    end(Optional.empty(), "the BOSH request with rid " + rid + " failed: " + cause.getMessage());
                    return;
                }
                if (response.isRecoverableError() && resent.add(rid)) {
                    send(rid, inFlight.get(rid)); // §17.3: the same request again, same rid
                    return;
                }
                arrived.put(rid, response);
                lastAnswerNanos = System.nanoTime();
                handleInOrder();
                lock.notifyAll();
            }
        });
    }

    /** Hands out the answers whose turn has come, in rid order. Holds the lock. */
    private void handleInOrder() {
        while (!ended && arrived.containsKey(nextToHandle)) {
            long rid = nextToHandle++;
            BoshHttp.Response response = arrived.remove(rid);
            boolean terminateRequest = inFlight.getOrDefault(rid, "").contains("type='terminate'");
            inFlight.remove(rid);
            handle(response, headerRids.remove(rid), terminateRequest);
        }
    }

    private void handle(BoshHttp.Response response, boolean header, boolean terminateRequest) {
        if (response.status() != 200 || !response.isBody()) {
            end(Optional.empty(), "HTTP " + response.status() + (response.isBody() ? "" : " without a BOSH <body/>"));
            return;
        }
        if (header) {
            Map<String, String> attributes = new LinkedHashMap<>(response.body().orElseThrow().attributes());
            response.attribute("authid").ifPresent(id -> attributes.putIfAbsent("id", id));
            response.attribute("{" + BoshHttp.XBOSH + "}version").ifPresent(v -> attributes.putIfAbsent("version", v));
            sessionAttributes = Map.copyOf(attributes);
            incoming.add(new Header(attributes));
        }
        Optional<String> streamError = Optional.empty();
        for (XmlElement payload : response.payloads()) {
            String xml = inClientNamespace(payload).toXml();
            if (payload.is("error", "http://etherx.jabber.org/streams")) {
                streamError = Optional.of(xml);
            } else {
                incoming.add(new Element(xml));
            }
        }
        if (response.isTerminate()) {
            end(streamError, "terminate" + response.terminateCondition().map(c -> " with condition " + c).orElse(""));
        } else if (terminateRequest) {
            end(Optional.empty(), "terminated by the client");
        }
    }

    /** XEP-0206 §2 note: stanzas in the BOSH namespace are jabber:client stanzas. */
    private static XmlElement inClientNamespace(XmlElement payload) {
        if (!payload.namespace().equals(BoshHttp.NS)) {
            return payload;
        }
        try {
            String xml = payload.toXml().replaceFirst("xmlns='" + java.util.regex.Pattern.quote(BoshHttp.NS) + "'", "xmlns='jabber:client'");
            return XmlElement.parse(xml);
        } catch (Exception e) {
            return payload;
        }
    }

    private void end(Optional<String> streamError, String how) {
        synchronized (lock) {
            if (ended) {
                return;
            }
            ended = true;
            incoming.add(new End(streamError, how));
            lock.notifyAll();
        }
    }

    private long takeRid() {
        synchronized (lock) {
            return takeRidLocked();
        }
    }

    private long takeRidLocked() {
        return nextRid++;
    }

    private static int intAttribute(BoshHttp.Response response, String name, int otherwise) {
        try {
            return response.attribute(name).map(String::trim).map(Integer::parseInt).orElse(otherwise);
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
