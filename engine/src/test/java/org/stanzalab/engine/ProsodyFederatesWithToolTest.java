package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
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
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.server.CertKit;
import org.stanzalab.wire.server.Dialback;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerIdentity;
import org.stanzalab.wire.server.ServerNamespaces;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.XmppListener;

/**
 * Prosody federates with a domain the tool serves: the tool listens as {@code tool.test} on 127.0.0.3:5269 with a
 * certificate from the reference servers' CA, a Prosody user sends a message to {@code someone@tool.test},
 * Prosody opens a server-to-server stream, the tool verifies Prosody's dialback key with prosody.test itself, and
 * the message arrives. Needs the reference servers (servers/up) and {@code 127.0.0.3 tool.test} in /etc/hosts,
 * so it runs only with {@code -Dstanzalab.demo.prosody=true} (./check does that).
 */
@EnabledIfSystemProperty(named = "stanzalab.demo.prosody", matches = "true")
class ProsodyFederatesWithToolTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Path CERTS = Path.of(System.getProperty("stanzalab.certs", "../servers/state/certs"));

    @Test
    void prosodyDeliversAMessageToTheToolOverDialback() throws Exception {
        CertKit ca = CertKit.loadCa(CERTS.resolve("ca.crt"), CERTS.resolve("ca.key"));
        ServerIdentity toolTest = ca.issue("tool.test");
        ListenerOptions options = ListenerOptions.server("tool.test").at("127.0.0.3", 5269)
                .withIdentity(toolTest).withTimeout(TIMEOUT);
        // Prosody (s2s_secure_auth) believes the connection that asks it to verify a key only with a certificate.
        Dialback.Verifier askProsody = Dialback.askAuthoritativeServer(domain ->
                new WireEndpoint("127.0.0.1", 5269, domain, ca.clientContext(toolTest), true, TIMEOUT));
        String token = UUID.randomUUID().toString();
        List<String> transcript = new CopyOnWriteArrayList<>();

        try (XmppListener listener = XmppListener.open(options)) {
            CompletableFuture<String> tool = new CompletableFuture<>();
            Thread script = new Thread(() -> {
                try (ServerStream stream = listener.accept(TIMEOUT)) {
                    stream.onTraffic(new Transcript(transcript));
                    String from = stream.acceptServerStream(new ServerAccounts(), false, askProsody);
                    XmlElement message = stream.expect(e -> e.is("message", ServerNamespaces.SERVER)
                            && e.attribute("to").orElse("").equals("someone@tool.test"), "the message to someone@tool.test");
                    stream.closeStream(Duration.ofSeconds(5));
                    tool.complete(from + ": " + message.childText("body", ServerNamespaces.SERVER).orElse(""));
                } catch (Exception e) {
                    tool.completeExceptionally(e);
                }
            }, "tool.test");
            script.setDaemon(true);
            script.start();

            sendFromProsody("hello tool.test " + token);

            try {
                assertEquals("prosody.test: hello tool.test " + token, tool.get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS));
            } catch (ExecutionException e) {
                throw new AssertionError("the tool did not receive the message: " + e.getCause().getMessage()
                        + "\ntranscript of tool.test:\n" + String.join("\n", transcript), e.getCause());
            }
        }
    }

    /** A throwaway Prosody account (in-band registration) sends the message, then is removed again. */
    private static void sendFromProsody(String body) throws Exception {
        XMPPTCPConnection prosody = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                .setXmppDomain("prosody.test").setHost("127.0.0.1").setPort(5222)
                .setSecurityMode(SecurityMode.required)
                .setCustomX509TrustManager(CertKit.loadCa(CERTS.resolve("ca.crt"), CERTS.resolve("ca.key")).trustManager())
                .setSendPresence(false).setConnectTimeout((int) TIMEOUT.toMillis()).build());
        prosody.setReplyTimeout(TIMEOUT.toMillis());
        String username = "sl-federation-" + UUID.randomUUID().toString().substring(0, 8);
        String password = UUID.randomUUID().toString();
        prosody.connect();
        AccountManager accounts = AccountManager.getInstance(prosody);
        accounts.createAccount(Localpart.from(username), password);
        try {
            prosody.login(username, password);
            prosody.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("someone@tool.test"))
                    .ofType(Message.Type.chat).setBody(body).build());
        } finally {
            if (prosody.isAuthenticated()) {
                accounts.deleteAccount();
            }
            prosody.disconnect();
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
