package org.stanzalab.engine.launch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.stanzalab.engine.SynchronisationCheck;
import org.stanzalab.engine.accounts.AccountNames;
import org.stanzalab.engine.accounts.Leftovers;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.run.ServerUnderTest;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Transport;
import org.stanzalab.engine.transcript.Secrets;
import org.stanzalab.model.Distress;
import org.stanzalab.model.Interruption;
import org.stanzalab.model.LeftAccount;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestId;
import org.stanzalab.model.TestResult;

/**
 * Runs compliance tests against one or more servers and returns what they found, for the command line, a build
 * plugin or a plain JUnit test alike:
 *
 * <pre>{@code
 * RunResult result = Runner.create()
 *         .servers(List.of(prosody, ejabberd))      // the first is the primary
 *         .include(List.of("xep0*"))
 *         .run();
 * }</pre>
 *
 * Without {@link #select} it runs the suites (package {@value #SUITES}). Tests find the run's servers through
 * the launch request (see {@link Run#ID_PARAMETER}) and hand their transcripts to the result listener as JUnit
 * report entries.
 */
public final class Runner {
    /** Where the compliance suites live. */
    public static final String SUITES = "org.stanzalab.suites";

    private final String runId = Run.newId();
    private final List<Server> servers = new ArrayList<>();
    private final List<DiscoverySelector> selectors = new ArrayList<>();
    private final List<PostDiscoveryFilter> filters = new ArrayList<>();
    private final List<TestExecutionListener> listeners = new ArrayList<>();
    private List<String> includes = List.of();
    private List<String> excludes = List.of();
    /**
     * Tests at once unless told otherwise. Most of a test's time is round trips to the server, so on two cores 16
     * keep both the tool and the server busy (measured: a full run takes 25-27 s at 16, 34-36 s at 8).
     */
    public static final int DEFAULT_PARALLEL = 16;

    private int parallel = DEFAULT_PARALLEL;
    private boolean failOnImpossible;
    private Consumer<String> notices = line -> { };
    private boolean checkSynchronisation = true;
    private Consumer<TestResult> onResult = result -> { };
    private Duration deadline;
    private Collection<String> plannedIds;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private volatile String stopReason;
    /**
     * How long tests under way may take to finish once the run is stopped; what has not finished by then is
     * listed as not run, so a stop costs a bounded time whatever the tests are waiting for.
     */
    public static final Duration STOP_GRACE = Duration.ofSeconds(5);
    /** How long a stopped run spends removing its accounts before it reports. */
    private static final Duration STOP_CLEANUP = Duration.ofSeconds(5);

    private Runner() {
    }

    public static Runner create() {
        return new Runner();
    }

    /** The servers of the run, the primary first. */
    public Runner servers(List<Server> servers) {
        this.servers.clear();
        this.servers.addAll(servers);
        return this;
    }

    /** What to discover, e.g. {@code DiscoverySelectors.selectClass(MyTest.class)}; default: the suites. */
    public Runner select(DiscoverySelector... selectors) {
        this.selectors.addAll(List.of(selectors));
        return this;
    }

    /** A discovery filter, such as the command line's --spec/--test/--profile selection. */
    public Runner filter(PostDiscoveryFilter filter) {
        filters.add(filter);
        return this;
    }

    /**
     * Test id globs that select the cases of parameterised tests (which JUnit creates only while running); see
     * {@link TestId#glob}. A filter given to {@link #filter} selects the methods.
     */
    public Runner include(List<String> globs) {
        this.includes = List.copyOf(globs);
        return this;
    }

    public Runner exclude(List<String> globs) {
        this.excludes = List.copyOf(globs);
        return this;
    }

    /** Tests run at once (default 8; 1 runs them one by one). */
    public Runner parallel(int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1");
        }
        this.parallel = parallel;
        return this;
    }

    /** Count tests the server cannot support (missing feature) as failures. */
    public Runner failOnImpossible(boolean failOnImpossible) {
        this.failOnImpossible = failOnImpossible;
        return this;
    }

    /** Lines the user must see that are no test's verdict (a server went away, accounts left behind). */
    /**
     * Whether the synchronisation the tests rely on is checked on each server before the tests (default true; see
     * {@code SynchronisationCheck}). Off only where a run breaks the server on purpose, as the fault proxy does.
     */
    public Runner checkSynchronisation(boolean check) {
        this.checkSynchronisation = check;
        return this;
    }

    public Runner notices(Consumer<String> notices) {
        this.notices = Objects.requireNonNull(notices);
        return this;
    }

    /** Called with each verdict as it is reached. */
    public Runner onResult(Consumer<TestResult> onResult) {
        this.onResult = Objects.requireNonNull(onResult);
        return this;
    }

    /** Stops the run after this long: what finished is reported, the rest is listed as not run. */
    public Runner deadline(Duration deadline) {
        this.deadline = deadline;
        return this;
    }

    /**
     * The ids of the tests the run is meant to reach (cases of parameterised tests each on their own), so a stopped
     * run can list those without a verdict; default: the tests of the plan.
     */
    public Runner planned(Collection<String> ids) {
        this.plannedIds = List.copyOf(ids);
        return this;
    }

    /**
     * Stops the run from another thread (a signal handler): tests not yet started are not run, tests under way get
     * {@link #STOP_GRACE} to finish, and {@link #run} returns what finished, marked as interrupted.
     */
    public void stop(String reason) {
        if (stopReason == null) {
            stopReason = reason;
        }
        stopRequested.countDown();
    }

    /** Another JUnit listener of the execution, e.g. for live progress. */
    public Runner listener(TestExecutionListener listener) {
        listeners.add(listener);
        return this;
    }

    /**
     * Whether this run leaves the cross-domain tests (ids {@code federation.*}) out: it does when it has one server,
     * since they need two that federate. They are then in no plan, list, count or comparison of the run, not even
     * as impossible. Without servers (listing the suites) nothing is left out.
     */
    public boolean leavesOutCrossDomain() {
        return servers.size() == 1;
    }

    /** The tests the run would execute; pass it to {@link #run(TestPlan)} so the suites are scanned once. */
    public TestPlan plan() {
        return LauncherFactory.create().discover(request());
    }

    /** Discovers and runs. */
    public RunResult run() {
        return run(plan());
    }

    /**
     * Runs a plan from this runner's {@link #plan()}, after the settings it was planned with: checks every server first (throwing {@code TargetUnreachable},
     * {@code LoginRefused} or a provisioning error, each with one line), runs the tests, removes what they left.
     */
    public RunResult run(TestPlan plan) {
        if (servers.isEmpty()) {
            throw new IllegalStateException("no server to run against: call servers(...) first");
        }
        List<String> said = new ArrayList<>();
        Consumer<String> notice = line -> {
            synchronized (said) {
                said.add(Secrets.scrub(line));
            }
            notices.accept(line);
        };
        ResultCollector collector = new ResultCollector(failOnImpossible, onResult);
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Run run = Run.start(runId, servers, parallel, notice);
        servers.stream().filter(s -> s.target().services().transport() != Transport.TCP)
                .forEach(s -> notice.accept(s.target().domain() + ": client sessions go over "
                        + s.target().services().transport().label() + " (--transport); raw wire tests keep the TCP binding"));
        boolean finished;
        List<LeftAccount> left = Collections.synchronizedList(new ArrayList<>());
        try {
            run.preflight();
            if (checkSynchronisation) {
                for (ServerUnderTest server : run.servers()) {
                    SynchronisationCheck.run(run, server).ifPresent(reason -> {
                        server.synchronisationBroken(reason);
                        notice.accept("the synchronisation the tests rely on does not work on " + server.domain() + ": " + reason
                                + "; tests that rely on it end as errors");
                    });
                }
            }
            List<TestExecutionListener> all = new ArrayList<>(listeners);
            all.add(collector);
            finished = execute(plan, all, run);
        } finally {
            if (run.isStopping()) {
                closeWithin(run, notice, left, STOP_CLEANUP);
            } else {
                close(run, notice, left);
            }
        }
        double wall = (System.nanoTime() - t0) / 1e9;
        List<TestResult> tests = new ArrayList<>(collector.results());
        tests.sort(Comparator.comparing(TestResult::id));
        Interruption interruption = finished ? null : new Interruption(run.stopReason(), notRun(plan, tests));
        run.servers().forEach(server -> server.retirementsNotShown().ifPresent(notice));
        if (!run.isStopping()) {
            // After the accounts are gone: a server may remove a user's files with the account.
            run.servers().forEach(server -> server.remnants().settle(server.domain()).forEach(notice));
        }
        long leftOut = tests.stream().filter(TestResult::leftOutByAccounts).count();
        if (leftOut > 0) {
            notice.accept(leftOut + " tests need accounts with no history or the server's administrator and were left out"
                    + " (impossible): the run's accounts are configured ones or registered in-band; admin commands run them");
        }
        Distress distress = run.distress().summary();
        if (distress != null) {
            notice.accept(distress.describe());
        }
        if (interruption != null) {
            notice.accept("run interrupted (" + interruption.reason() + "): " + tests.size() + " tests reached a verdict, "
                    + interruption.notRun().size() + " not run");
        }
        List<TargetInfo> infos = run.servers().stream().map(Runner::info).toList();
        return new RunResult(RunResult.SCHEMA, "stanzalab", started.truncatedTo(ChronoUnit.SECONDS).toString(),
                infos.get(0), infos, Summary.of(tests, wall).withFixedWaits(run.fixedWaits().seconds()),
                List.copyOf(said), List.of(), tests, interruption, distress, List.copyOf(left),
                run.servers().stream().flatMap(server -> server.tlsScans().finished().stream().map(scan -> scan.toModel(server.name()))).toList());
    }

    /**
     * Executes the plan on a thread of its own, so a stop or the deadline can end the wait for it. Returns true
     * when every test ran; false when the run was stopped (tests still under way after the grace are abandoned).
     */
    private boolean execute(TestPlan plan, List<TestExecutionListener> listeners, Run run) {
        CountDownLatch done = new CountDownLatch(1);
        Thread launcher = new Thread(() -> {
            try {
                LauncherFactory.create().execute(plan, listeners.toArray(TestExecutionListener[]::new));
            } finally {
                done.countDown();
            }
        }, "stanzalab-launcher");
        launcher.setDaemon(true);
        launcher.start();
        try {
            long deadlineNanos = deadline == null ? Long.MAX_VALUE : System.nanoTime() + deadline.toNanos();
            while (!done.await(100, TimeUnit.MILLISECONDS)) {
                if (stopRequested.getCount() == 0) {
                    run.stop(stopReason);
                } else if (System.nanoTime() - deadlineNanos >= 0) {
                    run.stop("deadline of " + describe(deadline) + " reached");
                }
                if (run.isStopping()) {
                    done.await(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                    return false;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            run.stop("the run's thread was interrupted");
            return false;
        }
        // A stop that came as the last test finished still made the run skip nothing: it finished.
        return true;
    }

    /** Planned tests without a verdict. */
    private List<String> notRun(TestPlan plan, List<TestResult> tests) {
        Set<String> reached = new HashSet<>();
        tests.forEach(t -> reached.add(t.id()));
        Collection<String> planned = plannedIds != null ? plannedIds : plannedTests(plan);
        return planned.stream().filter(id -> !reached.contains(id) && reached.stream().noneMatch(r -> r.startsWith(id + "[")))
                .distinct().sorted().toList();
    }

    private static List<String> plannedTests(TestPlan plan) {
        List<String> ids = new ArrayList<>();
        for (TestIdentifier root : plan.getRoots()) {
            plan.getDescendants(root).stream()
                    .filter(t -> t.isTest() || (t.isContainer() && TestIds.methodSource(t).isPresent()))
                    .forEach(t -> ids.add(TestIds.id(t)));
        }
        return ids;
    }

    /** Removes the run's accounts; what stays (or may) is listed in the notice and in results.json. */
    private static void close(Run run, Consumer<String> notice, List<LeftAccount> left) {
        run.close((server, stillThere) -> {
            stillThere.forEach(entry -> left.add(new LeftAccount(server.domain(), entry.username(),
                    entry.state() == Leftovers.State.LEFT ? LeftAccount.LEFT : LeftAccount.MAY_EXIST, entry.why())));
            notice.accept(leftNotice(server.domain(), stillThere));
        });
    }

    /** Removes the run's accounts, but no longer than the bound: a stopped run must still report soon. */
    private static void closeWithin(Run run, Consumer<String> notice, List<LeftAccount> left, Duration bound) {
        Thread closer = new Thread(() -> close(run, notice, left), "stanzalab-cleanup");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(bound.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            notice.accept("account removal cut short after " + bound.toSeconds() + " s because the run was stopped; "
                    + "accounts of tests that were under way may be left on the server");
        }
    }

    private static String describe(Duration d) {
        long s = d.toSeconds();
        return s % 3600 == 0 ? s / 3600 + "h" : s % 60 == 0 ? s / 60 + "m" : s + "s";
    }

    /** "prosody.test: 2 accounts left for you to remove: a, b; 1 may exist (...): c" - names only, never passwords. */
    static String leftNotice(String domain, List<Leftovers.Entry> entries) {
        List<String> there = entries.stream().filter(e -> e.state() == Leftovers.State.LEFT).map(Leftovers.Entry::username).toList();
        List<String> maybe = entries.stream().filter(e -> e.state() == Leftovers.State.MAY_EXIST).map(Leftovers.Entry::username).toList();
        StringBuilder line = new StringBuilder(domain).append(": ");
        if (!there.isEmpty()) {
            line.append(there.size()).append(there.size() == 1 ? " account" : " accounts").append(" left for you to remove (")
                    .append(entries.stream().filter(e -> e.state() == Leftovers.State.LEFT).findFirst().orElseThrow().why())
                    .append("): ").append(AccountNames.firstTen(there));
        }
        if (!maybe.isEmpty()) {
            line.append(there.isEmpty() ? "" : "; ").append(maybe.size()).append(maybe.size() == 1 ? " account" : " accounts")
                    .append(" may exist (a reply was lost, and a login could not tell): ").append(AccountNames.firstTen(maybe));
        }
        return line.append("; they are in results.json under leftAccounts, and 'stanzalab accounts sweep' removes them"
                + " where admin commands work").toString();
    }

    private static TargetInfo info(ServerUnderTest server) {
        Target t = server.target();
        return new TargetInfo(server.name(), t.domain(), t.host(), t.port(), t.tls().flagValue(), t.trust().toString());
    }

    /** The request carries everything execution needs, the run's id included: a plan executes as discovered. */
    private LauncherDiscoveryRequest request() {
        List<PostDiscoveryFilter> all = new ArrayList<>(filters);
        if (leavesOutCrossDomain()) {
            all.add(CrossDomainTests.LEFT_OUT);
        }
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectors.isEmpty() ? List.of(selectPackage(SUITES)) : selectors)
                .filters(all.toArray(PostDiscoveryFilter[]::new))
                .configurationParameter(TestId.INCLUDE_PARAMETER, String.join("\n", includes))
                .configurationParameter(TestId.EXCLUDE_PARAMETER, String.join("\n", excludes))
                // Only our tests: no implicit listeners or engines' own config files from the class path.
                .configurationParameter("junit.platform.output.capture.stdout", "false")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "false")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel > 1))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", String.valueOf(parallel));
        if (!servers.isEmpty()) {
            request.configurationParameter("junit.jupiter.execution.timeout.default",
                    servers.get(0).target().timeouts().testCeiling().toMillis() + " ms")
                    .configurationParameter("junit.jupiter.execution.timeout.thread.mode.default", "SEPARATE_THREAD");
        }
        return request.configurationParameter(Run.ID_PARAMETER, runId).build();
    }
}
