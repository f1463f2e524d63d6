package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stanzalab.wire.proxy.Match.answerTo;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;
import org.stanzalab.cli.FaultProxyAttacks.Attack;
import org.stanzalab.wire.proxy.FaultProxy;
import org.stanzalab.wire.proxy.FaultRule;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ServerIdentity;

/**
 * Proof that tests can fail: the suites' own tests run against Prosody through a {@link FaultProxy}, first with no
 * rule (each must pass), then each with the one rule of {@link FaultProxyAttacks} that breaks the requirement it
 * checks (it must fail, and the rule must have fired). Each attack has a proxy of its own, so several run at once
 * and a rule only touches its test's connections; accounts are made on Prosody directly.
 *
 * <p>Runs only with -Dstanzalab.demo.proxy=true and Prosody up (./check); writes target/fault-proxy-demo.tsv, one
 * line per attack (rule, requirement, test, outcome under the rule, times the rule fired, first line of the
 * reason), the rule-free run's line and a summary line, and prints the same.
 */
class FaultProxyDemoTest {
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static final String CERTS = "servers/state/certs/";

    /** Attacks at once, each through its own proxy: most of an attack's time is waiting for what the rule took away. */
    private static final int AT_ONCE = 6;
    private static final List<String> PROXY_LOG = new CopyOnWriteArrayList<>();

    @Test
    void eachRuleMakesItsTestFailAndWithoutRulesAllPass() throws Exception {
        assumeTrue(Boolean.getBoolean("stanzalab.demo.proxy"), "demonstration: run with -Dstanzalab.demo.proxy=true");
        List<String> proxyLog = PROXY_LOG;
        ProxyFactory proxies = proxies();
        // -Dstanzalab.demo.proxy.only=TEXT,... keeps the attacks whose test id contains one of them (to try a few).
        List<String> only = List.of(System.getProperty("stanzalab.demo.proxy.only", "").split(","));
        List<Attack> attacks = FaultProxyAttacks.ALL.stream().filter(a -> only.stream().anyMatch(a.test()::contains)).toList();
        long t0 = System.nanoTime();

        Map<String, Outcome> clean;
        try (Proxied faithful = proxies.start()) {
            clean = run(faithful.server(), attacks.stream().map(Attack::test).toList());
        }
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        List<Future<Verdict>> pending = new ArrayList<>();
        for (Attack attack : attacks) {
            pending.add(pool.submit(() -> {
                try (Proxied proxied = proxies.start()) {
                    proxied.proxy().rules(attack.rule() == null ? List.of() : List.of(attack.rule()));
                    proxied.proxy().clientRewrites(attack.rewrite() == null ? List.of() : List.of(attack.rewrite()));
                    return new Verdict(attack, runOne(proxied.server(), attack.test()), proxied.proxy().fired().size());
                }
            }));
        }
        pool.shutdown();
        List<Verdict> verdicts = new ArrayList<>();
        for (Future<Verdict> verdict : pending) {
            verdicts.add(verdict.get(5, TimeUnit.MINUTES));
        }

        Report report = new Report(attacks, clean, verdicts, (System.nanoTime() - t0) / 1_000_000_000L);
        Files.writeString(Path.of("target/fault-proxy-demo.tsv"), report.tsv());
        System.out.print(report.console());
        assertTrue(report.problems().isEmpty(), String.join("\n", report.problems()) + "\nproxy: " + proxyLog);
    }

    /** Proxies in front of the shared Prosody, each with a server the runner sees through it. */
    private static ProxyFactory proxies() throws IOException {
        TargetOptions flags = new TargetOptions();
        flags.target = "prosody";
        Server prosody = new Settings(flags, Map.of("STANZALAB_HOME", HOME.toString())).servers().get(0);
        // Another port for Prosody (a private instance) if the shared one is not where target.properties says.
        int port = Integer.getInteger("stanzalab.demo.proxy.server-port", prosody.target().port());
        Target real = new Target(prosody.target().domain(), prosody.target().host(), port, prosody.target().tls(),
                prosody.target().trust(), prosody.target().timeouts());
        CertKit ca = CertKit.loadCa(HOME.resolve(CERTS + "ca.crt"), HOME.resolve(CERTS + "ca.key"));
        ServerIdentity identity = ca.issue(real.domain(), "*." + real.domain());
        SmackConnector direct = new SmackConnector(real);
        return () -> {
            FaultProxy proxy = FaultProxy.start(real.host(), real.port(), real.domain(), ca.trustingContext(), identity,
                    Duration.ofSeconds(60), PROXY_LOG::add);
            Target proxied = new Target(real.domain(), "127.0.0.1", proxy.port(), real.tls(), real.trust(), real.timeouts());
            return new Proxied(proxy, new Server(prosody.name(), proxied, connector -> prosody.provisioning().apply(direct)));
        };
    }

    /**
     * The precondition of markers and pings (issue 10): with every ping result dropped, the run says once that the
     * synchronisation does not work, and a test that waits for the server to settle ends as an error naming it,
     * not as a failure of its own requirement.
     */
    @Test
    void brokenSynchronisationIsNamedOnceAndItsTestsAreErrors() throws Exception {
        assumeTrue(Boolean.getBoolean("stanzalab.demo.proxy"), "demonstration: run with -Dstanzalab.demo.proxy=true");
        String test = "rfc6121.PresenceBroadcast.initialPresenceReachesTheUsersOtherResources";
        try (Proxied proxied = proxies().start()) {
            proxied.proxy().rules(List.of(FaultRule.drop("drop-every-ping-result", answerTo("urn:xmpp:ping"))));
            List<String> notices = new CopyOnWriteArrayList<>();
            List<TestResult> results = Suites.runner(selection(List.of(test))).servers(List.of(proxied.server()))
                    .parallel(1).notices(notices::add).run().tests();
            assertEquals(1, notices.stream().filter(n -> n.contains("synchronisation")).count(), "notices: " + notices);
            assertEquals(Outcome.ERROR, results.get(0).outcome(), results.get(0).reason());
            assertTrue(results.get(0).reason().contains("synchronisation"), results.get(0).reason());
        }
    }

    interface ProxyFactory {
        Proxied start() throws IOException;
    }

    /** A proxy in front of Prosody and the server the runner sees through it. */
    record Proxied(FaultProxy proxy, Server server) implements AutoCloseable {
        @Override
        public void close() {
            proxy.close();
        }
    }

    /** An attack's outcome: the attacked test's result under its rule, and how often the rule fired. */
    record Verdict(Attack attack, TestResult result, int fired) {
        boolean broke() {
            return result.outcome() == Outcome.FAILED && fired > 0;
        }

        String requirement() {
            return result.spec() == null ? "(no @Spec)" : result.spec().citation();
        }
    }

    /**
     * What the demonstration found: one line per attack (rule, requirement, test, outcome, times fired, the first
     * line of the failure), the faithful run's line, and a summary. An attack that did not fire proved nothing and
     * is a problem; so is an attack whose test did not fail, unless it is a recorded hole still open.
     */
    record Report(List<Attack> attacks, Map<String, Outcome> clean, List<Verdict> verdicts, long seconds) {
        List<String> problems() {
            List<String> problems = new ArrayList<>();
            for (Attack attack : attacks) {
                if (clean.get(attack.test()) != Outcome.PASSED) {
                    problems.add(attack.test() + " is " + clean.get(attack.test()) + " through the proxy without rules");
                }
            }
            for (Verdict v : verdicts) {
                String rule = "rule " + v.attack().name() + ": " + v.attack().test();
                if (v.fired() == 0) {
                    problems.add(rule + ": the rule never fired, so the attack did not happen");
                } else if (v.result().outcome() != Outcome.FAILED && v.attack().hole() == null) {
                    problems.add(rule + " is " + v.result().outcome().word() + " under the rule: " + firstLine(v.result().reason()));
                }
            }
            return problems;
        }

        long requirementsAttacked() {
            return verdicts.stream().map(v -> v.attack().test().replaceFirst("\\[.*", "")).distinct().count();
        }

        String tsv() {
            StringBuilder out = new StringBuilder();
            // A test may be attacked by several rules; the run without rules has it once.
            long tests = attacks.stream().map(Attack::test).distinct().count();
            out.append("(no rule)\t-\t(all ").append(tests).append(" tests)\t")
                    .append(clean.values().stream().allMatch(o -> o == Outcome.PASSED) && clean.size() == tests
                            ? "passed" : "not all passed")
                    .append("\t0\t").append(clean.entrySet().stream().filter(e -> e.getValue() != Outcome.PASSED).toList()).append('\n');
            for (Verdict v : verdicts) {
                out.append(v.attack().name()).append('\t').append(v.requirement()).append('\t').append(v.attack().test())
                        .append('\t').append(v.result().outcome().word()).append('\t').append(v.fired()).append('\t')
                        .append(holeNote(v)).append(firstLine(v.result().reason())).append('\n');
            }
            return out.append("(summary)\t").append(summary()).append('\n').toString();
        }

        String console() {
            StringBuilder out = new StringBuilder("fault proxy: rule | requirement | test | outcome | fired | reason\n");
            tsv().lines().forEach(line -> out.append(line.replace("\t", " | ")).append('\n'));
            return out.toString();
        }

        private String summary() {
            long broken = verdicts.stream().filter(Verdict::broke).count();
            long holes = verdicts.stream().filter(v -> v.attack().hole() != null).count();
            long closed = verdicts.stream().filter(v -> v.attack().hole() != null && v.broke()).count();
            long open = verdicts.stream().filter(v -> v.fired() > 0 && v.result().outcome() != Outcome.FAILED).count();
            return requirementsAttacked() + " requirements attacked, " + broken + " tests failed under their rule, "
                    + open + " holes (open), " + closed + " holes closed (of " + holes + " found), "
                    + problems().size() + " problems, " + seconds + " s";
        }

        /** For an attack that once found a hole: whether the hole is closed now. */
        private static String holeNote(Verdict v) {
            return v.attack().hole() == null ? "" : (v.broke() ? "hole closed: " : "hole open: ") + v.attack().hole() + "; ";
        }
    }

    private static Map<String, Outcome> run(Server server, List<String> tests) {
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Suites.runner(selection(tests)).servers(List.of(server)).parallel(8).run().tests()
                .forEach(t -> {
                    outcomes.put(t.id(), t.outcome());
                    if (Boolean.getBoolean("stanzalab.demo.proxy.debug") && t.outcome() != Outcome.PASSED) {
                        System.out.println(t.id() + ": " + t.reason());
                        t.transcript().forEach(e -> System.out.println("  " + e));
                    }
                });
        return outcomes;
    }

    private static TestResult runOne(Server server, String test) {
        // The rule may break the pings or markers the run checks first; the attacked test is what must notice.
        List<TestResult> results = Suites.runner(selection(List.of(test))).servers(List.of(server)).parallel(1)
                .checkSynchronisation(false).run().tests();
        assertEquals(1, results.size(), test + " selected " + results.size() + " tests");
        return results.get(0);
    }

    /** The command line's --test selection, so a run holds exactly these tests. */
    private static SelectionOptions selection(List<String> tests) {
        SelectionOptions selection = new SelectionOptions();
        selection.tests = new ArrayList<>(tests);
        return selection;
    }

    /** The reason's first line; for several failures at once (assertAll), the first of them too. */
    private static String firstLine(String reason) {
        List<String> lines = reason == null ? List.of() : reason.lines().filter(line -> !line.isBlank()).limit(2).toList();
        String first = lines.isEmpty() ? "" : lines.get(0);
        if (first.contains("Multiple Failures") && lines.size() > 1) {
            first += " " + lines.get(1).strip();
        }
        return first.replace('\t', ' ');
    }
}
