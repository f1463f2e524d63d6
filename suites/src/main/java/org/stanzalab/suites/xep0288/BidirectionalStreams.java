package org.stanzalab.suites.xep0288;

import static org.stanzalab.engine.Level.MUST;

import java.util.Optional;
import java.util.UUID;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireTimeoutException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * XEP-0288 bidirectional server-to-server streams, with the tool as the connecting server: where the server offers
 * {@code <bidi/>} after TLS, the tool enables it and authenticates with SASL EXTERNAL, and a message from a user of
 * the server to the tool's domain then comes back over the same stream, addressed to the authenticated domain.
 * Impossible where the feature is not offered.
 */
@StanzalabTest
class BidirectionalStreams {

    @Spec(document = "XEP-0288", version = "1.0.1", section = "2.1", level = MUST,
          requirement = "after the connecting server enabled bidi and authenticated by SASL, what the receiving server"
                  + " sends over the same stream is addressed to the authenticated domain")
    @Test
    void bidiStreamCarriesStanzasForAuthenticatedDomain(Lab lab) throws WireException {
        RemoteServer remote = lab.trustedRemoteServer("bidi.tool.test");
        RemoteServer.Secured probe = remote.secureOut(Tls.STARTTLS, lab.domain());
        lab.requireThat(probe.features().hasChild("bidi", RemoteServer.BIDI_FEATURE), lab.domain()
                + " does not offer bidirectional streams (" + RemoteServer.BIDI_FEATURE + ") after TLS on s2s: "
                + probe.features().toXml());
        probe.stream().close();
        Session alice = lab.newUser().connect();
        RemoteServer.Outgoing stream = remote.connectOut(Tls.STARTTLS, Auth.EXTERNAL, true);
        if (!stream.authenticated()) {
            throw new TestError("not run: " + lab.domain() + " did not accept bidi.tool.test (a good certificate) by SASL"
                    + " EXTERNAL on a bidirectional stream: " + stream.refusal());
        }
        String body = "bidi " + UUID.randomUUID();

        alice.sendMessage(JidCreate.entityBareFromOrThrowUnchecked("someone@" + remote.domain()), Message.Type.chat, body);

        Optional<XmlElement> arrived;
        try {
            arrived = Optional.of(stream.stream().expect(e -> e.name().equals("message")
                    && e.childText("body", ServerNamespaces.SERVER).map(body::equals).orElse(false),
                    "the message over the bidirectional stream", lab.timeouts().reply().multipliedBy(2)));
        } catch (WireTimeoutException none) {
            arrived = Optional.empty();
        }
        if (arrived.isEmpty()) {
            // Using the bidi stream is the point of the extension, not a stated duty: a connection of its own is allowed.
            if (remote.awaitStanza(e -> e.childText("body", ServerNamespaces.SERVER).map(body::equals).orElse(false),
                    lab.timeouts().reply()).isPresent()) {
                lab.transcript().note("verdict", lab.domain() + " sent the message over a connection of its own, not the"
                        + " bidirectional stream");
                return;
            }
            throw new TestError("not run: " + alice.bareJid() + "'s message to someone@bidi.tool.test reached bidi.tool.test"
                    + " neither over the bidirectional stream nor otherwise");
        }
        String to = arrived.get().attribute("to").orElse("");
        if (!to.endsWith("@" + remote.domain()) && !to.equals(remote.domain())) {
            throw new ServerFailure(lab.domain() + " sent a stanza for another domain than bidi.tool.test over the bidi stream: "
                    + arrived.get().toXml());
        }
    }
}
