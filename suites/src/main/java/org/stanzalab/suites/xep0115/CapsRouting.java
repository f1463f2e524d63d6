package org.stanzalab.suites.xep0115;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0115 as every server must carry it: a client's caps element in its presence reaches the contacts as the client
 * wrote it (a server may leave out repeats, §8.4, but never the first one a subscriber gets, nor a change), and the
 * disco#info request for a caps node reaches the client that advertised it. The client with caps is driven by the
 * wire driver, so its presence is exactly what the test wrote.
 */
@StanzalabTest
class CapsRouting {
    private static final String VERSION = "1.6.0";
    private static final String NODE = "urn:stanzalab:caps-client";
    private static final SecureRandom RANDOM = new SecureRandom();

    @Spec(document = "XEP-0115", version = VERSION, section = "8.4", level = MUST,
          requirement = "the first presence a new subscriber receives from a contact who sent caps carries the contact's"
                  + " caps element unchanged")
    @Test
    void presenceAfterApprovalCarriesCaps(Lab lab) {
        RawSession alice = withRoster(lab.raw().authenticate(lab.newUser()).bind());
        String ver = randomVer();
        sendPresence(alice, "with caps", ver);
        alice.sync();
        Session bob = lab.newUser().connect().available();

        subscribe(lab, bob, alice);

        Presence first = bob.expectPresence("the presence of " + alice.jid() + " after the approval",
                p -> p.getType() == Presence.Type.available && alice.jid().equals(p.getFrom().toString()));
        assertCaps(first, ver);
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "8.4", level = MUST,
          requirement = "a change of a contact's caps (a new ver) reaches every subscriber")
    @Test
    void changedCapsReachEverySubscriber(Lab lab) {
        RawSession alice = withRoster(lab.raw().authenticate(lab.newUser()).bind());
        alice.send("<presence/>");
        Session bob = lab.newUser().connect().available();
        Session carol = lab.newUser().connect().available();
        subscribe(lab, bob, alice);
        subscribe(lab, carol, alice);
        String before = randomVer();
        String after = randomVer();

        sendPresence(alice, "caps before", before);
        sendPresence(alice, "caps after", after);

        for (Session subscriber : new Session[] {bob, carol}) {
            Presence changed = subscriber.expectPresence("the presence of " + alice.jid() + " with status 'caps after'",
                    p -> alice.jid().equals(p.getFrom().toString()) && "caps after".equals(p.getStatus()));
            assertCaps(changed, after);
        }
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "8.4", level = MUST,
          requirement = "a subscriber's resource that comes online later gets the contact's current presence with its caps"
                  + " element (the server's answer to the probe)")
    @Test
    void presenceForLaterResourceCarriesCaps(Lab lab) {
        RawSession alice = withRoster(lab.raw().authenticate(lab.newUser()).bind());
        alice.send("<presence/>");
        var bobAccount = lab.newUser();
        Session bob = bobAccount.connect().available();
        subscribe(lab, bob, alice);
        String ver = randomVer();
        sendPresence(alice, "with caps", ver);
        bob.expectPresence("(setup) the presence of " + alice.jid() + " with caps", p -> alice.jid().equals(p.getFrom().toString())
                && "with caps".equals(p.getStatus()));

        Session laptop = bobAccount.connect();
        requestRoster(laptop);
        laptop.available();

        Presence probed = laptop.expectPresence("the presence of " + alice.jid() + " on " + bob.bareJid() + "'s new resource",
                p -> p.getType() == Presence.Type.available && alice.jid().equals(p.getFrom().toString()));
        assertCaps(probed, ver);
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "8.4", level = MUST,
          requirement = "when two resources of a contact send different caps, a subscriber gets each resource's presence"
                  + " with that resource's own caps")
    @Test
    void eachResourceKeepsItsOwnCaps(Lab lab) {
        var aliceAccount = lab.newUser();
        RawSession phone = withRoster(lab.raw().authenticate(aliceAccount).bind());
        RawSession desktop = withRoster(lab.raw().authenticate(aliceAccount).bind());
        phone.send("<presence/>");
        desktop.send("<presence/>");
        Session bob = lab.newUser().connect().available();
        subscribe(lab, bob, phone);
        String phoneVer = randomVer();
        String desktopVer = randomVer();

        sendPresence(phone, "phone caps", phoneVer);
        sendPresence(desktop, "desktop caps", desktopVer);

        for (Map.Entry<RawSession, String> resource : Map.of(phone, phoneVer, desktop, desktopVer).entrySet()) {
            String from = resource.getKey().jid();
            Presence presence = bob.expectPresence("the presence of " + from + " with its caps",
                    p -> from.equals(p.getFrom().toString()) && p.getStatus() != null && p.getStatus().endsWith(" caps"));
            assertCaps(presence, resource.getValue());
        }
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "8.3", level = SHOULD,
          requirement = "directed presence annotated with caps reaches its addressee, who shares no subscription, with the"
                  + " caps element unchanged")
    @Test
    void directedPresenceCarriesCaps(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        Session bob = lab.newUser().connect().available();
        String ver = randomVer();

        alice.send("<presence to='" + bob.jid() + "'><status>directed caps</status>" + Caps.element(NODE, ver) + "</presence>");

        Presence directed = bob.expectPresence("the directed presence of " + alice.jid(),
                p -> alice.jid().equals(p.getFrom().toString()) && "directed caps".equals(p.getStatus()));
        assertCaps(directed, ver);
    }

    @Spec(document = "XEP-0115", version = VERSION, section = "6.2", level = MUST,
          requirement = "disco#info with the caps node ('node#ver') sent to the full JID that advertised the caps reaches that"
                  + " client with the node, and the client's answer comes back unchanged, hashing to the ver")
    @Test
    void capsNodeQueryReachesTheAdvertisingClient(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind();
        String features = "<identity category='client' type='pc' name='Stanzalab'/><feature var='" + Caps.DISCO_INFO + "'/>"
                + "<feature var='" + Caps.NS + "'/><feature var='urn:stanzalab:feature:" + randomVer().replaceAll("[^A-Za-z0-9]", "") + "'/>";
        String ver = Caps.ver(parse("<query xmlns='" + Caps.DISCO_INFO + "'>" + features + "</query>"), "SHA-1");
        bob.send("<presence to='" + alice.jid() + "'>" + Caps.element(NODE, ver) + "</presence>");
        alice.expect("(setup) the directed presence of " + bob.jid() + " with caps",
                e -> Stanzas.isStanza(e, "presence") && bob.jid().equals(e.attribute("from").orElse(null)) && e.hasChild("c", Caps.NS));
        String node = NODE + "#" + ver;
        String id = alice.newId("caps-node");

        alice.send("<iq type='get' id='" + id + "' to='" + bob.jid() + "'><query xmlns='" + Caps.DISCO_INFO + "' node='"
                + XmlEscape.attribute(node) + "'/></iq>");

        XmlElement request = bob.expect("the disco#info request of " + alice.jid(), e -> Stanzas.isStanza(e, "iq")
                && Stanzas.hasType(e, "get") && e.hasChild("query", Caps.DISCO_INFO));
        assertEquals(node, request.child("query", Caps.DISCO_INFO).flatMap(q -> q.attribute("node")).orElse(null),
                "the node of the request as it reached " + bob.jid() + ": " + request.toXml());
        bob.send("<iq type='result' id='" + XmlEscape.attribute(request.attribute("id").orElse("")) + "' to='" + alice.jid()
                + "'><query xmlns='" + Caps.DISCO_INFO + "' node='" + XmlEscape.attribute(node) + "'>" + features + "</query></iq>");
        XmlElement reply = alice.expect("the answer of " + bob.jid(), Stanzas.replyTo(id));
        assertTrue(Stanzas.hasType(reply, "result"), "the caps node query was answered with " + reply.toXml());
        assertEquals(bob.jid(), reply.attribute("from").orElse(null), "the answer must come from the full JID asked");
        XmlElement query = reply.child("query", Caps.DISCO_INFO).orElseThrow(() -> new AssertionError("no query in " + reply.toXml()));
        assertEquals(node, query.attribute("node").orElse(null), "the node of the answer: " + reply.toXml());
        assertEquals(ver, Caps.ver(query, "SHA-1"), "the answer that reached the requester does not hash to the ver: " + reply.toXml());
    }

    private static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (org.stanzalab.wire.WireProtocolException e) {
            throw new TestError("the test's own disco#info does not parse: " + xml, e);
        }
    }

    // ---- helpers ----

    /** A random verification string of SHA-1 length: the server must carry it, not check it. */
    private static String randomVer() {
        byte[] bytes = new byte[20];
        RANDOM.nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    private static void sendPresence(RawSession session, String status, String ver) {
        session.send("<presence><status>" + XmlEscape.text(status) + "</status>" + Caps.element(NODE, ver) + "</presence>");
    }

    private static void assertCaps(Presence presence, String ver) {
        Optional<XmlElement> c = StanzaXml.of(presence).child("c", Caps.NS);
        assertTrue(c.isPresent(), "the presence arrived without its caps element: " + presence.toXML());
        assertEquals(NODE, c.get().attribute("node").orElse(null), "node of the caps: " + presence.toXML());
        assertEquals(ver, c.get().attribute("ver").orElse(null), "ver of the caps: " + presence.toXML());
        assertEquals("sha-1", c.get().attribute("hash").orElse(null), "hash of the caps: " + presence.toXML());
    }

    /** Subscription stanzas go to resources that asked for the roster (RFC 6121 §3.1.3). */
    private static RawSession withRoster(RawSession session) {
        String id = session.newId("roster");
        session.request("<iq type='get' id='" + id + "'><query xmlns='jabber:iq:roster'/></iq>", id);
        return session;
    }

    private static void requestRoster(Session session) {
        RosterPacket get = new RosterPacket();
        get.setType(IQ.Type.get);
        session.requestResult(get);
    }

    /** {@code subscriber} subscribes to {@code contact}'s account and the contact approves; set-up only. */
    private static void subscribe(Lab lab, Session subscriber, RawSession contact) {
        String contactBare = contact.bareJid();
        lab.setUp("a presence subscription of " + subscriber.bareJid() + " to " + contactBare, () -> {
            requestRoster(subscriber);
            subscriber.send(PresenceBuilder.buildPresence().ofType(Presence.Type.subscribe)
                    .to(JidCreate.entityBareFromOrThrowUnchecked(contactBare)).build());
            contact.expect("(setup) the subscription request of " + subscriber.bareJid(), e -> Stanzas.isStanza(e, "presence")
                    && Stanzas.hasType(e, "subscribe") && e.attribute("from").orElse("").startsWith(subscriber.bareJid().toString()));
            contact.send("<presence type='subscribed' to='" + subscriber.bareJid() + "'/>");
            subscriber.expectPresence("(setup) the approval of " + contactBare,
                    p -> p.getType() == Presence.Type.subscribed && contactBare.equals(p.getFrom().asBareJid().toString()));
        });
    }
}
