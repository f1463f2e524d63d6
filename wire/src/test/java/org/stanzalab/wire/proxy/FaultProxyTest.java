package org.stanzalab.wire.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.XmppListener;
import org.stanzalab.wire.server.ListenerOptions;

/**
 * The proxy between the wire client and the wire server side: STARTTLS on both legs (each with its own CA, so
 * the client can only have reached the server through the proxy), SASL and the restart passing through, and
 * each kind of rule changing what the server sent.
 */
class FaultProxyTest {
    private static final CertKit SERVER_CA = CertKit.newCa("real server CA");
    private static final CertKit PROXY_CA = CertKit.newCa("proxy CA");
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    /** What the "real server" sends after login, one per rule below, then a marker that ends the batch. */
    private static final List<String> SERVER_STANZAS = List.of(
            "<iq type='result' id='roster-1'><query xmlns='jabber:iq:roster'/></iq>",
            "<iq type='result' id='ping-1'/>",
            "<message id='m-1' from='bob@tool.test/x' type='error'><error type='cancel'>"
                    + "<service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/>"
                    + "<text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>gone</text></error></message>",
            "<message id='m-2' from='bob@tool.test/x'><body>hi</body><thread>t1</thread></message>",
            "<message id='last'><body>end</body></message>");

    @Test
    void withoutRulesTheClientSeesTheServersStanzasUnchanged() throws Exception {
        List<XmlElement> received = exchange(List.of());
        assertEquals(SERVER_STANZAS.size(), received.size());
        for (int i = 0; i < SERVER_STANZAS.size(); i++) {
            XmlElement sent = XmlElement.parse(SERVER_STANZAS.get(i).replaceFirst("<(\\w+)", "<$1 xmlns='jabber:client'"));
            assertEquals(sent, received.get(i));
        }
    }

    @Test
    void eachKindOfRuleChangesWhatTheClientGetsAndIsRecorded() throws Exception {
        List<FaultRule> rules = List.of(
                FaultRule.drop("drop-roster-result", Match.iq("result", "jabber:iq:roster")),
                FaultRule.setAttribute("wrong-iq-id", "id", "not-yours", Match.stanza("iq").and(Match.attribute("id", "ping-1"))),
                FaultRule.replaceErrorCondition("wrong-condition", "item-not-found", Match.errorCondition("service-unavailable")),
                FaultRule.removeChild("no-thread", "thread", XmppNamespaces.CLIENT, Match.attribute("id", "m-2")),
                FaultRule.delay("late-end", Duration.ofMillis(300), Match.attribute("id", "last")));
        long start = System.nanoTime();
        List<XmlElement> received = exchange(rules);
        assertTrue(System.nanoTime() - start >= 300_000_000L, "the delay rule held the last message back");

        assertEquals(List.of("not-yours", "m-1", "m-2", "last"),
                received.stream().map(e -> e.attribute("id").orElseThrow()).toList(),
                "the roster result dropped, the ping result's id changed");
        XmlElement error = received.get(1).child("error", XmppNamespaces.CLIENT).orElseThrow();
        assertTrue(error.hasChild("item-not-found", XmppNamespaces.STANZA_ERRORS), error.toXml());
        assertFalse(error.hasChild("service-unavailable", XmppNamespaces.STANZA_ERRORS), error.toXml());
        assertTrue(error.hasChild("text", XmppNamespaces.STANZA_ERRORS), "the error's text is kept");
        assertEquals("cancel", error.attribute("type").orElseThrow());
        assertFalse(received.get(2).hasChild("thread", XmppNamespaces.CLIENT));
        assertTrue(received.get(2).hasChild("body", XmppNamespaces.CLIENT));
    }

    @Test
    void reorderingLetsTheNextElementOvertakeTheHeldOne() throws Exception {
        List<XmlElement> received = exchange(List.of(FaultRule.reorder("error-after-chat", Duration.ofSeconds(5),
                Match.attribute("id", "m-1"))));

        assertEquals(List.of("roster-1", "ping-1", "m-2", "m-1", "last"),
                received.stream().map(e -> e.attribute("id").orElseThrow()).toList(),
                "m-1 held back until m-2 had passed");
    }

    @Test
    void aRunOfMatchingElementsArrivesPairwiseSwapped() throws Exception {
        List<XmlElement> received = exchange(List.of(FaultRule.reorder("messages-swapped", Duration.ofMillis(500),
                Match.stanza("message"))));

        assertEquals(List.of("roster-1", "ping-1", "m-2", "m-1", "last"),
                received.stream().map(e -> e.attribute("id").orElseThrow()).toList(),
                "m-2 overtakes m-1; 'last' is held until the hold limit, nothing follows it");
    }

    @Test
    void aHeldElementGoesOnByItselfWhenNothingFollowsInTime() throws Exception {
        long start = System.nanoTime();
        List<XmlElement> received = exchange(List.of(FaultRule.reorder("hold-the-last", Duration.ofMillis(300),
                Match.attribute("id", "last"))));

        assertTrue(System.nanoTime() - start >= 300_000_000L, "the last message was held back for the limit");
        assertEquals("last", received.get(received.size() - 1).attribute("id").orElseThrow());
        assertEquals(SERVER_STANZAS.size(), received.size(), "nothing lost");
    }

    @Test
    void firedRulesNameTheRuleAndTheElement() throws Exception {
        try (Fixture fixture = new Fixture()) {
            fixture.proxy.rules(List.of(FaultRule.drop("drop-roster-result", Match.iq("result", "jabber:iq:roster"))));
            fixture.run(List.of(SERVER_STANZAS.get(0), SERVER_STANZAS.get(4)));
            List<FiredRule> fired = fixture.proxy.fired();
            assertEquals(1, fired.size(), fired.toString());
            assertEquals("drop-roster-result", fired.get(0).rule());
            assertTrue(fired.get(0).dropped());
            assertTrue(fired.get(0).before().contains("roster-1"), fired.get(0).before());
        }
    }

    @Test
    void anAnswerIsPickedByTheRequestItAnswers() throws Exception {
        try (Fixture fixture = new Fixture()) {
            fixture.proxy.rules(List.of(FaultRule.drop("drop-ping-result", Match.answerTo("urn:xmpp:ping"))));
            CompletableFuture<Void> server = fixture.serveLogin(stream -> {
                for (int i = 0; i < 2; i++) {
                    XmlElement request = stream.expect(e -> e.is("iq", XmppNamespaces.CLIENT), "a request");
                    stream.send("<iq type='result' id='" + request.attribute("id").orElseThrow() + "'/>");
                }
            });
            try (WireStream client = Fixture.loggedIn(fixture.client())) {
                client.send("<iq type='get' id='random-1'><ping xmlns='urn:xmpp:ping'/></iq>");
                client.send("<iq type='get' id='random-2'><query xmlns='jabber:iq:version'/></iq>");
                XmlElement answer = client.expect(e -> e.is("iq", XmppNamespaces.CLIENT), "an answer");
                assertEquals("random-2", answer.attribute("id").orElseThrow(), "the ping's answer was dropped");
                server.get(10, TimeUnit.SECONDS);
            }
            assertEquals(List.of("drop-ping-result"), fixture.proxy.fired().stream().map(FiredRule::rule).toList());
        }
    }

    @Test
    void removingBindFromTheFeaturesLeavesTheClientWithoutBinding() throws Exception {
        try (Fixture fixture = new Fixture()) {
            fixture.proxy.rules(List.of(FaultRule.removeChild("no-bind", "bind", XmppNamespaces.BIND, Match.streamFeatures())));
            CompletableFuture<Void> server = fixture.serveLogin(stream -> { });
            try (WireStream client = fixture.client()) {
                client.openStream();
                client.readFeatures();
                client.startTls();
                XmlElement features = client.authenticatePlain("alice", "secret");
                assertFalse(features.hasChild("bind", XmppNamespaces.BIND), features.toXml());
            }
            server.cancel(true);
        }
    }

    private static List<XmlElement> exchange(List<FaultRule> rules) throws Exception {
        try (Fixture fixture = new Fixture()) {
            fixture.proxy.rules(rules);
            return fixture.run(SERVER_STANZAS);
        }
    }

    interface ServerScript {
        void play(ServerStream stream) throws Exception;
    }

    /** A wire server for tool.test behind a proxy, and a client that trusts only the proxy's CA. */
    private static final class Fixture implements AutoCloseable {
        final XmppListener listener = XmppListener.open(ListenerOptions.client("tool.test")
                .withIdentity(SERVER_CA.issue("tool.test")).withTimeout(TIMEOUT));
        final FaultProxy proxy = FaultProxy.start("127.0.0.1", listener.port(), "tool.test",
                SERVER_CA.trustingContext(), PROXY_CA.issue("tool.test"), TIMEOUT, line -> { });

        Fixture() throws Exception {
        }

        WireStream client() throws Exception {
            return WireStream.connect(new WireEndpoint("127.0.0.1", proxy.port(), "tool.test",
                    PROXY_CA.trustingContext(), true, TIMEOUT));
        }

        CompletableFuture<Void> serveLogin(ServerScript afterLogin) {
            CompletableFuture<Void> outcome = new CompletableFuture<>();
            Thread thread = new Thread(() -> {
                try (ServerStream stream = listener.accept()) {
                    stream.acceptClientLogin(new ServerAccounts().add("alice", "secret"), "PLAIN");
                    afterLogin.play(stream);
                    outcome.complete(null);
                } catch (Throwable e) {
                    outcome.completeExceptionally(e);
                }
            }, "real-server");
            thread.setDaemon(true);
            thread.start();
            return outcome;
        }

        /** Logs in through the proxy, has the server send {@code stanzas}, returns what arrived up to "last". */
        List<XmlElement> run(List<String> stanzas) throws Exception {
            CompletableFuture<Void> server = serveLogin(stream -> {
                for (String stanza : stanzas) {
                    stream.send(stanza);
                }
                stream.expect(e -> e.is("message", XmppNamespaces.CLIENT), "the client's goodbye");
            });
            List<XmlElement> received = new ArrayList<>();
            try (WireStream client = loggedIn(client())) {
                XmlElement last;
                do {
                    last = client.expect(e -> true, "the server's stanzas");
                    received.add(last);
                } while (!last.attribute("id").orElse("").equals("last"));
                client.send("<message to='bob@tool.test'><body>bye</body></message>");
                server.get(10, TimeUnit.SECONDS);
            }
            return received;
        }

        static WireStream loggedIn(WireStream client) throws Exception {
            client.openStream();
            client.readFeatures();
            client.startTls();
            client.authenticatePlain("alice", "secret");
            assertEquals("alice@tool.test/phone", client.bind("phone"));
            return client;
        }

        @Override
        public void close() {
            proxy.close();
            listener.close();
        }
    }
}
