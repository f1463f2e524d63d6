package org.stanzalab.suites.xep0178;

import static org.stanzalab.engine.Level.SHOULD;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.federation.PeerProbes;
import org.stanzalab.engine.federation.RemoteServer;
import org.stanzalab.engine.federation.RemoteServer.Auth;
import org.stanzalab.engine.federation.RemoteServer.Tls;

/**
 * XEP-0178 §3 (server-to-server): a peer presenting a certificate from a CA the server trusts, naming the domain,
 * authenticates with SASL EXTERNAL, and what it sends then reaches the server's users. The counterpart to
 * rfc6120.PeerCertificates: without it those refusals could come from a server that refuses everyone.
 */
@StanzalabTest
class ServerToServerExternal {

    @Spec(document = "XEP-0178", version = "1.2", section = "3", level = SHOULD,
          requirement = "a server that offers SASL EXTERNAL to a peer whose certificate validates for its domain lets it"
                  + " authenticate as that domain, and then takes its stanzas")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Tls.class)
    void externalAcceptedForValidCertificate(Tls tls, Lab lab) {
        RemoteServer remote = lab.trustedRemoteServer("good.tool.test");
        Session alice = lab.newUser().connect();
        RemoteServer.Outgoing outcome = remote.connectOut(tls, Auth.EXTERNAL);
        lab.requireThat(outcome.authenticated() || outcome.mechanismsOffered().contains("EXTERNAL"),
                lab.domain() + " does not offer SASL EXTERNAL to " + remote.domain() + " with a good certificate (offered "
                        + outcome.mechanismsOffered() + "; " + outcome.refusal() + ")");
        if (!outcome.authenticated()) {
            throw new ServerFailure(lab.domain() + " offered SASL EXTERNAL to " + remote.domain()
                    + ", whose certificate is good, and then refused it: " + outcome.refusal());
        }
        PeerProbes.messageReachesUser(lab, remote, outcome, alice);
    }
}
