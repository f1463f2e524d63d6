package org.stanzalab.suites.xep0206;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0124.Bosh;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.transport.BoshHttp;

/** XEP-0206: an XMPP session over BOSH, and what it carries between a BOSH client and an ordinary TCP client. */
@StanzalabTest
class XmppOverBosh {
    private static final String CLIENT = "jabber:client";

    @Spec(document = "XEP-0206", version = "1.4", section = "4", level = SHOULD,
          requirement = "the manager gives the XMPP version and the stream features, in the creation response or as soon as it has them")
    @Test
    void sessionGivesVersionAndStreamFeatures(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        BoshHttp.Response creation = bosh.create();

        XmlElement features = bosh.awaitFeatures();

        assertEquals("1.0", creation.attribute("{" + Bosh.XBOSH + "}version").orElse("(none)"),
                "xmpp:version of the session creation response: " + creation.text());
        assertTrue(features.child("mechanisms", Bosh.SASL).isPresent(), "the first features offer no SASL mechanisms: " + features.toXml());
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "5", level = MUST,
          requirement = "after SASL success a restart request opens a new stream and the manager passes on its features, which offer binding")
    @Test
    void restartAfterSaslGivesNewFeaturesThatOfferBinding(Lab lab) {
        User alice = lab.newUser();
        Bosh bosh = Bosh.connect(lab);
        bosh.create();

        bosh.authenticateAndRestart(alice);
        XmlElement features = bosh.awaitFeatures();

        assertTrue(features.child("bind", Bosh.BIND).isPresent(), "the features after the restart offer no binding: " + features.toXml());
        assertTrue(features.child("mechanisms", Bosh.SASL).isEmpty(), "the features after the restart still offer SASL: " + features.toXml());
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "4", level = MUST,
          requirement = "a manager that restarts streams says so with xmpp:restartlogic='true' in its session creation response")
    @Test
    void managerThatRestartsAdvertisesRestartLogic(Lab lab) {
        User alice = lab.newUser();
        Bosh bosh = Bosh.connect(lab);
        BoshHttp.Response creation = bosh.create();
        bosh.authenticateAndRestart(alice);
        lab.requireThat(bosh.awaitFeatures().child("bind", Bosh.BIND).isPresent(), "the manager does not restart streams");

        String restartLogic = creation.attribute("{" + Bosh.XBOSH + "}restartlogic").orElse("(absent)");
        assertTrue(restartLogic.equals("true") || restartLogic.equals("1"),
                "the manager restarted the stream, but its session creation response has xmpp:restartlogic=" + restartLogic + ": " + creation.text());
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "5", level = MUST,
          requirement = "resource binding over the restarted stream gives the client a full JID of its account")
    @Test
    void bindingOverBoshGivesAFullJid(Lab lab) {
        User alice = lab.newUser();
        Bosh bosh = Bosh.connect(lab);
        bosh.create();
        bosh.authenticateAndRestart(alice);

        String jid = bosh.bind("over-bosh");

        assertTrue(jid.startsWith(alice.jid().toString() + "/"), "bound JID " + jid + " is not a full JID of " + alice.jid());
    }

    @Spec(document = "XEP-0124", version = "1.11.2", section = "8", level = MUST,
          requirement = "a message a BOSH client sends is forwarded to the server and reaches a TCP client")
    @Test
    void messageFromBoshReachesTcpClient(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        String aliceJid = bosh.login(lab.newUser(), "bosh");
        Session bob = lab.newUser().connect();

        bosh.request("<message xmlns='jabber:client' type='chat' id='from-bosh' to='" + bob.jid() + "'><body>over http</body></message>");

        Message got = bob.expectMessage("alice's message sent over BOSH", m -> "from-bosh".equals(m.getStanzaId()));
        assertEquals("over http", got.getBody());
        assertEquals(aliceJid, String.valueOf(got.getFrom()), "sender of the message");
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "2", level = SHOULD,
          requirement = "a message for a BOSH client arrives as a complete jabber:client message inside a response body")
    @Test
    void messageFromTcpReachesBoshClient(Lab lab) {
        Bosh bosh = Bosh.connect(lab);
        String aliceJid = bosh.login(lab.newUser(), "bosh");
        Session bob = lab.newUser().connect();

        bob.send(org.jivesoftware.smack.packet.MessageBuilder.buildMessage("to-bosh").to(org.jxmpp.jid.impl.JidCreate.fromOrThrowUnchecked(aliceJid))
                .ofType(Message.Type.chat).setBody("over tcp").build());

        XmlElement got = bosh.await("bob's message", p -> p.name().equals("message") && "to-bosh".equals(p.attribute("id").orElse("")));
        assertEquals(CLIENT, got.namespace(), "namespace of the delivered message: " + got.toXml());
        assertEquals("over tcp", got.childText("body", CLIENT).orElse(""), got.toXml());
        assertEquals(bob.jid().toString(), got.attribute("from").orElse(""), "sender of the delivered message");
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "2", level = SHOULD,
          requirement = "presence travels both ways between a BOSH client and its subscribed TCP contact as complete jabber:client stanzas")
    @Test
    void presenceTravelsBetweenBoshAndTcpContacts(Lab lab) {
        Pair pair = Pair.subscribed(lab);

        pair.bosh.request("<presence xmlns='jabber:client'><status>on the web</status></presence>");

        Presence seen = pair.bob.expectPresence("alice's presence sent over BOSH",
                p -> p.getType() == Presence.Type.available && pair.aliceJid.equals(String.valueOf(p.getFrom())));
        assertEquals("on the web", seen.getStatus());
        XmlElement back = pair.bosh.await("bob's presence, sent to alice's new available resource",
                p -> p.name().equals("presence") && pair.bob.jid().toString().equals(p.attribute("from").orElse(""))
                        && p.attribute("type").isEmpty());
        assertEquals(CLIENT, back.namespace(), back.toXml());
    }

    @Spec(document = "XEP-0206", version = "1.4", section = "2", level = SHOULD,
          requirement = "a roster request over BOSH is answered with the account's roster as a complete jabber:client IQ")
    @Test
    void rosterIsServedOverBosh(Lab lab) {
        Pair pair = Pair.subscribed(lab);

        pair.bosh.request("<iq xmlns='jabber:client' type='get' id='roster1'><query xmlns='jabber:iq:roster'/></iq>");

        XmlElement result = pair.bosh.await("the roster result", p -> p.name().equals("iq") && "roster1".equals(p.attribute("id").orElse("")));
        assertEquals("result", result.attribute("type").orElse(""), result.toXml());
        boolean hasBob = result.child("query", "jabber:iq:roster").map(q -> q.children().stream()
                .anyMatch(i -> pair.bob.bareJid().toString().equals(i.attribute("jid").orElse("")))).orElse(false);
        assertTrue(hasBob, "the roster read over BOSH lacks the contact " + pair.bob.bareJid() + ": " + result.toXml());
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "when a BOSH session is terminated without unavailable presence, the server tells the subscribed contacts the resource is unavailable")
    @Test
    void terminatedBoshSessionGoesOfflineForContacts(Lab lab) {
        Pair pair = Pair.subscribed(lab);
        pair.bosh.request("<presence xmlns='jabber:client'/>");
        pair.bob.expectPresence("alice's presence over BOSH",
                p -> p.getType() == Presence.Type.available && pair.aliceJid.equals(String.valueOf(p.getFrom())));

        pair.bosh.terminate("");

        pair.bob.expectPresence("unavailable presence of " + pair.aliceJid + " after her BOSH session was terminated",
                p -> p.getType() == Presence.Type.unavailable && pair.aliceJid.equals(String.valueOf(p.getFrom())));
    }

    /** Bob (TCP, available) is subscribed to alice's presence and she to his; alice is then logged in over BOSH. */
    private record Pair(Bosh bosh, String aliceJid, Session bob) {
        static Pair subscribed(Lab lab) {
            User alice = lab.newUser();
            Session bob = lab.newUser().connect();
            bob.available();
            Session aliceTcp = alice.connect().available();
            Subscription.establish(lab, bob, aliceTcp, false);
            Subscription.establish(lab, aliceTcp, bob, true);
            aliceTcp.close();
            bob.forget();
            Bosh bosh = Bosh.connect(lab);
            String aliceJid = bosh.login(alice, "bosh");
            return new Pair(bosh, aliceJid, bob);
        }
    }
}
