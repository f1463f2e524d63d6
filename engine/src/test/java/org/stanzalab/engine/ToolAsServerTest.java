package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jivesoftware.smack.ConnectionConfiguration.SecurityMode;
import org.jivesoftware.smack.StanzaCollector;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.MessageBuilder;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smack.tcp.XMPPTCPConnectionConfiguration;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.certs.CertKit;
import org.stanzalab.wire.server.ListenerOptions;
import org.stanzalab.wire.server.ServerAccounts;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.XmppListener;

/**
 * The tool as a server for a real client library: Smack connects to the wire layer's server side on loopback,
 * negotiates STARTTLS (trusting the kit's CA, verifying the name), authenticates with SCRAM, binds, and the two
 * exchange a message each way.
 */
class ToolAsServerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    @Test
    void smackLogsInToTheToolAndExchangesMessages() throws Exception {
        CertKit ca = CertKit.newCa("Stanzalab engine test CA");
        ServerAccounts accounts = new ServerAccounts().add("alice", "wonderland");
        ListenerOptions options = ListenerOptions.client("tool.test").withIdentity(ca.issue("tool.test")).withTimeout(TIMEOUT);
        try (XmppListener listener = XmppListener.open(options)) {
            CompletableFuture<String> tool = new CompletableFuture<>();
            Thread script = new Thread(() -> {
                try (ServerStream stream = listener.accept()) {
                    String jid = stream.acceptClientLogin(accounts, "SCRAM-SHA-1", "PLAIN");
                    XmlElement message = stream.expect(e -> e.is("message", XmppNamespaces.CLIENT), "Smack's message");
                    stream.send("<message from='bob@tool.test/desk' to='" + jid + "' type='chat'><body>hello alice</body></message>");
                    stream.answerClose(TIMEOUT);
                    tool.complete(jid + " said " + message.childText("body", XmppNamespaces.CLIENT).orElse("nothing"));
                } catch (Exception e) {
                    tool.completeExceptionally(e);
                }
            }, "tool-as-server");
            script.setDaemon(true);
            script.start();

            XMPPTCPConnection smack = new XMPPTCPConnection(XMPPTCPConnectionConfiguration.builder()
                    .setXmppDomain("tool.test")
                    .setHost("127.0.0.1")
                    .setPort(listener.port())
                    .setSecurityMode(SecurityMode.required)
                    .setCustomX509TrustManager(ca.trustManager())
                    .setUsernameAndPassword("alice", "wonderland")
                    .setResource("phone")
                    .setSendPresence(false)
                    .setConnectTimeout((int) TIMEOUT.toMillis())
                    .build());
            smack.setReplyTimeout(TIMEOUT.toMillis());
            try {
                smack.connect().login();
                assertTrue(smack.isSecureConnection(), "Smack negotiated TLS");
                assertEquals("alice@tool.test/phone", smack.getUser().toString());
                try (StanzaCollector inbox = smack.createStanzaCollector(StanzaTypeFilter.MESSAGE)) {
                    smack.sendStanza(MessageBuilder.buildMessage().to(JidCreate.from("bob@tool.test"))
                            .ofType(Message.Type.chat).setBody("hello tool").build());
                    Message received = inbox.nextResult(TIMEOUT.toMillis());
                    assertEquals("hello alice", received == null ? null : received.getBody());
                }
            } finally {
                smack.disconnect();
            }
            assertEquals("alice@tool.test/phone said hello tool", tool.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS));
        }
    }
}
