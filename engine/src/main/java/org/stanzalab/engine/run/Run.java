package org.stanzalab.engine.run;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.stanzalab.engine.accounts.Leftovers;
import org.stanzalab.engine.target.Server;

/**
 * Everything the tests of one run share: its servers (the first is the primary), and the tally of fixed waits.
 * Tests never share connections; they share only this.
 *
 * <p>JUnit cannot hand objects to an extension, only configuration strings, so a run is registered under an id
 * that the launch request carries as {@link #ID_PARAMETER}; several runs can be under way in one JVM.
 */
public final class Run implements AutoCloseable {
    /** The configuration parameter naming the run whose servers the tests use. */
    public static final String ID_PARAMETER = "stanzalab.run.id";

    /** How a test the run skipped because it was stopping is told apart from a verdict. */
    public static final String NOT_RUN = "not run: the run was stopped";

    private static final Map<String, Run> ACTIVE = new ConcurrentHashMap<>();

    private final String id;
    private final List<ServerUnderTest> servers;
    private final FixedWaits fixedWaits = new FixedWaits();
    private final ServerDistress distress;
    private volatile String stopReason;

    private Run(String id, List<Server> servers, int parallel, Consumer<String> announcer) {
        this.id = id;
        this.distress = new ServerDistress(new Throttle(parallel), announcer);
        if (servers.isEmpty()) {
            throw new IllegalArgumentException("a run needs at least one server");
        }
        List<ServerUnderTest> list = new ArrayList<>();
        for (Server server : servers) {
            if (list.stream().anyMatch(s -> s.domain().equalsIgnoreCase(server.domain()))) {
                throw new IllegalArgumentException("two servers of the run have the domain " + server.domain());
            }
            list.add(new ServerUnderTest(server, announcer));
        }
        this.servers = List.copyOf(list);
    }

    /** A fresh id for {@link #start}; the launch request carries it before the run starts. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Starts a run over these servers, the primary first, and registers it under the id for the tests to find. */
    public static Run start(String id, List<Server> servers, Consumer<String> announcer) {
        return start(id, servers, 1, announcer);
    }

    /** Like {@link #start(String, List, Consumer)}, for a run of this many tests at once. */
    public static Run start(String id, List<Server> servers, int parallel, Consumer<String> announcer) {
        Run run = new Run(id, servers, parallel, announcer);
        if (ACTIVE.putIfAbsent(id, run) != null) {
            throw new IllegalStateException("a run with id " + id + " is already on");
        }
        return run;
    }

    /** The run a launch request names with {@link #ID_PARAMETER}, while it is on. */
    public static Optional<Run> lookup(String id) {
        return id == null ? Optional.empty() : Optional.ofNullable(ACTIVE.get(id));
    }

    public String id() {
        return id;
    }

    /** The first server: the one tests use unless they ask for a domain. */
    public ServerUnderTest primary() {
        return servers.get(0);
    }

    public List<ServerUnderTest> servers() {
        return servers;
    }

    /** The server with this domain (or run name, e.g. "ejabberd"), if the run has it. */
    public Optional<ServerUnderTest> server(String domainOrName) {
        return servers.stream().filter(s -> s.domain().equalsIgnoreCase(domainOrName)).findFirst()
                .or(() -> servers.stream().filter(s -> s.name().equals(domainOrName)).findFirst());
    }

    /** Time tests spent in fixed quiet periods; see {@link FixedWaits}. */
    public FixedWaits fixedWaits() {
        return fixedWaits;
    }

    /** Set-up retries and the gate that lowers the tests at once while the server is in distress. */
    public ServerDistress distress() {
        return distress;
    }

    /** Stops the run: tests that have not started are not run (see {@link #NOT_RUN}); those under way finish. */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
    }

    public boolean isStopping() {
        return stopReason != null;
    }

    /** The reason the run was stopped, or null while it goes on. */
    public String stopReason() {
        return stopReason;
    }

    /**
     * Before any test: every server accepts connections, and its configured way of getting accounts works.
     * Throws {@link TargetUnreachable}, {@code LoginRefused} or a provisioning error, each with one line.
     */
    public void preflight() {
        servers.forEach(ServerUnderTest::preflight);
    }

    @Override
    public void close() {
        close((server, remaining) -> { });
    }

    /**
     * Ends the run: tries once more to remove accounts whose removal failed during a test, then closes each
     * server's account source. Accounts that are, or may be, still on a server are handed to the caller to report.
     */
    public void close(BiConsumer<ServerUnderTest, List<Leftovers.Entry>> stillThere) {
        ACTIVE.remove(id, this);
        for (ServerUnderTest server : servers) {
            List<Leftovers.Entry> remaining = server.close();
            if (!remaining.isEmpty()) {
                stillThere.accept(server, remaining);
            }
        }
    }
}
