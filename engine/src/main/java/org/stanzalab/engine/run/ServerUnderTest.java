package org.stanzalab.engine.run;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.IQTypeFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.accounts.ExplicitAccounts;
import org.stanzalab.engine.accounts.Leftovers;
import org.stanzalab.engine.accounts.LoginRefused;
import org.stanzalab.engine.accounts.ProvisioningException;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;

/**
 * One server while a run is on: its connector, its account source, the watch on it, its discovery answers and the
 * accounts whose removal has to be retried. Tests reach it through their {@code Lab}.
 */
public final class ServerUnderTest {
    private final String name;
    private final Target target;
    private final SmackConnector connector;
    private final AccountProvisioner accounts;
    private final ServerWatch watch;
    private final Map<Jid, DiscoverInfo> discoInfo = new ConcurrentHashMap<>();
    private final Map<Jid, DiscoverItems> discoItems = new ConcurrentHashMap<>();
    private final Leftovers leftovers = new Leftovers();
    private final Remnants remnants = new Remnants();
    private final Map<String, java.util.concurrent.locks.ReentrantLock> oneAtATime = new ConcurrentHashMap<>();
    /** Configured accounts that could not be reset, by username, with why: never lent again in this run. */
    private final Map<String, String> retired = new LinkedHashMap<>();
    /** Retirements named one by one on the console; beyond them only the count is said, at the end. */
    private static final int RETIREMENTS_SHOWN = 3;
    private final Consumer<String> announcer;
    private final java.util.concurrent.atomic.AtomicBoolean limitationSaid = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile String synchronisationBroken;
    private final org.stanzalab.engine.tls.PortScans tlsScans;

    ServerUnderTest(Server server, Consumer<String> announcer) {
        this.announcer = announcer;
        this.name = server.name();
        this.target = server.target();
        this.connector = new SmackConnector(target);
        this.accounts = server.provisioning().apply(connector);
        this.watch = new ServerWatch(target, announcer);
        this.tlsScans = new org.stanzalab.engine.tls.PortScans(target);
    }

    /** The TLS scans of this server's ports, each made once per run by the first test that asks. */
    public org.stanzalab.engine.tls.PortScans tlsScans() {
        return tlsScans;
    }

    public String name() {
        return name;
    }

    public String domain() {
        return target.domain();
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

    /**
     * The server accepts connections, and the configured way of getting accounts works.
     * Throws {@link TargetUnreachable}, {@link LoginRefused} or a provisioning error, each with one line.
     */
    void preflight() {
        try {
            ServerWatch.probe(target, target.timeouts().connect());
        } catch (IOException e) {
            throw new TargetUnreachable(e.getMessage());
        }
        if (accounts instanceof ExplicitAccounts explicit) {
            // Every account is lent to some test: a wrong password must stop the run here, not fail its tests.
            explicit.accounts().forEach(this::logInOnce);
        } else {
            accounts.preflight();
            accounts.leftByPreflight().forEach(this::leftover);
            sayLimitation();
        }
    }

    /**
     * Takes a configured account out of the run: it could not be brought back to a clean state, so every test it
     * was lent to would inherit what it holds. Said once on the console and in the run's notices.
     */
    public void retire(Object test, Credentials account, String reason) {
        int count;
        synchronized (retired) {
            if (retired.putIfAbsent(account.username(), reason) != null) {
                return;
            }
            count = retired.size();
        }
        accounts.retire(test, account);
        if (count <= RETIREMENTS_SHOWN) {
            announcer.accept("account " + account.username() + "@" + domain() + " could not be reset: " + reason + "; not used again");
        } else if (count == RETIREMENTS_SHOWN + 1) {
            announcer.accept("more accounts on " + domain() + " could not be reset; they are counted at the end of the run");
        }
    }

    /** At the end of a run with many retirements: how many, since the console named only the first few. */
    public Optional<String> retirementsNotShown() {
        synchronized (retired) {
            return retired.size() <= RETIREMENTS_SHOWN ? Optional.empty()
                    : Optional.of(retired.size() + " accounts on " + domain() + " could not be reset and were retired (the first "
                            + RETIREMENTS_SHOWN + " are named above)");
        }
    }

    /** The retired accounts and why, for messages: "alice (roster item ... could not be removed ...)"; empty if none. */
    public String retiredAccounts() {
        synchronized (retired) {
            return retired.entrySet().stream().map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining("; "));
        }
    }

    /** Why no configured account is left to lend, once every one has been retired. */
    public Optional<String> noUsableAccount() {
        if (!(accounts instanceof ExplicitAccounts explicit)) {
            return Optional.empty();
        }
        synchronized (retired) {
            return retired.size() < explicit.accounts().size() ? Optional.empty()
                    : Optional.of("every configured account was retired: " + retiredAccounts());
        }
    }

    /** When accounts were retired: why a test that found none free could not get one ("it needs more than ..."). */
    public Optional<String> accountShortage() {
        if (!(accounts instanceof ExplicitAccounts explicit)) {
            return Optional.empty();
        }
        synchronized (retired) {
            if (retired.isEmpty()) {
                return Optional.empty();
            }
            int usable = explicit.accounts().size() - retired.size();
            return Optional.of("this test needs more than the " + usable + " configured account" + (usable == 1 ? "" : "s")
                    + " not retired (retired: " + retiredAccounts() + ")");
        }
    }

    /**
     * Records that the synchronisation the tests rely on (pings answered in order, markers delivered) failed its
     * check before the run; tests that rely on it then end as errors naming this.
     */
    public void synchronisationBroken(String reason) {
        synchronisationBroken = reason;
    }

    /** Why the synchronisation check failed on this server, if it did. */
    public Optional<String> synchronisationBroken() {
        return Optional.ofNullable(synchronisationBroken);
    }

    private void logInOnce(Credentials account) {
        XMPPTCPConnection conn = connector.newConnection(account.username(), account.password(), "preflight", null, "preflight");
        String jid = account.username() + "@" + target.domain();
        try {
            conn.connect();
        } catch (Exception e) {
            interruptIf(e);
            throw new TargetUnreachable("configured accounts: connect (with TLS) to " + target.address() + " failed: " + SmackErrors.describe(e));
        }
        try {
            conn.login();
        } catch (Exception e) {
            interruptIf(e);
            if (SmackErrors.isLoginRefusal(e)) {
                throw new LoginRefused("configured accounts: login as " + jid + " refused: " + SmackErrors.describe(e));
            }
            throw new TargetUnreachable("configured accounts: login as " + jid + " failed: " + SmackErrors.describe(e));
        } finally {
            SmackConnector.disconnect(conn);
        }
    }

    private static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    /** Says once what the account source cannot do (found at preflight, or by the first test that met it). */
    private void sayLimitation() {
        accounts.limitation().ifPresent(line -> {
            if (limitationSaid.compareAndSet(false, true)) {
                announcer.accept(target.domain() + ": " + line);
            }
        });
    }

    /** The lock behind {@code Lab.oneAtATime(name, ...)} on this server. */
    public java.util.concurrent.locks.ReentrantLock oneAtATime(String name) {
        return oneAtATime.computeIfAbsent(name, n -> new java.util.concurrent.locks.ReentrantLock());
    }

    /** What tests made here and cannot remove; settled at the end of the run (see {@link Remnants}). */
    public Remnants remnants() {
        return remnants;
    }

    /**
     * A failure of the account source that may have left an account on the server: removal is tried once more at
     * the end of the run, and what stays is listed.
     */
    public void leftover(ProvisioningException failure) {
        failure.account().ifPresent(account -> leftovers.add(account, failure.certainlyThere(), failure.getMessage()));
        sayLimitation();
    }

    /**
     * Service discovery results of this server's entities, fetched once per run through the given connection. They
     * decide preconditions, not verdicts: the reply is matched by id alone, so a server that answers from another
     * address than the one asked (a fault the discovery tests report) still has its features seen.
     */
    public DiscoverInfo discoInfo(Jid entity, XMPPTCPConnection via) {
        return discoInfo.computeIfAbsent(entity, jid -> {
            DiscoverInfo request = new DiscoverInfo();
            request.setTo(jid);
            return query(via, request, DiscoverInfo.class);
        });
    }

    public DiscoverItems discoItems(Jid entity, XMPPTCPConnection via) {
        return discoItems.computeIfAbsent(entity, jid -> {
            DiscoverItems request = new DiscoverItems();
            request.setTo(jid);
            return query(via, request, DiscoverItems.class);
        });
    }

    private static <T extends IQ> T query(XMPPTCPConnection via, IQ request, Class<T> answer) {
        try {
            IQ reply = via.createStanzaCollectorAndSend(new AndFilter(new StanzaIdFilter(request.getStanzaId()),
                    new OrFilter(IQTypeFilter.RESULT, IQTypeFilter.ERROR)), request).nextResultOrThrow();
            if (!answer.isInstance(reply)) {
                throw new TestError("service discovery: the reply to " + request.getTo() + " is no " + answer.getSimpleName() + ": " + reply.toXML());
            }
            return answer.cast(reply);
        } catch (org.jivesoftware.smack.XMPPException.XMPPErrorException e) {
            throw new DiscoveryRefused(e.getStanzaError().getCondition().toString());
        } catch (TestError e) {
            throw e;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new TestError("service discovery failed: " + SmackErrors.describe(e), e);
        }
    }

    /**
     * Settles the leftovers (removal tried once more where the account source can remove; an account whose fate is
     * unknown looked for by logging in as it), closes the account source, and returns what is, or may be, still there.
     */
    List<Leftovers.Entry> close() {
        List<Leftovers.Entry> remaining = leftovers.settle(accounts.removesAccounts() ? accounts::release : null, this::exists);
        accounts.close();
        return remaining;
    }

    /** A login with the account's own password: accepted, it exists; refused, it does not; otherwise unknown. */
    private Optional<Boolean> exists(Credentials account) {
        XMPPTCPConnection conn = connector.newConnection(account.username(), account.password(), "leftover-check", null, "leftover-check");
        try {
            conn.connect().login();
            return Optional.of(true);
        } catch (Exception e) {
            interruptIf(e);
            return SmackErrors.isLoginRefusal(e) ? Optional.of(false) : Optional.empty();
        } finally {
            conn.instantShutdown();
        }
    }
}
