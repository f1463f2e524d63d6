package org.stanzalab.suites.federation;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.stanzalab.wire.proxy.Match.answerTo;
import static org.stanzalab.wire.proxy.Match.child;
import static org.stanzalab.wire.proxy.Match.errorCondition;
import static org.stanzalab.wire.proxy.Match.stanza;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.stanzalab.engine.accounts.AdminCommands;
import org.stanzalab.engine.accounts.Credentials;
import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.TestResult;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.proxy.FaultProxy;
import org.stanzalab.wire.proxy.FaultRule;
import org.stanzalab.wire.proxy.FromServer;

/**
 * Proof that the cross-domain checks can fail: a run over both reference servers in which every client of ejabberd
 * reaches it through a {@link FaultProxy}, so what ejabberd hands its users after a stanza crossed the federation can
 * be altered, one rule per attacked test. Each attacked test must pass through a proxy without rules and fail under
 * its rule, and the rule must have fired. A demonstration against the live servers, so it runs only with
 * {@code -Dstanzalab.demo.federation=true} (about a minute):
 * {@code mvn -B -q -o test -Dtest=FederationFaultsTest -Dstanzalab.demo.federation=true -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class FederationFaultsTest {
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();
    private static final String CARBONS = "urn:xmpp:carbons:2";

    /** A rule that breaks the test's requirement, as a server bug would. */
    record Attack(String test, FaultRule rule, boolean ejabberdAlone) {
        Attack(String test, FaultRule rule) {
            this(test, rule, false);
        }
    }

    /** {@code -Dstanzalab.demo.federation.only=TEXT,...} keeps the attacks whose test or rule contains one of the texts. */
    static List<Attack> attacks() {
        String only = System.getProperty("stanzalab.demo.federation.only", "");
        if (only.isBlank()) {
            return allAttacks();
        }
        List<String> texts = List.of(only.split(","));
        return allAttacks().stream().filter(a -> texts.stream().anyMatch(t -> a.test().contains(t) || a.rule().name().contains(t))).toList();
    }

    static List<Attack> allAttacks() {
        // first-to-second: a prosody.test user writes, an ejabberd.test user (behind the proxy) receives
        // second-to-first: the ejabberd.test user writes and gets the answers behind the proxy
        Predicate<FromServer> fromGuest = seen -> seen.element().attribute("from").map(f -> f.endsWith("/guest")).orElse(false);
        return List.of(
                new Attack("federation.rfc6120.CrossDomainMessages.messageToRemoteFullJidIsDeliveredAsWritten[first-to-second-chat]",
                        FaultRule.removeChild("extension-lost", "payload", "urn:stanzalab:test:extension", stanza("message"))),
                new Attack("federation.rfc6120.CrossDomainMessages.messageToRemoteBareJidIsDeliveredToTheAvailableResource[first-to-second-headline]",
                        FaultRule.setAttribute("from-rewritten", "from", "prosody.test", stanza("message").and(child("body", "jabber:client")))),
                new Attack("federation.rfc6120.CrossDomainMessages.groupchatToRemoteBareJidBouncesAcrossTheFederation[second-to-first]",
                        FaultRule.drop("bounce-lost", stanza("message").and(seen -> seen.element().attribute("type").map("error"::equals).orElse(false)))),
                new Attack("federation.rfc6120.CrossDomainIqs.iqToRemoteBareJidIsAnsweredByTheServer[second-to-first]",
                        FaultRule.replaceErrorCondition("condition-replaced", "item-not-found", errorCondition("service-unavailable"))),
                new Attack("federation.rfc6120.CrossDomainIqs.iqToRemoteFullJidIsAnsweredByTheClient[first-to-second]",
                        FaultRule.drop("request-lost", stanza("iq").and(child("query", "urn:stanzalab:test:iq")))),
                new Attack("federation.rfc6120.CrossDomainErrors.iqToUnknownRemoteUserIsAnsweredServiceUnavailable[second-to-first]",
                        FaultRule.replaceErrorCondition("condition-replaced", "item-not-found", errorCondition("service-unavailable"))),
                new Attack("federation.xep0160.CrossDomainOffline.messageFromRemoteSenderIsKeptAndDeliveredAtLogin[first-to-second]",
                        FaultRule.drop("kept-message-lost", stanza("message").and(child("note", "urn:stanzalab:test:extension")))),
                new Attack("federation.xep0184.CrossDomainReceipts.receiptRequestAndAckCrossTheFederation[first-to-second]",
                        FaultRule.removeChild("request-stripped", "request", "urn:xmpp:receipts", stanza("message"))),
                new Attack("federation.xep0280.CrossDomainCarbons.messageFromRemoteContactIsCopiedToOtherResources[second-to-first]",
                        FaultRule.drop("carbon-lost", stanza("message").and(child("received", CARBONS)))),
                new Attack("federation.xep0280.CrossDomainCarbons.messageToRemoteContactIsCopiedToOwnResources[second-to-first]",
                        FaultRule.setAttribute("carbon-from-full", "from", "someone@ejabberd.test/elsewhere", stanza("message").and(child("sent", CARBONS)))),
                new Attack("federation.xep0199.CrossDomainPing.remoteServerAnswersPingWithResult[second-to-first]",
                        FaultRule.setAttribute("ping-answered-error", "type", "error", answerTo("urn:xmpp:ping", "result")
                                .and(seen -> seen.element().attribute("from").map("prosody.test"::equals).orElse(false)))),
                new Attack("federation.xep0045.CrossDomainRooms.remoteUserEnteringIsSeenByTheOccupants[first-to-second]",
                        FaultRule.drop("join-unseen", stanza("presence").and(fromGuest))),
                new Attack("federation.xep0045.CrossDomainRooms.privateMessagesCrossTheFederation[second-to-first]",
                        FaultRule.drop("private-message-lost", stanza("message").and(seen -> seen.element().attribute("type").map("chat"::equals).orElse(false))
                                .and(seen -> seen.element().attribute("from").map(f -> f.contains("@conference.prosody.test/")).orElse(false)))),
                // the tests of unreachable domains run on one server: ejabberd, behind the proxy
                // not attacked: unresolvableDomainIsRemoteServerNotFound, whose rule (not-found replaced by timeout) fired
                // once and the test still passed; not yet explained (see the report of issue 14)
                new Attack("rfc6120.UnreachableDomains.domainRefusingConnectionsIsReported[iq]",
                        FaultRule.replaceErrorCondition("refusal-replaced", "item-not-found", errorCondition("remote-server-timeout")), true),
                new Attack("rfc6120.UnreachableDomains.silentPeerIsRemoteServerTimeout",
                        FaultRule.replaceErrorCondition("timeout-replaced", "remote-server-not-found", errorCondition("remote-server-timeout")), true));
    }

    @Test
    void everyAttackedCrossDomainTestFailsUnderItsRule() throws Exception {
        assumeTrue(Boolean.getBoolean("stanzalab.demo.federation"), "demonstration: run with -Dstanzalab.demo.federation=true");
        List<String> problems = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        try (FaultProxy faithful = proxy()) {
            List<TestResult> clean = new ArrayList<>(run(faithful, attacks().stream().filter(a -> !a.ejabberdAlone()).map(Attack::test).toList(), false));
            clean.addAll(run(faithful, attacks().stream().filter(Attack::ejabberdAlone).map(Attack::test).toList(), true));
            for (TestResult result : clean) {
                if (result.outcome() != Outcome.PASSED) {
                    problems.add(result.id() + " is " + result.outcome() + " through the proxy without rules: " + result.reason());
                }
            }
        }
        for (Attack attack : attacks()) {
            try (FaultProxy proxy = proxy()) {
                proxy.rules(List.of(attack.rule()));
                List<TestResult> results = run(proxy, List.of(attack.test()), attack.ejabberdAlone());
                TestResult result = results.isEmpty() ? null : results.get(0);
                int fired = proxy.fired().size();
                String outcome = result == null ? "not run" : result.outcome().word();
                String line = attack.rule().name() + "\t" + attack.test() + "\t" + outcome + "\tfired " + fired + "\t"
                        + (result == null || result.reason() == null ? "" : result.reason().lines().findFirst().orElse(""));
                lines.add(line);
                System.out.println(line);
                if (fired == 0) {
                    problems.add(attack.test() + ": the rule " + attack.rule().name() + " never fired");
                } else if (result == null || result.outcome() != Outcome.FAILED) {
                    problems.add(attack.test() + " is " + outcome + " under " + attack.rule().name());
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Runs the tests through this proxy. The reference servers are shared, and another user of the machine may be
     * restarting one: a run that finds a server down waits for it (up to two minutes) and is made once more.
     */
    private static List<TestResult> run(FaultProxy proxy, List<String> tests, boolean ejabberdAlone) throws Exception {
        try {
            return runOnce(proxy, tests, ejabberdAlone);
        } catch (org.stanzalab.engine.run.TargetUnreachable down) {
            System.out.println("a server is down (" + down.getMessage() + "); waiting for it, then once more");
            for (int i = 0; i < 24 && !bothUp(); i++) {
                Thread.sleep(5000);
            }
            Thread.sleep(5000);
            return runOnce(proxy, tests, ejabberdAlone);
        }
    }

    private static boolean bothUp() {
        for (String host : List.of("127.0.0.1", "127.0.0.2")) {
            try (java.net.Socket socket = new java.net.Socket()) {
                socket.connect(new java.net.InetSocketAddress(host, 5222), 1000);
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    private static List<TestResult> runOnce(FaultProxy proxy, List<String> tests, boolean ejabberdAlone) throws IOException {
        if (tests.isEmpty()) {
            return List.of(); // a runner without selectors would run every suite
        }
        List<Server> servers = ejabberdAlone ? List.of(server("ejabberd", proxy)) : List.of(server("prosody", null), server("ejabberd", proxy));
        return Runner.create().servers(servers)
                // the attacked classes only: the package would hold this demonstration too, which would run itself
                .select(tests.stream().map(FederationFaultsTest::suiteClass).distinct()
                        .map(DiscoverySelectors::selectClass).toArray(org.junit.platform.engine.DiscoverySelector[]::new))
                .include(tests).parallel(4).run().tests();
    }

    /** "federation.xep0045.CrossDomainRooms.method[case]" is a test of org.stanzalab.suites.federation.xep0045.CrossDomainRooms. */
    private static String suiteClass(String testId) {
        String withoutCase = testId.replaceFirst("\\[.*", "");
        return "org.stanzalab.suites." + withoutCase.substring(0, withoutCase.lastIndexOf('.'));
    }

    /** A proxy in front of ejabberd's client port, presenting a certificate for ejabberd.test from the test CA. */
    private static FaultProxy proxy() throws IOException {
        Properties ejabberd = properties("ejabberd");
        CertKit ca = ca();
        return FaultProxy.start(ejabberd.getProperty("host"), Integer.parseInt(ejabberd.getProperty("port")), ejabberd.getProperty("domain"),
                ca.trustingContext(), ca.issue(ejabberd.getProperty("domain")), Duration.ofSeconds(60), line -> { });
    }

    /** The reference server as servers/up describes it; through the proxy when one is given (accounts are made directly). */
    private static Server server(String name, FaultProxy proxy) throws IOException {
        Properties p = properties(name);
        Trust trust = Trust.caFile(Path.of(p.getProperty("ca-file")));
        Target direct = new Target(p.getProperty("domain"), p.getProperty("host"), Integer.parseInt(p.getProperty("port")),
                TlsMode.STARTTLS, trust, Timeouts.defaults());
        Target seen = proxy == null ? direct : new Target(direct.domain(), "127.0.0.1", proxy.port(), TlsMode.STARTTLS, trust, Timeouts.defaults());
        Credentials admin = Credentials.parse(p.getProperty("admin"));
        SmackConnector directConnector = new SmackConnector(direct);
        return new Server(name, seen, connector -> new AdminCommands(directConnector, admin));
    }

    private static Properties properties(String name) throws IOException {
        Path file = HOME.resolve("servers/state").resolve(name).resolve("target.properties");
        assumeTrue(Files.isReadable(file), "reference server " + name + " is not set up (servers/up)");
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(file)) {
            p.load(in);
        }
        return p;
    }

    private static CertKit ca() throws IOException {
        return CertKit.loadCa(HOME.resolve("servers/state/certs/ca.crt"), HOME.resolve("servers/state/certs/ca.key"));
    }
}
