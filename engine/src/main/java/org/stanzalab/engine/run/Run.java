package org.stanzalab.engine.run;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.ServiceDiscoveryManager;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.ExplicitAccounts;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.transcript.Transcript;

/**
 * Everything the tests of one run share: the target, the account provisioner, the watch on the server, and the
 * transcripts handed over to the report listeners. Tests never share connections; they share only this.
 */
public final class Run implements AutoCloseable {
    private static volatile Run current;

    private final Target target;
    private final SmackConnector connector;
    private final AccountProvisioner accounts;
    private final ServerWatch watch;
    private final Map<String, Transcript> transcripts = new ConcurrentHashMap<>();
    private final Map<Jid, DiscoverInfo> discoInfo = new ConcurrentHashMap<>();
    private final Map<Jid, DiscoverItems> discoItems = new ConcurrentHashMap<>();
    private final List<Credentials> leftovers = new ArrayList<>();
    private final FixedWaits fixedWaits = new FixedWaits();

    private Run(Target target, SmackConnector connector, AccountProvisioner accounts, Consumer<String> announcer) {
        this.target = target;
        this.connector = connector;
        this.accounts = accounts;
        this.watch = new ServerWatch(target, announcer);
    }

    /** Starts a run and makes it the one tests see. */
    public static Run start(Target target, AccountProvisioner accounts, SmackConnector connector, Consumer<String> announcer) {
        Run run = new Run(target, connector, accounts, announcer);
        current = run;
        return run;
    }

    public static Run current() {
        Run run = current;
        if (run == null) {
            throw new TestError("no Stanzalab run is active: start the tests with 'stanzalab run', which sets the target");
        }
        return run;
    }

    public static Optional<Run> active() {
        return Optional.ofNullable(current);
    }

    public Target target() {
        return target;
    }

    public SmackConnector connector() {
        return connector;
    }

    public AccountProvisioner accounts() {
        return accounts;
    }

    public ServerWatch watch() {
        return watch;
    }

    /** Time tests spent in fixed quiet periods; see {@link FixedWaits}. */
    public FixedWaits fixedWaits() {
        return fixedWaits;
    }

    /**
     * Before any test: the server accepts connections, and the configured way of getting accounts works.
     * Throws {@link TargetUnreachable}, {@link LoginRefused} or a provisioning error, each with one line.
     */
    public void preflight() {
        try {
            ServerWatch.probe(target, target.timeouts().connect());
        } catch (IOException e) {
            throw new TargetUnreachable(e.getMessage());
        }
        if (accounts instanceof ExplicitAccounts explicit) {
            Credentials first = explicit.accounts().get(0);
            XMPPTCPConnection conn = connector.newConnection(first.username(), first.password(), "preflight", null, "preflight");
            try {
                conn.connect().login();
            } catch (Exception e) {
                if (SmackErrors.isLoginRefusal(e)) {
                    throw new LoginRefused("account " + first.username() + "@" + target.domain() + ": " + SmackErrors.describe(e));
                }
                throw new TargetUnreachable(target.address() + ": " + SmackErrors.describe(e));
            } finally {
                conn.disconnect();
            }
        } else {
            accounts.preflight();
        }
    }

    public void recordTranscript(String testUniqueId, Transcript transcript) {
        transcripts.put(testUniqueId, transcript);
    }

    public Optional<Transcript> transcript(String testUniqueId) {
        return Optional.ofNullable(transcripts.get(testUniqueId));
    }

    public void leftover(Credentials account) {
        synchronized (leftovers) {
            leftovers.add(account);
        }
    }

    /** Service discovery results of server entities, fetched once per run through the given session's connection. */
    public DiscoverInfo discoInfo(Jid entity, XMPPTCPConnection via) {
        return discoInfo.computeIfAbsent(entity, jid -> query(() -> ServiceDiscoveryManager.getInstanceFor(via).discoverInfo(jid)));
    }

    public DiscoverItems discoItems(Jid entity, XMPPTCPConnection via) {
        return discoItems.computeIfAbsent(entity, jid -> query(() -> ServiceDiscoveryManager.getInstanceFor(via).discoverItems(jid)));
    }

    private interface Query<T> {
        T get() throws Exception;
    }

    private static <T> T query(Query<T> query) {
        try {
            return query.get();
        } catch (org.jivesoftware.smack.XMPPException.XMPPErrorException e) {
            throw new DiscoveryRefused(e.getStanzaError().getCondition().toString());
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new TestError("service discovery failed: " + SmackErrors.describe(e), e);
        }
    }

    /**
     * Ends the run: tries once more to remove accounts whose removal failed during a test, then closes the
     * provisioner. Returns the accounts that are still on the server, for the caller to report.
     */
    @Override
    public void close() {
        close(remaining -> { });
    }

    public void close(Consumer<List<Credentials>> stillThere) {
        List<Credentials> remaining = new ArrayList<>();
        synchronized (leftovers) {
            for (Credentials account : leftovers) {
                try {
                    accounts.release(account);
                } catch (RuntimeException e) {
                    remaining.add(account);
                }
            }
            leftovers.clear();
        }
        accounts.close();
        if (current == this) {
            current = null;
        }
        if (!remaining.isEmpty()) {
            stillThere.accept(remaining);
        }
    }
}
