package org.stanzalab.suites.xep0199;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.ping.PingManager;
import org.jivesoftware.smackx.ping.packet.Ping;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** XEP-0199 pings that the server routes to clients, answers for accounts, or that its components answer. */
@StanzalabTest
class PingRouting {
    private static final String VERSION = "2.0.1";
    private static final String PING = "urn:xmpp:ping";

    @Spec(document = "XEP-0199", version = VERSION, section = "4.4", level = SHOULD,
          requirement = "a ping to the full JID of a connected client reaches that client, and the client's result comes"
                  + " back to the pinger from that full JID")
    @Test
    void pingToFullJidIsAnsweredByThatClient(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect().available();
        PingManager.getInstanceFor(bob.smack()); // bob's client answers pings with a result

        IQ reply = alice.request(new Ping(bob.jid()));

        bob.expectIq("the ping of " + alice.jid(), iq -> iq instanceof Ping && alice.jid().equals(iq.getFrom()));
        assertEquals(IQ.Type.result, reply.getType(), "reply to the ping of " + bob.jid() + ": " + reply.toXML());
        assertEquals(bob.jid(), reply.getFrom(), "the pong must come from the full JID that was pinged");
    }

    @Spec(document = "XEP-0199", version = VERSION, section = "4.2", level = MUST,
          requirement = "a ping to the client's own bare JID is handled by the server on the account's behalf and answered"
                  + " with a result, without reaching the client")
    @Test
    void pingToOwnBareJidIsAnsweredByServer(Lab lab) {
        lab.requireFeature(PING);
        Session alice = lab.newUser().connect().available();

        IQ reply = alice.request(new Ping(alice.bareJid()));

        assertEquals(IQ.Type.result, reply.getType(), "reply to a ping of " + alice.bareJid() + ": " + reply.toXML());
        alice.expectNothingBefore(alice.sendMarkerIq(null), IQ.class, "the ping forwarded to the client itself",
                iq -> iq instanceof Ping && iq.getType() == IQ.Type.get);
    }

    @Spec(document = "XEP-0199", version = VERSION, section = "7", level = MUST,
          requirement = "a ping to a full JID of an existing account with no such connected resource is answered with"
                  + " service-unavailable from that full JID")
    @Test
    void pingToUnboundFullJidIsServiceUnavailableFromThatJid(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        bob.connect().available(); // the account is online, but not under the resource pinged
        Jid unbound = JidCreate.entityFullFromOrThrowUnchecked(bob.jid() + "/gone-" + UUID.randomUUID().toString().substring(0, 6));

        IQ reply = alice.request(new Ping(unbound));

        assertEquals(StanzaError.Condition.service_unavailable, reply.getError() == null ? null : reply.getError().getCondition(),
                "reply to a ping of " + unbound + ": " + reply.toXML());
        assertEquals(unbound, reply.getFrom(), "the error must come from the full JID that was pinged");
    }

    @Spec(document = "XEP-0199", version = VERSION, section = "7", level = MUST,
          requirement = "a ping to a full JID of an account that has no connected resource at all is answered with"
                  + " service-unavailable from that full JID")
    @Test
    void pingToFullJidOfOfflineAccountIsServiceUnavailable(Lab lab) {
        Session alice = lab.newUser().connect();
        User bob = lab.newUser();
        Jid offline = JidCreate.entityFullFromOrThrowUnchecked(bob.jid() + "/phone");

        IQ reply = alice.request(new Ping(offline));

        assertEquals(StanzaError.Condition.service_unavailable, reply.getError() == null ? null : reply.getError().getCondition(),
                "reply to a ping of " + offline + ": " + reply.toXML());
        assertEquals(offline, reply.getFrom(), "the error must come from the full JID that was pinged");
    }

    /** The server's components a client can ping. */
    enum Component {
        GROUP_CHAT("conference", "text", "group chat"),
        UPLOAD("store", "file", "HTTP file upload"),
        PUBSUB("pubsub", "service", "publish-subscribe");

        final String category;
        final String type;
        final String what;

        Component(String category, String type, String what) {
            this.category = category;
            this.type = type;
            this.what = what;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0199", version = VERSION, section = "5", level = MUST,
          requirement = "a component of the server answers a ping with a result exactly when it lists urn:xmpp:ping in its"
                  + " disco#info")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Component.class)
    void componentAnswersPingAsItAdvertises(Component component, Lab lab) {
        Jid service = lab.requireService(component.category, component.type, component.what);
        Session alice = lab.newUser().connect();
        IQ infoReply = alice.request(DiscoverInfo.builder(alice.smack()).to(service).ofType(IQ.Type.get).build());
        lab.requireThat(infoReply instanceof DiscoverInfo && infoReply.getType() == IQ.Type.result,
                service + " refused disco#info: " + infoReply.toXML());
        boolean advertised = ((DiscoverInfo) infoReply).containsFeature(PING);

        IQ reply = alice.request(new Ping(service));

        if (advertised) {
            assertEquals(IQ.Type.result, reply.getType(), service + " lists " + PING + " but answered a ping with " + reply.toXML());
        } else {
            assertTrue(reply.getType() == IQ.Type.error, service + " answered a ping with a result but does not list " + PING
                    + " in its disco#info");
        }
    }
}
