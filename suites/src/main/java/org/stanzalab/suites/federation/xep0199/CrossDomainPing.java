package org.stanzalab.suites.federation.xep0199;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.federation.rfc6120.CrossRoute;
import org.stanzalab.wire.XmlElement;

/** XEP-0199 pings that cross the federation: of the other server itself, and of a client connected to it. */
@StanzalabTest
class CrossDomainPing {
    static final String PING = "urn:xmpp:ping";

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.3", level = MUST,
          requirement = "a server that lists urn:xmpp:ping answers a ping that reaches it over the server-to-server stream from "
                  + "another domain (sent by a user there) with a result, from its own domain")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteServerAnswersPingWithResult(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        route.away.requireFeature(PING);
        // the set-up's ping only shows that the route works (any answer from that domain); the test's ping is judged
        RawSession alice = route.homeUser();

        XmlElement reply = alice.ping(route.away.domain());

        assertEquals("result", reply.attribute("type").orElse(null), "the answer of " + route.away.domain() + " to a ping: " + reply.toXml());
        assertEquals(route.away.domain(), reply.attribute("from").orElse(null), "'from' of the answer: " + reply.toXml());
    }

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.4", level = SHOULD,
          requirement = "a ping from a user of another domain to the full JID of a connected client reaches that client, and the "
                  + "client's result comes back to the pinger from that full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void pingOfRemoteClientIsRoutedBothWays(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();
        // RFC 6121 §8.5.3.1 lets a server refuse IQs to a full JID from someone its user shares no presence with
        lab.setUp("bob shares presence with alice", () -> {
            bob.send("<presence to='" + alice.jid() + "'/>");
            alice.expect("the directed presence of " + bob.jid(), e -> Stanzas.isStanza(e, "presence") && bob.jid().equals(e.attribute("from").orElse(null)));
        });

        String id = alice.newId("ping");
        alice.send("<iq type='get' id='" + id + "' to='" + bob.jid() + "'><ping xmlns='" + PING + "'/></iq>");
        XmlElement ping = bob.expect("the ping '" + id + "' from " + alice.jid(), e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
        assertEquals(alice.jid(), ping.attribute("from").orElse(null), "'from' of the delivered ping: " + ping.toXml());
        bob.send("<iq type='result' id='" + id + "' to='" + alice.jid() + "'/>");

        XmlElement reply = alice.expect("the result of ping '" + id + "'", e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
        assertEquals("result", reply.attribute("type").orElse(null), "the answer to the ping: " + reply.toXml());
        assertEquals(bob.jid(), reply.attribute("from").orElse(null), "'from' of the answer: " + reply.toXml());
    }
}
