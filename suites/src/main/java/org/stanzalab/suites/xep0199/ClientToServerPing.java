package org.stanzalab.suites.xep0199;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;

/** XEP-0199 XMPP Ping, client-to-server. */
@StanzalabTest
class ClientToServerPing {
    private static final String PING = "urn:xmpp:ping";

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.2", level = MUST,
          requirement = "a server that supports ping answers a ping addressed to it with an IQ result")
    @Test
    void serverAnswersPingWithResult(Lab lab) {
        lab.requireFeature(PING);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(new Ping(lab.domainJid()));

        assertEquals(IQ.Type.result, reply.getType(), "reply to a ping of " + lab.domain());
    }

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.2", level = MUST,
          requirement = "a ping without a 'to' address is handled by the server for the account and answered with a result")
    @Test
    void pingWithoutAddressIsAnsweredByServer(Lab lab) {
        lab.requireFeature(PING);
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(new Ping());

        assertEquals(IQ.Type.result, reply.getType(), "reply to a ping with no 'to'");
    }

    @Spec(document = "XEP-0199", version = "2.0.1", section = "4.2", level = MUST,
          requirement = "a server answers a ping either with a result or, if it lacks ping, with service-unavailable")
    @Test
    void pingIsAnsweredWithResultOrServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();

        IQ reply = alice.request(new Ping(lab.domainJid()));

        assertTrue(reply.getType() == IQ.Type.result
                        || reply.getError() != null && reply.getError().getCondition() == StanzaError.Condition.service_unavailable,
                "a ping must get a result or <service-unavailable/>, got " + reply.toXML());
    }

    @Spec(document = "XEP-0199", version = "2.0.1", section = "5", level = MUST,
          requirement = "a server that answers pings advertises urn:xmpp:ping in its disco#info")
    @Test
    void answeringServerAdvertisesPing(Lab lab) {
        Session alice = lab.newUser().connect();
        IQ reply = alice.request(new Ping(lab.domainJid()));
        lab.requireThat(reply.getType() == IQ.Type.result, "the server does not answer pings");

        assertTrue(lab.serverInfo().containsFeature(PING),
                "the server answered a ping but its disco#info lacks " + PING);
    }
}
