package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.proxy.FaultProxy;
import org.stanzalab.wire.proxy.FaultRule;
import org.stanzalab.wire.proxy.FiredRule;
import org.stanzalab.wire.proxy.Match;
import org.stanzalab.wire.server.CertKit;

/**
 * Proof that tests can fail: the suites' own tests run against Prosody through a {@link FaultProxy}, first with no
 * rule (each must pass), then each with one rule that breaks the requirement it checks (it must fail). Accounts
 * are made on Prosody directly, so a rule only touches the test's own connections.
 *
 * <p>Runs only with -Dstanzalab.demo.proxy=true and Prosody up (./check); writes one line per rule to
 * target/fault-proxy-demo.tsv: rule, test, outcome with the rule, how often the rule fired, the reason.
 */
class FaultProxyDemoTest {
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static final String CERTS = "servers/state/certs/";

    /**
     * A rule and the test that must fail under it; or, for a known hole, the test that should and does not (it is
     * checked to pass still, so that closing the hole shows here).
     */
    record Attack(FaultRule rule, String test, String hole) {
        Attack(FaultRule rule, String test) {
            this(rule, test, null);
        }
    }

    private static final List<Attack> ATTACKS = List.of(
            new Attack(FaultRule.drop("drop-roster-get-result", Match.answerTo("jabber:iq:roster", "result")),
                    "rfc6121.RosterManagement.rosterGetOfNewAccountIsAnEmptyResult"),
            new Attack(FaultRule.drop("drop-roster-push", Match.iq("set", "jabber:iq:roster")),
                    "rfc6121.RosterManagement.rosterSetIsPushedToEveryInterestedResource"),
            new Attack(FaultRule.setAttribute("wrong-id-on-disco-result", "id", "not-the-request",
                    Match.answerTo("http://jabber.org/protocol/disco#info")),
                    "rfc6120.IqSemantics.everyRequestGetsExactlyOneReply[disco-info]"),
            new Attack(FaultRule.replaceErrorCondition("feature-not-implemented-for-service-unavailable",
                    "feature-not-implemented", Match.stanza("iq").and(Match.errorCondition("service-unavailable"))),
                    "rfc6120.IqSemantics.unknownPayloadIsServiceUnavailable[get-without-to]"),
            new Attack(FaultRule.setAttribute("wrong-id-on-message-error", "id", "not-the-message",
                    Match.stanza("message").and(Match.attribute("type", "error"))),
                    "rfc6120.StanzaErrors.errorStanzaKeepsKindAndId[message-to-unknown-user]"),
            new Attack(FaultRule.drop("drop-ping-result", Match.answerTo("urn:xmpp:ping")),
                    "xep0199.ClientToServerPing.serverAnswersPingWithResult"),
            new Attack(FaultRule.setAttribute("wrong-from-on-chat", "from", "mallory@prosody.test/evil",
                    Match.stanza("message").and(Match.attribute("type", "chat"))),
                    "rfc6121.MessageRouting.messageToFullJidReachesExactlyThatResource[chat-full-prio-pos]",
                    "the routing tests do not check the 'from' of a delivered message (RFC 6120 §8.1.2.1 stamping)"),
            new Attack(FaultRule.removeChild("no-version-query", "query", "jabber:iq:version",
                    Match.answerTo("jabber:iq:version", "result")),
                    "xep0092.SoftwareVersion.resultCarriesVersionQuery"),
            new Attack(FaultRule.delay("late-version-result", Duration.ofSeconds(7),
                    Match.answerTo("jabber:iq:version", "result")),
                    "xep0092.SoftwareVersion.resultNamesSoftwareAndVersion"),
            new Attack(FaultRule.replaceErrorCondition("bad-request-for-item-not-found", "bad-request",
                    Match.stanza("iq").and(Match.errorCondition("item-not-found"))),
                    "rfc6121.RosterManagement.removingAnUnknownItemIsItemNotFound"),
            new Attack(FaultRule.removeChild("no-show-on-presence", "show", XmppNamespaces.CLIENT, Match.stanza("presence")),
                    "rfc6121.PresenceBroadcast.showValueReachesContactsUnchanged[away]"),
            new Attack(new FaultRule("strip-extensions-from-messages", Match.stanza("message"),
                    message -> message.withChildren(c -> c.namespace().equals(XmppNamespaces.CLIENT) ? c : null)),
                    "rfc6120.ExtendedContent.unknownExtensionIsRoutedUnchanged[message-child]"),
            new Attack(FaultRule.removeChild("no-bind-feature", "bind", XmppNamespaces.BIND, Match.streamFeatures()),
                    "rfc6120.ResourceBinding.serverGeneratesResourceWhenNoneIsRequested",
                    "no test checks that the server advertises resource binding (RFC 6120 §7.4); the clients bind anyway"));

    @Test
    void eachRuleMakesItsTestFailAndWithoutRulesAllPass() throws IOException {
        assumeTrue(Boolean.getBoolean("stanzalab.demo.proxy"), "demonstration: run with -Dstanzalab.demo.proxy=true");
        TargetOptions flags = new TargetOptions();
        flags.target = "prosody";
        Server prosody = new Settings(flags, Map.of("STANZALAB_HOME", HOME.toString())).servers().get(0);
        // Another port for Prosody (a private instance) if the shared one is not where target.properties says.
        int port = Integer.getInteger("stanzalab.demo.proxy.server-port", prosody.target().port());
        Target real = new Target(prosody.target().domain(), prosody.target().host(), port, prosody.target().tls(),
                prosody.target().trust(), prosody.target().timeouts());
        CertKit ca = CertKit.loadCa(HOME.resolve(CERTS + "ca.crt"), HOME.resolve(CERTS + "ca.key"));
        List<String> lines = new ArrayList<>();
        try (FaultProxy proxy = FaultProxy.start(real.host(), real.port(), real.domain(), ca.trustingContext(),
                ca.issue(real.domain(), "*." + real.domain()), Duration.ofSeconds(60), lines::add)) {
            Target proxied = new Target(real.domain(), "127.0.0.1", proxy.port(), real.tls(), real.trust(), real.timeouts());
            SmackConnector direct = new SmackConnector(real);
            Server throughProxy = new Server(prosody.name(), proxied, connector -> prosody.provisioning().apply(direct));

            Map<String, Outcome> clean = run(throughProxy, ATTACKS.stream().map(Attack::test).toList());
            StringBuilder report = new StringBuilder();
            List<String> problems = new ArrayList<>();
            for (Attack attack : ATTACKS) {
                if (clean.get(attack.test()) != Outcome.PASSED) {
                    problems.add(attack.test() + " is " + clean.get(attack.test()) + " through the proxy without rules");
                }
            }
            report.append("(no rule)\t(all ").append(ATTACKS.size()).append(" tests)\t")
                    .append(clean.values().stream().allMatch(o -> o == Outcome.PASSED) ? "passed" : "not all passed")
                    .append("\t0\t").append(clean).append('\n');
            for (Attack attack : ATTACKS) {
                proxy.rules(List.of(attack.rule()));
                proxy.clearFired();
                TestResult result = runOne(throughProxy, attack.test());
                List<FiredRule> fired = proxy.fired();
                proxy.rules(List.of());
                report.append(attack.rule().name()).append('\t').append(attack.test()).append('\t')
                        .append(result.outcome().word()).append('\t').append(fired.size()).append('\t')
                        .append(attack.hole() == null ? firstLine(result.reason()) : "hole: " + attack.hole()).append('\n');
                Outcome wanted = attack.hole() == null ? Outcome.FAILED : Outcome.PASSED;
                if (result.outcome() != wanted) {
                    problems.add("rule " + attack.rule().name() + ": " + attack.test() + " is " + result.outcome().word()
                            + " (rule fired " + fired.size() + " times): " + firstLine(result.reason()));
                }
            }
            Path out = Path.of("target/fault-proxy-demo.tsv");
            Files.writeString(out, report);
            System.out.print(report);
            assertTrue(problems.isEmpty(), String.join("\n", problems) + "\nproxy: " + lines);
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
        List<TestResult> results = Suites.runner(selection(List.of(test))).servers(List.of(server)).parallel(1).run().tests();
        assertEquals(1, results.size(), test + " selected " + results.size() + " tests");
        return results.get(0);
    }

    /** The command line's --test selection, so a run holds exactly these tests. */
    private static SelectionOptions selection(List<String> tests) {
        SelectionOptions selection = new SelectionOptions();
        selection.tests = new ArrayList<>(tests);
        return selection;
    }

    private static String firstLine(String reason) {
        return reason == null ? "" : reason.lines().findFirst().orElse("").replace('\t', ' ');
    }
}
