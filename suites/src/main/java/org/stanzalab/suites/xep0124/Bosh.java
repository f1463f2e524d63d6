package org.stanzalab.suites.xep0124;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.transport.Transports;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.transport.BoshHttp;

/**
 * One BOSH session spoken request by request, for the XEP-0124 and XEP-0206 tests: the test picks every rid, sid
 * and attribute, so it can also send what a client must not. Each request and response body is in the transcript
 * under {@code bosh#N}. The endpoint comes from the server's XEP-0156 host-meta at the run's HTTPS origin, else from
 * the two usual paths; a server with neither makes the test impossible.
 */
public final class Bosh {
    public static final String NS = BoshHttp.NS;
    public static final String XBOSH = BoshHttp.XBOSH;
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    /** Short, so a request the connection manager holds comes back soon; long enough to tell held from answered. */
    public static final int WAIT = 4;

    private static final Map<String, Optional<URI>> ENDPOINTS = new ConcurrentHashMap<>();
    private static final AtomicInteger SESSIONS = new AtomicInteger();

    private final Lab lab;
    private final BoshHttp http;
    private final String label;
    private final List<XmlElement> unread = new ArrayList<>();
    private long rid = 1_000_000L + (long) (Math.random() * 1_000_000_000L);
    private String sid;
    private boolean terminated;

    private Bosh(Lab lab, URI endpoint) {
        this.lab = lab;
        this.label = "bosh#" + SESSIONS.incrementAndGet();
        this.http = new BoshHttp(endpoint, lab.target().trust().sslContext(), lab.timeouts().connect())
                .onTraffic(new TrafficListener() {
                    @Override
                    public void sent(String data) {
                        lab.transcript().sent(label, data);
                    }

                    @Override
                    public void received(String data) {
                        lab.transcript().received(label, data);
                    }

                    @Override
                    public void note(String event) {
                        lab.transcript().note(label, event);
                    }
                });
        lab.cleanup("the BOSH session " + label, this::terminateQuietly);
    }

    /** A new client of the server's BOSH endpoint, no session yet. */
    public static Bosh connect(Lab lab) {
        return new Bosh(lab, endpoint(lab));
    }

    /** The BOSH endpoint the server offers, or the test ends impossible. */
    public static URI endpoint(Lab lab) {
        URI base = lab.services().httpsBase().orElseThrow(() -> new Impossible(
                "the run knows no HTTPS origin of the server (https-base), so no BOSH endpoint (XEP-0206) can be found"));
        return ENDPOINTS.computeIfAbsent(lab.domain(), d -> find(lab, base)).orElseThrow(() -> new Impossible(
                "the server offers no BOSH endpoint (XEP-0206): none in its XEP-0156 host-meta at " + base
                        + ", and neither /http-bind nor /bosh answers a session creation request"));
    }

    private static Optional<URI> find(Lab lab, URI base) {
        try {
            Optional<URI> discovered = Transports.endpoint(lab.target(), Transport.BOSH);
            if (discovered.isPresent()) {
                return discovered;
            }
        } catch (WireException e) {
            // no host-meta: try the usual paths
        }
        for (String path : List.of("/http-bind", "/bosh")) {
            URI candidate = base.resolve(path);
            try {
                BoshHttp.Response answer = new BoshHttp(candidate, lab.target().trust().sslContext(), lab.timeouts().connect())
                        .post("<body xmlns='" + NS + "' rid='1234567' to='" + lab.domain() + "' wait='1' hold='1' ver='1.11'/>",
                                lab.timeouts().reply());
                if (answer.isBody()) {
                    return Optional.of(candidate);
                }
            } catch (WireException e) {
                // not here
            }
        }
        return Optional.empty();
    }

    // ---- requests ----

    /** The session creation request of XEP-0124 §7.1 with XEP-0206's xmpp:version, plus any extra attributes. */
    public BoshHttp.Response create(int wait, int hold, String extraAttributes) {
        BoshHttp.Response response = post("<body xmlns='" + NS + "' xmlns:xmpp='" + XBOSH + "' rid='" + rid + "' to='"
                + lab.domain() + "' xml:lang='en' wait='" + wait + "' hold='" + hold + "' ver='1.11' xmpp:version='1.0'"
                + extraAttributes + "/>", Duration.ofSeconds(wait));
        sid = response.attribute("sid").orElseThrow(() -> new ServerFailure(
                "the session creation response has no sid (XEP-0124 §7.2): HTTP " + response.status() + " " + response.text()));
        keep(response);
        return response;
    }

    public BoshHttp.Response create() {
        return create(WAIT, 1, "");
    }

    public String sid() {
        return sid;
    }

    /** The rid the next request will carry (the last one sent plus one). */
    public long nextRid() {
        return rid + 1;
    }

    /** A request with the next rid, the session's sid and these payloads; waits for its answer. */
    public BoshHttp.Response request(String payloads) {
        BoshHttp.Response response = post(body(++rid, "", payloads), Duration.ofSeconds(WAIT));
        keep(response);
        return response;
    }

    /** The text of a request body with this rid and extra attributes, in this session. */
    public String body(long withRid, String extraAttributes, String payloads) {
        return "<body xmlns='" + NS + "' rid='" + withRid + "' sid='" + sid + "'" + extraAttributes
                + (payloads.isEmpty() ? "/>" : ">" + payloads + "</body>");
    }

    /** Takes the next rid for a request the test sends itself (with {@link #post} or {@link #postAsync}). */
    public long takeRid() {
        return ++rid;
    }

    /** Posts a body exactly as given; the answer may take the session's wait plus the reply timeout. */
    public BoshHttp.Response post(String body, Duration wait) {
        try {
            return http.post(body, wait.plus(lab.timeouts().reply()));
        } catch (WireException e) {
            throw new ServerFailure("the BOSH endpoint " + http.endpoint() + " gave no answer: " + e.getMessage());
        }
    }

    public CompletableFuture<BoshHttp.Response> postAsync(String body) {
        return postAsync(body, Duration.ofSeconds(WAIT));
    }

    /** Without waiting; the answer may take {@code wait} (the session's) plus the reply timeout. */
    public CompletableFuture<BoshHttp.Response> postAsync(String body, Duration wait) {
        return http.postAsync(body, wait.plus(lab.timeouts().reply()));
    }

    /** Keeps the payloads of an answer for {@link #await}. */
    public void keep(BoshHttp.Response response) {
        synchronized (unread) {
            unread.addAll(response.payloads());
        }
        if (response.isTerminate()) {
            terminated = true;
        }
    }

    /**
     * The first payload that matches, from answers so far or from empty requests (long polls) sent until it comes
     * or the reply timeout passes.
     */
    public XmlElement await(String what, Predicate<XmlElement> matcher) {
        long deadline = System.nanoTime() + lab.timeouts().reply().toNanos();
        while (true) {
            synchronized (unread) {
                for (XmlElement payload : unread) {
                    if (matcher.test(payload)) {
                        unread.remove(payload);
                        return payload;
                    }
                }
            }
            if (terminated) {
                throw new ServerFailure("the BOSH session ended before " + what + " arrived");
            }
            if (System.nanoTime() > deadline) {
                throw new ServerFailure(what + " did not arrive over BOSH within " + lab.timeouts().reply().toSeconds() + " s");
            }
            BoshHttp.Response response = request("");
            if (response.status() != 200 || !response.isBody()) {
                throw new ServerFailure("an empty request got HTTP " + response.status() + " " + response.text() + " while waiting for " + what);
            }
        }
    }

    public XmlElement awaitFeatures() {
        return await("the stream features", p -> p.is("features", STREAMS));
    }

    // ---- XMPP over the session ----

    /**
     * Creates a session, authenticates with SASL PLAIN, restarts the stream (XEP-0206 §5) and binds a resource; a
     * set-up step, so a failure here is not a verdict. Returns the full JID the server bound.
     */
    public String login(User user, String resource) {
        return lab.setUp("a BOSH session of " + user.jid(), () -> {
            create();
            authenticateAndRestart(user);
            return bind(resource);
        });
    }

    /** SASL PLAIN, then the restart request; returns the answer to the restart request. */
    public BoshHttp.Response authenticateAndRestart(User user) {
        awaitFeatures();
        String plain = Base64.getEncoder().encodeToString(("\0" + user.username() + "\0" + user.password()).getBytes(StandardCharsets.UTF_8));
        request("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + plain + "</auth>");
        XmlElement outcome = await("the SASL outcome", p -> SASL.equals(p.namespace()));
        if (!outcome.name().equals("success")) {
            throw new TestError("SASL PLAIN over BOSH failed: " + outcome.toXml());
        }
        return restart();
    }

    public BoshHttp.Response restart() {
        BoshHttp.Response response = post(body(++rid, " xmlns:xmpp='" + XBOSH + "' xmpp:restart='true' to='" + lab.domain()
                + "' xml:lang='en'", ""), Duration.ofSeconds(WAIT));
        keep(response);
        return response;
    }

    public String bind(String resource) {
        awaitFeatures();
        request("<iq xmlns='jabber:client' type='set' id='bind1'><bind xmlns='" + BIND + "'><resource>" + resource
                + "</resource></bind></iq>");
        XmlElement result = await("the bind result", p -> p.name().equals("iq") && "bind1".equals(p.attribute("id").orElse("")));
        return result.child("bind", BIND).flatMap(b -> b.childText("jid", BIND)).orElseThrow(() -> new ServerFailure(
                "binding over BOSH gave no JID: " + result.toXml()));
    }

    /** A terminate request (XEP-0124 §13) with these payloads. */
    public BoshHttp.Response terminate(String payloads) {
        BoshHttp.Response response = post(body(++rid, " type='terminate'", payloads), Duration.ofSeconds(WAIT));
        terminated = true;
        return response;
    }

    private void terminateQuietly() {
        if (sid != null && !terminated) {
            terminated = true;
            try {
                http.post(body(++rid, " type='terminate'", ""),
                        Duration.ofSeconds(WAIT).plus(lab.timeouts().reply()));
            } catch (WireException e) {
                // tidying up: the server's inactivity limit ends it anyway
            }
        }
    }

    /** Whether a response says the session no longer exists: a terminate body, or a legacy HTTP 404 (§17.1). */
    public static boolean sessionIsGone(BoshHttp.Response response) {
        return response.isTerminate() || response.status() == 404;
    }
}
