package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.jid.parts.Localpart;
import org.stanzalab.wire.TrafficListener;
import org.stanzalab.wire.WireEndpoint;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.Dialback;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.server.ServerNamespaces;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.XmppListener;

/**
 * Prosody federates with a domain the tool serves: the tool listens as {@code tool.test} on 127.0.0.3:5269 with a
 * certificate from the reference servers' CA (Prosody has {@code s2s_secure_auth}), and messages cross between a
 * Prosody user and the tool in both directions. Needs the reference servers (servers/up) and
 * {@code 127.0.0.3 tool.test} in /etc/hosts, so it runs only with {@code -Dstanzalab.demo.prosody=true} (./check
 * does that).
 */
@EnabledIfSystemProperty(named = "stanzalab.demo.prosody", matches = "true")
class ProsodyFederatesWithToolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path CERTS = Path.of(System.getProperty("stanzalab.certs", "../servers/state/certs"));

    static {
        // Surefire runs with -ea, and an assert in Smack 4.4's StandardExtensionElementProvider kills Smack's reader
        // on Prosody's own-presence echo (vcard-temp:x:update); the CLI runs without -ea.
        ProsodyFederatesWithToolTest.class.getClassLoader().setPackageAssertionStatus("org.jivesoftware.smack.parsing", false);
    }

    @Test
    void prosodyDeliversAMessageToTheToolOverDialback() throws Exception {
        receiveFromProsody(false);
    }

    @Test
    void prosodyDeliversAMessageToTheToolAfterSaslExternal() throws Exception {
        receiveFromProsody(true);
    }

    /**
     * A Prosody user writes to someone@tool.test; Prosody opens a server-to-server stream to the tool, which
     * verifies it (dialback: the tool asks prosody.test itself; EXTERNAL: Prosody's certificate) and takes the message.
     *
     * @param offerExternal offer SASL EXTERNAL besides dialback
     */
    private static void receiveFromProsody(boolean offerExternal) throws Exception {
        CertKit ca = referenceCa();
        ServerIdentity toolTest = ca.issue("tool.test");
        // Prosody believes the connection that asks it to verify a key only with a certificate (s2s_secure_auth).
        Dialback.Verifier askProsody = Dialback.askAuthoritativeServer(domain ->
                new WireEndpoint("127.0.0.1", 5269, domain, ca.clientContext(toolTest), true, TIMEOUT));
        String body = "hello tool.test " + UUID.randomUUID();
        List<String> transcript = new CopyOnWriteArrayList<>();

        try (XmppListener listener = XmppListener.open(toolTestListener(toolTest))) {
            CompletableFuture<String> tool = runBeside("tool.test", () -> {
                try (ServerStream stream = listener.accept(TIMEOUT)) {
                    stream.onTraffic(new Transcript(transcript));
                    String from = stream.acceptServerStream(new ServerAccounts().trustCertificatesOf(ca), offerExternal,
                            askProsody);
                    XmlElement message = stream.expect(e -> e.is("message", ServerNamespaces.SERVER)
                            && e.attribute("to").orElse("").equals("someone@tool.test"), "the message to someone@tool.test");
                    stream.closeStream(Duration.ofSeconds(5));
                    return from + ": " + message.childText("body", ServerNamespaces.SERVER).orElse("");
                }
            });

            try (ProsodyUser user = ProsodyUser.create(ca)) {
                user.send("someone@tool.test", body);
                assertEquals("prosody.test: " + body, tool.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError("the tool did not receive the message: " + e.getCause().getMessage()
                        + "\ntranscript of tool.test:\n" + String.join("\n", transcript), e.getCause());
            }
            // Prosody writes attributes in no fixed order, so the line is matched by its parts.
            java.util.function.Predicate<String> authenticated = offerExternal
                    ? line -> line.startsWith("< <auth ") && line.contains("mechanism='EXTERNAL'")
                    : line -> line.startsWith("< <db:result ");
            assertTrue(transcript.stream().anyMatch(authenticated),
                    "Prosody authenticated with " + (offerExternal ? "SASL EXTERNAL" : "dialback") + ":\n"
                            + String.join("\n", transcript));
        }
    }

    /**
     * The other direction: the tool opens a server-to-server stream to prosody.test as tool.test (dialback, with the
     * certificate Prosody requires), Prosody calls the tool's listener back to verify the key (on a stream it
     * authenticates with SASL EXTERNAL), and the tool's message
     * reaches a Prosody user.
     */
    @Test
    void toolDeliversAMessageToAProsodyUserOverDialback() throws Exception {
        CertKit ca = referenceCa();
        ServerIdentity toolTest = ca.issue("tool.test");
        String secret = UUID.randomUUID().toString();
        List<String> transcript = new CopyOnWriteArrayList<>();

        try (XmppListener listener = XmppListener.open(toolTestListener(toolTest)); ProsodyUser user = ProsodyUser.create(ca)) {
            CompletableFuture<Boolean> authority = runBeside("tool.test authority", () -> {
                try (ServerStream stream = listener.accept(TIMEOUT)) {
                    stream.onTraffic(new Transcript(transcript));
                    // Prosody calls back on a stream of its own, which it authenticates first (here by certificate).
                    stream.acceptServerStream(new ServerAccounts().trustCertificatesOf(ca), true, (request, id) -> false);
                    boolean valid = stream.answerDialbackVerify(secret);
                    stream.answerClose(Duration.ofSeconds(2));
                    return valid;
                }
            });
            String body = "hello from tool.test " + UUID.randomUUID();
            WireEndpoint prosody = new WireEndpoint("127.0.0.1", 5269, "prosody.test", ca.clientContext(toolTest), true,
                    TIMEOUT);
            try (WireStream outgoing = Dialback.originate(prosody, "tool.test", secret)) {
                outgoing.send("<message from='someone@tool.test/desk' to='" + user.jid() + "' type='chat'><body>"
                        + body + "</body></message>");
                assertEquals(body, user.nextMessageBody());
                outgoing.closeStream();
            } catch (WireException e) {
                throw new AssertionError("the tool's outgoing stream failed: " + e.getMessage()
                        + "\ntranscript of tool.test's listener:\n" + String.join("\n", transcript), e);
            }
            assertTrue(authority.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "the tool answered Prosody's key check: valid");
        }
    }

    private static CertKit referenceCa() throws java.io.IOException {
        return CertKit.loadCa(CERTS.resolve("ca.crt"), CERTS.resolve("ca.key"));
    }

    private static ListenerOptions toolTestListener(ServerIdentity identity) {
        return ListenerOptions.server("tool.test").at("127.0.0.3", 5269).withIdentity(identity).withTimeout(TIMEOUT);
    }

    @FunctionalInterface
    private interface Script<T> {
        T run() throws Exception;
    }

    /** The tool's part runs on a thread of its own while the test drives Prosody's side. */
    private static <T> CompletableFuture<T> runBeside(String name, Script<T> script) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                outcome.complete(script.run());
            } catch (Exception e) {
                outcome.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return outcome;
    }

    /** A throwaway Prosody account (in-band registration), logged in, collecting messages; removed on close. */
    private static final class ProsodyUser implements AutoCloseable {
        private final XMPPTCPConnection connection;
        private final StanzaCollector inbox;

        private ProsodyUser(XMPPTCPConnection connection) {
            this.connection = connection;
            this.inbox = connection.createStanzaCollector(StanzaTypeFilter.MESSAGE);
        }

        static ProsodyUser create(CertKit ca) throws Exception {
            XMPPTCPConnection connection = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain("prosody.test").setHost("127.0.0.1").setPort(5222)
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(ca.trustManager())
                    .setConnectTimeout((int) TIMEOUT.toMillis()).build());
            connection.setReplyTimeout(TIMEOUT.toMillis());
            connection.connect();
            String username = "sl-federation-" + UUID.randomUUID().toString().substring(0, 8);
            String password = UUID.randomUUID().toString();
            try {
                AccountManager.getInstance(connection).createAccount(Localpart.from(username), password);
                connection.login(username, password);
                return new ProsodyUser(connection);
            } catch (Exception e) {
                connection.instantShutdown();
                throw e;
            }
        }

        String jid() {
            return connection.getUser().toString();
        }

        void send(String to, String body) throws Exception {
            connection.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from(to)).ofType(Message.Type.chat)
                    .setBody(body).build());
        }

        String nextMessageBody() throws InterruptedException {
            Message message = inbox.nextResult(TIMEOUT.toMillis());
            return message == null ? null : message.getBody();
        }

        @Override
        public void close() throws Exception {
            inbox.cancel();
            try {
                AccountManager.getInstance(connection).deleteAccount();
            } catch (org.jivesoftware.smack.SmackException.NotConnectedException e) {
                // Prosody may end the deleted account's stream ("Account deleted") before Smack reads the IQ result:
                // the account is gone either way. Any other reason for the lost connection is still an error.
                if (!(e.getCause() instanceof org.jivesoftware.smack.XMPPException.StreamErrorException)) {
                    throw e;
                }
            } finally {
                // Prosody ends a deleted account's stream itself; a polite disconnect would wait for a closing tag.
                connection.instantShutdown();
            }
        }
    }

    private record Transcript(List<String> lines) implements TrafficListener {
        @Override
        public void sent(String data) {
            lines.add("> " + data);
        }

        @Override
        public void received(String data) {
            lines.add("< " + data);
        }

        @Override
        public void note(String event) {
            lines.add("* " + event);
        }
    }
}
