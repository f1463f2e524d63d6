package org.stanzalab.suites.xep0198;

import static org.stanzalab.engine.Level.MUST;

import java.util.UUID;
import org.junit.jupiter.api.Test;
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
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.server.ServerNamespaces;

/**
 * XEP-0198 on a server-to-server stream, with the tool as the peer server ({@code sm.tool.test}, authenticated by SASL
 * EXTERNAL): where the server offers stream management after authentication, enabling it is answered with
 * {@code <enabled/>} and acks count exactly the stanzas the tool sent. Impossible where it is not offered.
 */
@StanzalabTest
class ServerToServer {
    private static final String NS = StreamManagement.NS;
    private static final String DOMAIN = "sm.tool.test";

    @Spec(document = "XEP-0198", version = "1.6.3", section = "3", level = MUST,
          requirement = "a server that offers stream management on an authenticated server-to-server stream answers"
                  + " <enable/> from the peer with <enabled/> (or <failed/>), and the stream goes on")
    @Test
    void enableOnServerToServerStream(Lab lab) throws WireException {
        RemoteServer.Outgoing stream = offeringStreamManagement(lab);

        stream.send("<enable xmlns='" + NS + "'/>");

        XmlElement answer = stream.stream().expect(e -> e.namespace().equals(NS) && (e.name().equals("enabled")
                || e.name().equals("failed")), "<enabled/> or <failed/>", lab.timeouts().reply().multipliedBy(2));
        lab.transcript().note("answer", answer.toXml());
    }

    @Spec(document = "XEP-0198", version = "1.6.3", section = "4", level = MUST,
          requirement = "on a server-to-server stream with stream management enabled, the server's <a/> counts every"
                  + " stanza the peer sent since enabling: 'h' is 3 after three messages")
    @Test
    void ackCountsStanzasOfPeer(Lab lab) throws WireException {
        RemoteServer.Outgoing stream = offeringStreamManagement(lab);
        Session alice = lab.newUser().connect();
        stream.send("<enable xmlns='" + NS + "'/>");
        XmlElement answer = stream.stream().expect(e -> e.namespace().equals(NS) && (e.name().equals("enabled")
                || e.name().equals("failed")), "<enabled/> or <failed/>", lab.timeouts().reply().multipliedBy(2));
        if (answer.name().equals("failed")) {
            throw new Impossible(lab.domain() + " offers stream management on s2s but refused to enable it for "
                    + stream.authenticatedFeatures() + ": " + answer.toXml());
        }

        for (int i = 0; i < 3; i++) {
            stream.send("<message xmlns='" + ServerNamespaces.SERVER + "' from='someone@" + DOMAIN + "/desk' to='"
                    + XmlEscape.attribute(alice.jid().toString()) + "' type='chat' id='" + UUID.randomUUID() + "'><body>"
                    + i + "</body></message>");
        }
        stream.send("<r xmlns='" + NS + "'/>");

        XmlElement ack = stream.stream().expect(e -> e.is("a", NS), "<a/>", lab.timeouts().reply().multipliedBy(2));
        String h = ack.attribute("h").orElse("");
        if (!h.equals("3")) {
            throw new ServerFailure(lab.domain() + " acknowledged h='" + h + "' after three messages from the peer: "
                    + ack.toXml());
        }
    }

    /** A stream authenticated as sm.tool.test whose restarted features list stream management; impossible if not. */
    private static RemoteServer.Outgoing offeringStreamManagement(Lab lab) {
        RemoteServer remote = lab.trustedRemoteServer(DOMAIN);
        RemoteServer.Outgoing stream = remote.connectOut(Tls.STARTTLS, Auth.EXTERNAL);
        if (!stream.authenticated()) {
            throw new TestError("not run: " + lab.domain() + " did not accept " + DOMAIN + " (a good certificate) by SASL"
                    + " EXTERNAL: " + stream.refusal());
        }
        XmlElement features = stream.authenticatedFeatures();
        if (features == null || !features.hasChild("sm", NS)) {
            throw new Impossible(lab.domain() + " offers no stream management (" + NS + ") on an authenticated"
                    + " server-to-server stream: " + (features == null ? "no features" : features.toXml()));
        }
        return stream;
    }
}
