package org.stanzalab.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.sasl.SASLErrorException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.run.ServerDistress;
import org.stanzalab.engine.run.DiscoveryRefused;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.run.ServerUnderTest;
import org.stanzalab.engine.smack.Incoming;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;
import org.stanzalab.engine.target.Services;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.transcript.Transcript;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;

/**
 * What a test works with: fresh users, their sessions, raw wire streams, and the server's advertised features.
 * Everything a Lab opens or creates is closed and removed when the test ends, whatever its verdict.
 */
public final class Lab implements AutoCloseable {
    /** Threads that close connections; daemons, so a connection that never finishes closing cannot hold the JVM. */
    private static final ExecutorService CLOSERS = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "stanzalab-close");
        thread.setDaemon(true);
        return thread;
    });
    private static final String[] ROLES = {"alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi"};

    private final Run run;
    private final ServerUnderTest server;
    private final Lab root;
    private final Map<ServerUnderTest, Lab> otherDomains = new ConcurrentHashMap<>();
    private final Transcript transcript;
    private final List<User> users = new CopyOnWriteArrayList<>();
    private final List<AutoCloseable> open = new CopyOnWriteArrayList<>();
    private final Deque<Cleanup> cleanups = new ArrayDeque<>();
    private boolean closed;
    /**
     * Shared by the mailboxes of all sessions of this test, on every domain, so one wait can watch several (see
     * {@link Barrier}).
     */
    private final Object mailboxLock;
    private final DomainBareJid domainJid;
    private int roles;
    /** Why this test needs accounts with no history (see {@link FreshAccounts}); null when any will do. Kept on the root lab. */
    private volatile String freshAccountsNeeded;
    /** Numbers the test's raw streams on every domain, so each has its own label in the one transcript. */
    private final java.util.concurrent.atomic.AtomicInteger wireStreams;
    private Session discovery;
    /** The service administrator of the run (see {@link #admin()}); never enrolled, so never released or deleted. */
    private User admin;

    /** For the JUnit extension; tests receive their Lab as a parameter. */
    public static Lab open(Run run) {
        return new Lab(run);
    }

    private Lab(Run run, ServerUnderTest server, Lab root) {
        this.run = run;
        this.server = server;
        this.root = root == null ? this : root;
        this.transcript = root == null ? new Transcript() : root.transcript;
        this.mailboxLock = root == null ? new Object() : root.mailboxLock;
        this.wireStreams = root == null ? new java.util.concurrent.atomic.AtomicInteger() : root.wireStreams;
        try {
            this.domainJid = JidCreate.domainBareFrom(server.target().domain());
        } catch (XmppStringprepException e) {
            throw new TestError("target domain is not a valid XMPP domain: " + server.target().domain(), e);
        }
    }

    private Lab(Run run) {
        this(run, run.primary(), null);
    }

    /**
     * The same test on another server of the run, by domain ("ejabberd.test") or run name ("ejabberd"): its users,
     * sessions and raw streams are on that server, its transcript is this test's, and it closes with this Lab.
     * A test that asks for a domain the run does not have is not run (an error, nobody's verdict).
     */
    public Lab domain(String domainOrName) {
        ServerUnderTest other = run.server(domainOrName).orElseThrow(() -> new TestError("not run: the run has no server "
                + domainOrName + " (it has " + String.join(", ", domains()) + "); add one with --target a,b or server.NAME.* keys"));
        if (other == root.server) {
            return root;
        }
        return root.otherDomains.computeIfAbsent(other, s -> new Lab(run, s, root));
    }

    /** The domains of the run's servers, the primary first. */
    public List<String> domains() {
        return run.servers().stream().map(ServerUnderTest::domain).toList();
    }

    public String domain() {
        return server.target().domain();
    }

    ServerUnderTest server() {
        return server;
    }

    public DomainBareJid domainJid() {
        return domainJid;
    }

    public Target target() {
        return server.target();
    }

    public Timeouts timeouts() {
        return server.target().timeouts();
    }

    /** The server's HTTPS origin, external component and the run's transport, as far as the run knows them. */
    public Services services() {
        return server.target().services();
    }

    public Transcript transcript() {
        return transcript;
    }

    /**
     * The quiet period for an absence that no ordered route can prove (see {@link #recordFixedWait}). Prefer a
     * marker sent after the stanza on the same route: it ends the watch as soon as it arrives.
     */
    public java.time.Duration quietPeriod() {
        return timeouts().quiet();
    }

    /** Every fixed quiet wait reports what it actually waited here, so the benchmark can show its share. */
    public void recordFixedWait(java.time.Duration waited) {
        run.fixedWaits().record(waited);
    }

    // ---- accounts and sessions ----

    /** A new account that only this test uses; removed when the test ends. */
    public User newUser() {
        int n = root.nextRole();
        return enroll(n < ROLES.length ? ROLES[n] : "user" + (n + 1));
    }

    private synchronized int nextRole() {
        return roles++;
    }

    /**
     * An account for this role. A configured account is reset first; one that cannot be cleaned is retired (named
     * once, never lent again) and another is taken, so its leftovers never reach a test.
     */
    private User enroll(String role) {
        while (true) {
            User user = new User(this, role, acquireAccount());
            users.add(user);
            if (server.accounts().needsReset(user.credentials())) {
                try {
                    reset(user);
                } catch (AccountReset.Unclean e) {
                    users.remove(user);
                    server.retire(this, user.credentials(), e.getMessage());
                    transcript.note(role, "account " + user.jid() + " could not be reset (" + e.getMessage() + "); retired, taking another");
                    continue;
                }
            }
            transcript.note(role, "account " + user.jid() + " ready");
            return user;
        }
    }

    /**
     * From now on this test's accounts must have no history (see {@link FreshAccounts}): newly created ones, and
     * where the accounts are configured ones, the test's first {@link #newUser()} ends it as impossible.
     */
    public void needFreshAccounts(String why) {
        root.freshAccountsNeeded = why;
    }

    private Credentials acquireAccount() {
        server.noUsableAccount().ifPresent(why -> {
            throw new TestError("set-up: no usable configured account: " + why);
        });
        String fresh = root.freshAccountsNeeded;
        if (fresh != null) {
            server.accounts().noFreshAccounts().ifPresent(why -> {
                throw new Impossible("this test " + org.stanzalab.model.TestResult.NEEDS_FRESH_ACCOUNTS + " (" + fresh
                        + "), and " + why);
            });
        }
        try {
            // Account creation is set-up: tried again while the server is in distress. A failed attempt may still
            // have made the account, so each is recorded for the end of the run.
            return run.distress().retrySetUp("account creation", () -> {
                try {
                    return fresh == null ? server.accounts().acquire(this) : server.accounts().acquireFresh(this);
                } catch (ProvisioningException e) {
                    server.leftover(e);
                    throw e;
                }
            });
        } catch (Impossible e) {
            throw server.accountShortage().<RuntimeException>map(why -> new TestError("set-up: no usable configured account left: " + why, e))
                    .orElse(e);
        }
    }

    /**
     * Cleans a reused account over the wire driver, which reads the roster as the server wrote it (Smack gives up
     * on an item whose address it cannot parse), and closes that stream before the test goes on: a session left
     * open would be one more resource of the account.
     */
    private void reset(User user) {
        transcript.note(user.role(), "resetting the configured account " + user.jid() + " before the test");
        RawSession cleaner = raw();
        try {
            cleaner.authenticate(user).bind("stanzalab-reset");
            AccountReset.clean(new RawResetStream(cleaner, domain()));
            awaitEarlierSessionsGone(cleaner, user);
            cleaner.send("<presence type='unavailable'/>");
            cleaner.answerClosingTag();
            // Tidying up, not under test: a server that never answers the close costs a short wait, not the reply timeout.
            cleaner.awaitServerClosingTag(SmackConnector.CLOSE_WAIT);
        } catch (ServerFailure | Impossible e) {
            throw new TestError("set-up: the reset of account " + user.jid() + " did not finish: " + e.getMessage(), e);
        } finally {
            cleaner.wire().close();
        }
    }

    /**
     * A session an earlier test had open on this account may still be closing when the account is lent again (closing
     * is left to finish alone after a bound, see {@link #closeAll}); while it is online, it would take the messages
     * the next test sends to the account. Its presence reached the reset's available presence: wait, bounded by the
     * reply timeout for each, until each such resource has gone offline.
     */
    private void awaitEarlierSessionsGone(RawSession cleaner, User user) {
        String own = user.jid().asBareJid().toString() + "/";
        java.util.Map<String, Boolean> online = new java.util.LinkedHashMap<>();
        for (var element : cleaner.received()) {
            String from = element.attribute("from").orElse("");
            if ("presence".equals(element.name()) && from.startsWith(own) && !from.equals(cleaner.jid())) {
                online.put(from, !"unavailable".equals(element.attribute("type").orElse("")));
            }
        }
        online.entrySet().removeIf(e -> !e.getValue());
        for (String resource : online.keySet()) {
            cleaner.note(user.role(), "an earlier session of the account, " + resource + ", is still online; waiting for it to close");
            // its last presence so far was available, so the unavailable one is still to come
            if (cleaner.await("the earlier session " + resource + " going offline", e -> isUnavailableFrom(e, resource)).isEmpty()) {
                throw new TestError("set-up: the configured account " + user.jid() + " still has the session " + resource
                        + " of an earlier test online after " + Session.seconds(timeouts().reply()));
            }
        }
    }

    private static boolean isUnavailableFrom(org.stanzalab.wire.XmlElement element, String resource) {
        return "presence".equals(element.name()) && resource.equals(element.attribute("from").orElse(""))
                && "unavailable".equals(element.attribute("type").orElse(""));
    }

    /** A set-up step the wire driver tries again on a new connection: the server is in distress (see {@link ServerDistress}). */
    public void setUpRetried(String step, Exception cause) {
        run.distress().retried(step, cause);
    }

    /** A set-up step of the wire driver that went through, for the share of distress. */
    public void setUpSucceeded() {
        run.distress().succeeded();
    }

    Session connect(User user, String resource) {
        String label = user.nextConnectionLabel();
        return run.distress().retrySetUp(label + " login", () -> login(user, resource, label));
    }

    private Session login(User user, String resource, String label) {
        Inbox inbox = new Inbox(mailboxLock);
        IqAnswers answers = new IqAnswers();
        XMPPTCPConnection connection = server.connector().newConnection(user.username(), user.password(), resource,
                transcript, label, new Incoming() {
                    @Override
                    public void stanza(Stanza stanza) {
                        inbox.add(stanza);
                        answers.refuseUnknown(stanza);
                    }

                    @Override
                    public void unparsable(String recentRaw, Exception problem) {
                        // Smack drops it, but a wait for its id finds it here, and the transcript has it.
                        inbox.addUnparsed(recentRaw, problem);
                    }
                });
        answers.serve(connection);
        open.add(() -> SmackConnector.disconnect(connection));
        try {
            connection.connect().login();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new TestError(label + " could not log in: " + SmackErrors.describe(e), e);
        }
        return new Session(connection, label, this, inbox, answers);
    }

    /**
     * A new session of the server's administrator, for tests of the administration commands (XEP-0133): logged in
     * with a resource the server generates, so it never replaces the run's own admin connection, and closed when the
     * test ends. The account is the run's, never created or deleted by the test. The test ends as impossible when the
     * run has no admin credentials (configured accounts, in-band registration). The password goes to no transcript.
     */
    public Session admin() {
        User user;
        synchronized (this) {
            if (admin == null) {
                admin = new User(this, "admin", adminCredentials());
            }
            user = admin;
        }
        return connect(user, null);
    }

    /**
     * Like {@link #admin()}, over the wire driver (logged in and bound): for requests whose replies Smack cannot
     * parse, such as an error that echoes an attribute value outside the protocol.
     */
    public RawSession rawAdmin() {
        Credentials credentials = adminCredentials();
        return raw().authenticate(credentials.username(), credentials.password()).bind();
    }

    /** The run's admin; without one the test is left out as impossible (not a verdict on the server, see TestResult). */
    private Credentials adminCredentials() {
        return server.accounts().adminCredentials().orElseThrow(() -> new Impossible("this test "
                + org.stanzalab.model.TestResult.NEEDS_ADMIN + ", and the run has none: accounts come from "
                + server.accounts().describe() + ", not from admin commands (--admin USER:PASSWORD)"));
    }

    /**
     * Tries to log in with the given credentials and returns the SASL failure condition the server gave.
     * A successful login is a {@link SecurityBreach}: the caller offers credentials that must not let anyone in.
     */
    public String loginFailure(String username, String password) {
        XMPPTCPConnection connection = server.connector().newConnection(username, password, null, transcript, "intruder");
        open.add(() -> SmackConnector.disconnect(connection));
        try {
            connection.connect().login();
        } catch (SASLErrorException e) {
            return e.getSASLFailure().getSASLErrorString();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new TestError("login attempt did not reach SASL: " + SmackErrors.describe(e), e);
        } finally {
            SmackConnector.disconnect(connection);
        }
        throw new SecurityBreach("the server accepted a login that must be refused");
    }

    Object mailboxLock() {
        return mailboxLock;
    }

    /** A wait over these sessions together: until each has seen something, or the server has processed their stanzas. */
    public Barrier barrier(Session... parties) {
        return new Barrier(this, List.of(parties));
    }

    /** Like {@link #barrier(Session...)}, for a list of sessions. */
    public Barrier barrier(List<Session> parties) {
        return new Barrier(this, parties);
    }

    // ---- raw XML streams ----

    /** A TCP (or direct-TLS) connection to the target, no stream opened yet. Its traffic goes to the transcript. */
    public WireStream wire() {
        Target t = server.target();
        WireEndpoint endpoint = new WireEndpoint(t.host(), t.port(), t.domain(), t.trust().sslContext(),
                t.trust().verifyHostname(), t.timeouts().reply());
        return connectWire(endpoint, "wire#" + wireStreams.incrementAndGet());
    }

    /** Connects to the target as its TLS mode says, with the traffic in the transcript under {@code label}. */
    private WireStream connectWire(WireEndpoint endpoint, String label) {
        try {
            WireStream stream = server.target().tls() == TlsMode.DIRECT ? WireStream.connectDirectTls(endpoint)
                    : WireStream.connect(endpoint);
            open.add(stream);
            stream.onTraffic(new WireTranscript(transcript, label));
            return stream;
        } catch (java.io.IOException e) {
            throw new TestError(label + ": " + e.getMessage(), e);
        }
    }

    /**
     * A connection to another port of the target's host (an external component port, a direct-TLS port), no stream
     * opened yet: {@code streamTo} is the domain the stream and TLS (SNI, certificate) are for. Its traffic goes to the
     * transcript; it is closed when the test ends. A connection or TLS handshake that fails is thrown as it is, for
     * tests where that is the server's answer.
     */
    public WireStream wire(int port, String streamTo, boolean directTls, TlsOptions tls) throws WireException {
        Target t = server.target();
        WireEndpoint endpoint = new WireEndpoint(t.host(), port, streamTo, t.trust().sslContext(),
                t.trust().verifyHostname(), t.timeouts().reply(), tls);
        String label = "wire#" + wireStreams.incrementAndGet() + " (port " + port + ")";
        transcript.note(label, (directTls ? "direct TLS to " : "connecting to ") + endpoint.address() + " for " + streamTo);
        WireStream stream = directTls ? WireStream.connectDirectTls(endpoint) : WireStream.connect(endpoint);
        open.add(stream);
        stream.onTraffic(new WireTranscript(transcript, label));
        return stream;
    }

    /**
     * The TLS scan of one of the server's ports (versions, suites, order, certificate, grade), made once per run by the
     * first test that asks and shared with every other; the reports show each port scanned. The transcript gets a
     * summary. Whether nothing listens or TLS could not start is in the scan; the caller decides what that means.
     */
    public org.stanzalab.engine.tls.PortScan tlsScan(org.stanzalab.engine.tls.Port port) {
        org.stanzalab.engine.tls.PortScan scan = server.tlsScans().scan(port);
        org.stanzalab.wire.tls.TlsScan found = scan.scan();
        StringBuilder summary = new StringBuilder("port " + port + " (" + scan.address() + ", " + port.start().describe() + "): ");
        if (!found.scanned()) {
            summary.append(found.problem().orElse(""));
        } else {
            for (org.stanzalab.wire.tls.TlsScan.VersionSupport v : new java.util.TreeMap<>(found.versions()).values()) {
                summary.append(v.version()).append(v.accepted() ? " accepted " + v.suites().size() + " suites" : " refused")
                        .append(v.serverOrder().map(o -> o ? " (server order)" : " (client order)").orElse("")).append("; ");
            }
            found.certificate().ifPresent(c -> summary.append("certificate ").append(c.subject()).append(c.trusted() ? ", trusted" : ", not trusted"));
        }
        if (scan.grade() != null) {
            summary.append("; grade ").append(scan.grade().letter());
        }
        transcript.note("tls-scan", summary.toString());
        return scan;
    }

    /**
     * A raw client-to-server session over the wire driver, connected but with no stream opened yet: negotiate it
     * step by step ({@code lab.raw().authenticate(alice).bind()}) and read the features offered at each step.
     */
    public RawSession raw() {
        return RawSession.connect(this);
    }

    /**
     * Like {@link #raw()}, but TLS goes through Bouncy Castle's JSSE so that the stream can export its channel bindings
     * ({@link WireStream#channelBinding}), with these TLS options (e.g. only TLS 1.2, where tls-unique is defined).
     */
    public RawSession rawWithChannelBinding(TlsOptions tls) {
        return RawSession.connect(this, () -> {
            Target t = server.target();
            WireEndpoint endpoint = new WireEndpoint(t.host(), t.port(), t.domain(), t.trust().channelBindingContext(),
                    t.trust().verifyHostname(), t.timeouts().reply(), tls);
            return connectWire(endpoint, "wire#" + wireStreams.incrementAndGet() + " (Bouncy Castle TLS"
                    + (tls.protocols().isEmpty() ? "" : ", " + String.join(", ", tls.protocols())) + ")");
        });
    }

    // ---- the tool as a remote server ----

    /** Peer CAs read so far, by certificate and key path: one load per run, not per test. */
    private static final Map<String, org.stanzalab.wire.certs.CertKit> PEER_CAS = new ConcurrentHashMap<>();

    /**
     * The CA whose certificates the server trusts for peer servers, with its key, to issue good and known-bad
     * certificates from ({@code peer-ca}); the test is impossible without it, since no certificate the tool could
     * make would be trusted.
     */
    public org.stanzalab.wire.certs.CertKit peerCa() {
        org.stanzalab.engine.target.Federation federation = services().federation();
        if (federation.peerCaCertificate().isEmpty()) {
            throw new Impossible("no peer CA is configured (peer-ca=CERT.pem:KEY.pem, --peer-ca): the tool cannot present"
                    + " a certificate " + domain() + " trusts for a peer server");
        }
        java.nio.file.Path certificate = federation.peerCaCertificate().get();
        java.nio.file.Path key = federation.peerCaKey().orElseThrow();
        return PEER_CAS.computeIfAbsent(certificate + "\0" + key, k -> {
            try {
                return org.stanzalab.wire.certs.CertKit.loadCa(certificate, key);
            } catch (java.io.IOException e) {
                throw new TestError("cannot read the peer CA " + certificate + ": " + e.getMessage(), e);
            }
        });
    }

    /**
     * The tool as {@code LABEL.tool.test} (one host name per known-bad certificate, so servers' connection caches
     * cannot mix them), presenting that certificate issued from the {@link #peerCa()}.
     */
    public org.stanzalab.engine.federation.RemoteServer remoteServer(org.stanzalab.wire.certs.BadCertificate bad) {
        String domain = bad.label() + ".tool.test";
        return remoteServer(domain, bad.make(peerCa(), domain));
    }

    /** The tool as {@code domain}, presenting a good certificate from the {@link #peerCa()}. */
    public org.stanzalab.engine.federation.RemoteServer trustedRemoteServer(String domain) {
        return remoteServer(domain, peerCa().issue(domain));
    }

    /**
     * The tool as the remote server {@code domain}, presenting {@code identity} (made with {@link #peerCa()}, good
     * or deliberately bad): listening at once on the run's tool address (shared with other domains, one socket per
     * run), able to connect out to this server as that domain; closed when the test ends. The server under test
     * must resolve {@code domain} to the tool address (servers/up's /etc/hosts lines do for *.tool.test).
     */
    public org.stanzalab.engine.federation.RemoteServer remoteServer(String domain,
                                                                     org.stanzalab.wire.server.ServerIdentity identity) {
        org.stanzalab.engine.federation.RemoteServer remote = new org.stanzalab.engine.federation.RemoteServer(domain,
                identity, peerCa(), target(), transcript, wireStreams);
        open.add(remote);
        return remote;
    }

    // ---- preconditions ----

    /**
     * The server's own disco#info (XEP-0030), fetched once per run. A server that refuses disco#info advertises
     * nothing, so tests that need a feature end as impossible.
     */
    public DiscoverInfo serverInfo() {
        return discoInfo(domainJid);
    }

    private DiscoverInfo discoInfo(Jid entity) {
        try {
            return server.discoInfo(entity, discoveryConnection());
        } catch (DiscoveryRefused e) {
            throw new Impossible("disco#info of " + entity + " was answered with <" + e.condition() + "/>, so it advertises no feature");
        }
    }

    /**
     * Runs steps that only bring about the situation the test examines. When the server lets one of them down, the
     * requirement under test was never reached: the test ends as an error naming the step, not as a failure of that
     * requirement (the step's own requirement has its own test).
     */
    public void setUp(String situation, Runnable steps) {
        setUp(situation, () -> {
            steps.run();
            return null;
        });
    }

    /** Like {@link #setUp(String, Runnable)}, for steps that yield what the test goes on with (a session, say). */
    public <T> T setUp(String situation, java.util.function.Supplier<T> steps) {
        try {
            return steps.get();
        } catch (AssertionError e) {
            throw new TestError("not run: the set-up (" + situation + ") did not work out: " + e.getMessage(), e);
        }
    }

    /** Ends the test as impossible, with the reason, unless the condition holds. */
    public void requireThat(boolean condition, String reasonIfNot) {
        if (!condition) {
            throw new Impossible(reasonIfNot);
        }
    }

    /** Ends the test as impossible unless the server advertises this feature in disco#info. */
    public void requireFeature(String namespace) {
        if (!serverInfo().containsFeature(namespace)) {
            throw new Impossible("feature " + namespace + " is not in disco#info of " + domain());
        }
    }

    /**
     * The first service in the server's disco#items with this identity (say conference/text for MUC);
     * the test ends as impossible when there is none.
     */
    public DomainBareJid requireService(String category, String type, String what) {
        DiscoverItems items;
        try {
            items = server.discoItems(domainJid, discoveryConnection());
        } catch (DiscoveryRefused e) {
            throw new Impossible("disco#items of " + domain() + " was answered with <" + e.condition() + "/>, so no " + what + " service can be found");
        }
        for (DiscoverItems.Item item : items.getItems()) {
            Jid jid = item.getEntityID();
            if (item.getNode() == null && jid.isDomainBareJid() && hasIdentity(jid, category, type)) {
                return jid.asDomainBareJid();
            }
        }
        throw new Impossible("no " + what + " service (" + category + "/" + type + ") in disco#items of " + domain());
    }

    /** An item that refuses disco#info is simply not the service we look for. */
    private boolean hasIdentity(Jid entity, String category, String type) {
        try {
            return server.discoInfo(entity, discoveryConnection()).hasIdentity(category, type);
        } catch (DiscoveryRefused e) {
            return false;
        }
    }

    /**
     * Discovery runs on a connection of its own, so its IQs never show up in the inbox of a session under test.
     * Results are cached per run, so this costs an account only the first time.
     */
    private synchronized XMPPTCPConnection discoveryConnection() {
        if (discovery == null) {
            discovery = enroll("discovery").connect();
        }
        return discovery.smack();
    }

    // ---- cleanup ----

    /**
     * Registers how to undo something the test created on the server (a room, a node, an upload, an archive entry,
     * a block). Register it as soon as the thing exists: when the test ends, passed, failed or cut off by its time
     * ceiling, the undos run in reverse order, before the test's connections close (an undo may need them). An undo
     * that fails is noted in the transcript, never thrown. Registered after the test has ended (a test thread that
     * outlived its ceiling), it runs at once.
     *
     * @param what  what is undone, in words, for the transcript ("room lobby@conference.example.org")
     * @param undo  the undo; like every wait of a test, it must be bounded
     */
    public void cleanup(String what, AutoCloseable undo) {
        synchronized (cleanups) {
            if (!closed) {
                cleanups.push(new Cleanup(what, undo));
                return;
            }
        }
        new Cleanup(what, undo).run(transcript);
    }

    /**
     * Runs {@code step} while no other test on this server runs a step under the same name: for a server that fails
     * requests of one kind made at the same moment (ejabberd 23.01 aborts concurrent pubsub changes with "Database
     * failure" or item-not-found), when that failure is not what the tests examine. The wait for the turn is bounded by
     * four reply timeouts; after that the step runs anyway, and the transcript says so.
     */
    public <T> T oneAtATime(String name, java.util.function.Supplier<T> step) {
        java.util.concurrent.locks.ReentrantLock lock = server.oneAtATime(name);
        boolean held = false;
        try {
            held = lock.tryLock(timeouts().reply().toMillis() * 4, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (!held) {
            transcript.note("lab", "no turn for '" + name + "' within " + Session.seconds(timeouts().reply().multipliedBy(4)) + "; going ahead");
        }
        try {
            return step.get();
        } finally {
            if (held) {
                lock.unlock();
            }
        }
    }

    /**
     * Something this test made that no protocol lets it remove (an uploaded file). It is looked for with
     * {@code stillThere} at the end of the run, after the accounts are removed, and named in a notice if it stays.
     *
     * @param kind       "uploaded file"
     * @param item       how the operator finds it, e.g. its URL
     * @param why        why the run cannot remove it, citing the specification
     * @param stillThere a bounded look whether it is still there
     */
    public void cannotRemove(String kind, String item, String why, java.util.concurrent.Callable<Boolean> stillThere) {
        transcript.note("lab", "the " + kind + " " + item + " cannot be removed by the test (" + why + "); looked for at the end of the run");
        server.remnants().add(kind, item, why, stillThere);
    }

    /**
     * Closes the connections side by side: each waits for the server's closing stream tag (bounded by the reply
     * timeout), and one after the other those round trips would hold the test's slot for no reason.
     */
    private void closeAll(List<AutoCloseable> connections) {
        List<CompletableFuture<Void>> closing = new ArrayList<>();
        for (AutoCloseable c : connections) {
            closing.add(CompletableFuture.runAsync(() -> {
                try {
                    c.close();
                } catch (Exception e) {
                    transcript.note("lab", "closing a connection failed: " + e.getMessage());
                }
            }, CLOSERS));
        }
        try {
            CompletableFuture.allOf(closing.toArray(CompletableFuture[]::new))
                    .get(timeouts().reply().toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            transcript.note("lab", "connections still closing after " + Session.seconds(timeouts().reply()) + "; left to finish alone");
        }
    }

    private record Cleanup(String what, AutoCloseable undo) {
        void run(Transcript transcript) {
            try {
                undo.close();
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                transcript.note("cleanup", "could not undo " + what + ": " + SmackErrors.describe(e));
            } catch (AssertionError e) {
                transcript.note("cleanup", "could not undo " + what + ": " + e.getMessage());
            }
        }
    }

    /**
     * Undoes what the test registered with {@link #cleanup}, closes every connection and removes every account the
     * test created; problems are noted, never thrown.
     */
    @Override
    public void close() {
        List<Cleanup> undos;
        synchronized (cleanups) {
            closed = true;
            undos = new ArrayList<>(cleanups);
            cleanups.clear();
        }
        undos.forEach(undo -> undo.run(transcript));
        otherDomains.values().forEach(Lab::close);
        otherDomains.clear();
        closeAll(open);
        open.clear();
        List<User> toRelease = new ArrayList<>(users);
        users.clear();
        for (User user : toRelease) {
            try {
                server.accounts().release(this, user.credentials());
            } catch (ProvisioningException e) {
                // Never the test's fault: the account is listed at the end of the run if it stays.
                transcript.note("lab", "account of " + user.role() + " not removed: " + e.getMessage());
                server.leftover(e);
            } catch (RuntimeException e) {
                transcript.note("lab", "account of " + user.role() + " not given back: " + e.getMessage());
            }
        }
    }
}
