package org.stanzalab.engine.clienttest;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.stanzalab.model.Direction;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;

/**
 * Turns what one client did on a {@link BadServer}'s endpoints into a verdict per scenario, as a run in the
 * project's result model (the client in the place of the target, one test per scenario):
 * <ul>
 * <li>passed: on every connection to a bad endpoint the client stopped before it sent credentials (it refused
 * TLS, closed, asked for TLS anyway, or waited without going on); on the stall endpoint it gave up within the bound;
 * <li>failed: on some connection it sent credentials (security-relevant), or it was still waiting on the stall;
 * <li>error: no verdict: the client never reached the endpoint, or it did not log in to the good endpoint on
 * the same port, which shows that the client (or its driver) does not work at all.
 * </ul>
 * The downgrade endpoint is recorded in a notice, not graded: over TLS the client validated, a PLAIN-only offer is
 * what a server may make, and no client can tell it from a downgrade.
 */
public final class ClientVerdicts {
    /** The prefix of every scenario's test id. */
    public static final String ID_PREFIX = "serve-bad.";

    private ClientVerdicts() {
    }

    /** The id in reports and expected-verdict files, e.g. "serve-bad.starttls.expired". */
    public static String testId(BadScenario scenario) {
        return ID_PREFIX + scenario.id();
    }

    /**
     * @param client    the client's name, which stands in the target's place
     * @param address   where the endpoints were served
     * @param scenarios the scenarios served (each one gets a verdict, or a notice when ungraded)
     * @param records   every connection, in any order; those to no known scenario become a notice
     */
    public static RunResult judge(String client, String address, int starttlsPort, int directTlsPort,
                                  List<BadScenario> scenarios, List<ConnectionRecord> records, Instant startedAt,
                                  Duration wall) {
        Map<String, List<ConnectionRecord>> byScenario = new LinkedHashMap<>();
        List<String> notices = new ArrayList<>();
        for (ConnectionRecord r : records) {
            if (r.scenario() == null) {
                notices.add("connection " + r.number() + " from " + r.peer() + " " + r.action().words()
                        + (r.detail() == null ? "" : ": " + r.detail()));
            } else {
                byScenario.computeIfAbsent(r.scenario().id(), k -> new ArrayList<>()).add(r);
            }
        }
        long withoutSni = records.stream().filter(r -> r.scenario() == null && r.directTls() && r.asked() == null).count();
        Map<String, TestResult> goodOutcome = new LinkedHashMap<>();
        List<TestResult> tests = new ArrayList<>();
        for (BadScenario scenario : scenarios) {
            if (scenario.kind() == BadScenario.Kind.GOOD) {
                TestResult good = good(scenario, byScenario.getOrDefault(scenario.id(), List.of()),
                        scenario.directTls() ? withoutSni : 0);
                goodOutcome.put(scenario.id(), good);
                tests.add(good);
            }
        }
        for (BadScenario scenario : scenarios) {
            List<ConnectionRecord> seen = byScenario.getOrDefault(scenario.id(), List.of());
            if (scenario.kind() == BadScenario.Kind.GOOD) {
                continue;
            }
            if (!scenario.graded()) {
                notices.add(downgradeNotice(scenario, seen));
                continue;
            }
            TestResult good = goodOutcome.get(scenario.goodId());
            tests.add(bad(scenario, seen, good));
        }
        // The client stands where a run's server stands, so the reports are titled by it.
        TargetInfo target = new TargetInfo(client, client, address, starttlsPort,
                directTlsPort > 0 ? "starttls, direct TLS on " + directTlsPort : "starttls", "the client's own");
        Summary summary = Summary.of(tests, wall.toMillis() / 1000.0);
        return new RunResult(RunResult.SCHEMA, "stanzalab serve-bad", startedAt.toString(), target, List.of(target),
                summary, notices, List.of(), tests);
    }

    /**
     * The good endpoint on STARTTLS has no requirement of its own: it proves the client works. On the direct-TLS
     * port the tool tells the endpoints apart by the TLS server name, which XEP-0368 §3 obliges a client to send:
     * a client that connects there without one fails that, and no endpoint of the port can judge it.
     */
    private static TestResult good(BadScenario scenario, List<ConnectionRecord> seen, long withoutSni) {
        SpecRef spec = scenario.spec();
        if (seen.isEmpty() && withoutSni > 0) {
            return result(scenario, spec, Outcome.FAILED, spec.citation() + ": the client connected to the "
                    + "direct-TLS port " + withoutSni + " times without a TLS server name (SNI), so no endpoint "
                    + "could be chosen for it", seen);
        }
        if (seen.isEmpty()) {
            return result(scenario, spec, Outcome.ERROR, "the client never connected to " + where(scenario), seen);
        }
        boolean loggedIn = seen.stream().anyMatch(r -> r.action() == ClientAction.AUTHENTICATED);
        return result(scenario, spec, loggedIn ? Outcome.PASSED : Outcome.ERROR, loggedIn ? null
                : "the client did not log in to " + where(scenario) + " (" + actions(seen)
                + "), so it cannot be judged on this port", seen);
    }

    private static TestResult bad(BadScenario scenario, List<ConnectionRecord> seen, TestResult good) {
        SpecRef spec = scenario.spec();
        if (good == null || good.outcome() != Outcome.PASSED) {
            return result(scenario, spec, Outcome.ERROR, "not judged: the client did not log in to "
                    + where(byIdOrSelf(scenario.goodId())) + (good == null || good.reason() == null ? ""
                    : " (" + good.reason() + ")") + ", so what it did here says nothing", seen);
        }
        if (seen.isEmpty()) {
            return result(scenario, spec, Outcome.ERROR, "the client never connected to " + where(scenario)
                    + " (did its driver run this scenario?)", seen);
        }
        List<ConnectionRecord> sent = seen.stream().filter(r -> r.action() == ClientAction.SENT_CREDENTIALS
                || r.action() == ClientAction.AUTHENTICATED).toList();
        if (!sent.isEmpty()) {
            ConnectionRecord first = sent.get(0);
            return new TestResult(testId(scenario), scenario.id(), spec, Outcome.FAILED, duration(seen),
                    spec.citation() + ": " + scenario.problem() + ", yet the client went on to authenticate: it sent "
                            + (first.mechanism() == null ? "credentials" : first.mechanism().equals("iq:auth")
                            ? "a legacy iq:auth password" : "<auth mechanism='" + first.mechanism() + "'>")
                            + " [credentials redacted]" + (sent.size() > 1 ? " on " + sent.size() + " of " + seen.size()
                            + " connections" : ""), transcript(seen), true);
        }
        if (scenario.kind() == BadScenario.Kind.STALL) {
            List<ConnectionRecord> waited = seen.stream().filter(r -> r.action() == ClientAction.STILL_WAITING).toList();
            if (!waited.isEmpty()) {
                return result(scenario, spec, Outcome.FAILED, spec.citation() + ": " + scenario.problem()
                        + ", and the client was still waiting when the tool closed the connection, "
                        + waited.get(0).millis() / 1000 + " s after it connected", seen);
            }
        }
        return result(scenario, spec, Outcome.PASSED, null, seen);
    }

    private static BadScenario byIdOrSelf(String id) {
        return BadScenario.byId(id).orElseThrow();
    }

    private static String downgradeNotice(BadScenario scenario, List<ConnectionRecord> seen) {
        if (seen.isEmpty()) {
            return scenario.id() + " (recorded, not graded): the client never connected";
        }
        boolean plain = seen.stream().anyMatch(r -> "PLAIN".equals(r.mechanism()));
        return scenario.id() + " (recorded, not graded): " + scenario.problem() + "; the client "
                + (plain ? "went on with PLAIN, which RFC 6120 §13.9.4 allows over TLS with full certificate validation"
                : actions(seen) + ", refusing PLAIN although the channel was validated");
    }

    private static TestResult result(BadScenario scenario, SpecRef spec, Outcome outcome, String reason,
                                     List<ConnectionRecord> seen) {
        return new TestResult(testId(scenario), scenario.id(), spec, outcome, duration(seen), reason, transcript(seen));
    }

    private static String where(BadScenario scenario) {
        return scenario.domain() + (scenario.directTls() ? " with direct TLS" : " with STARTTLS");
    }

    private static String actions(List<ConnectionRecord> seen) {
        return seen.stream().map(r -> r.action().words() + (r.detail() == null ? "" : " (" + r.detail() + ")"))
                .distinct().collect(Collectors.joining("; "));
    }

    private static long duration(List<ConnectionRecord> seen) {
        return seen.stream().mapToLong(ConnectionRecord::millis).max().orElse(0);
    }

    /** Each connection's transcript after a note that says what the client did on it and how long it took. */
    private static List<TranscriptEntry> transcript(List<ConnectionRecord> seen) {
        List<TranscriptEntry> all = new ArrayList<>();
        for (ConnectionRecord r : seen) {
            all.addAll(r.transcript());
            all.add(new TranscriptEntry(r.millis(), "client#" + r.number(), Direction.NOTE, "the client "
                    + r.action().words() + (r.mechanism() == null ? "" : " (" + r.mechanism() + ")")
                    + (r.detail() == null ? "" : ": " + r.detail()) + " after " + r.millis() + " ms"));
        }
        return all;
    }
}
