package org.stanzalab.suites.federation.xep0280;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.federation.rfc6120.CrossRoute;
import org.stanzalab.wire.XmlElement;

/**
 * Message carbons (XEP-0280) when the contact is on another domain: the home server copies what its user receives
 * from, and sends to, a user of the away server to the user's other carbons-enabled resources. The copies are the home
 * server's work; the away server only has to carry the original.
 */
@StanzalabTest
class CrossDomainCarbons {
    static final String CARBONS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";

    /** Two resources of one user of {@code server}, each available with carbons enabled. */
    static RawSession[] twoResourcesWithCarbons(Lab server, CrossRoute route, String otherDomain) {
        server.requireFeature(CARBONS);
        User user = server.newUser();
        RawSession phone = server.raw().authenticate(user).bind().available();
        RawSession laptop = server.raw().authenticate(user).bind().available();
        server.setUp("carbons enabled on both resources of " + user.jid(), () -> {
            for (RawSession session : new RawSession[] {phone, laptop}) {
                String id = session.newId("carbons");
                XmlElement reply = session.request("<iq type='set' id='" + id + "'><enable xmlns='" + CARBONS + "'/></iq>", id);
                if (!Stanzas.hasType(reply, "result")) {
                    throw new ServerFailure("enabling carbons was answered with " + reply.toXml());
                }
            }
        });
        route.federated(phone, otherDomain);
        return new RawSession[] {phone, laptop};
    }

    /**
     * The message inside a carbon of this kind (received or sent), after checking the wrapper's addresses; {@code copyTo}
     * is null where the 'to' of the wrapper is only a SHOULD (sent carbons, §8).
     */
    static XmlElement forwarded(XmlElement carbon, String kind, String owner, String copyTo) {
        assertEquals(owner, carbon.attribute("from").orElse(null), "'from' of the carbon (XEP-0280: the user's bare JID): " + carbon.toXml());
        if (copyTo != null) {
            assertEquals(copyTo, carbon.attribute("to").orElse(null), "'to' of the carbon (the resource that gets the copy): " + carbon.toXml());
        }
        return carbon.children(kind, CARBONS).stream().flatMap(k -> k.children("forwarded", FORWARD).stream())
                .flatMap(f -> f.children().stream()).filter(e -> e.name().equals("message")).findFirst()
                .orElseThrow(() -> new ServerFailure("the carbon holds no <" + kind + "><forwarded><message/>: " + carbon.toXml()));
    }

    static boolean isCarbon(XmlElement e, String kind) {
        return Stanzas.isStanza(e, "message") && e.hasChild(kind, CARBONS);
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a chat message from a user of another domain to one resource is copied to the recipient's other "
                  + "carbons-enabled resource, from the recipient's bare JID, with the original (id, from, body) inside received")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageFromRemoteContactIsCopiedToOtherResources(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession[] bob = twoResourcesWithCarbons(route.home, route, route.away.domain());
        RawSession alice = route.awayUser();

        String id = alice.newId("carbon");
        alice.send("<message type='chat' id='" + id + "' to='" + bob[0].jid() + "'><body>to your phone</body></message>");

        bob[0].expect("the message '" + id + "' itself", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        XmlElement carbon = bob[1].expect("a received carbon of '" + id + "'", e -> isCarbon(e, "received"));
        XmlElement original = forwarded(carbon, "received", bob[1].bareJid(), bob[1].jid());
        assertEquals(id, original.attribute("id").orElse(null), "'id' of the forwarded message: " + carbon.toXml());
        assertEquals(alice.jid(), original.attribute("from").orElse(null), "'from' of the forwarded message: " + carbon.toXml());
        assertEquals("to your phone", original.children("body", original.namespace()).stream().findFirst().map(XmlElement::text).orElse(null),
                "body of the forwarded message: " + carbon.toXml());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = MUST,
          requirement = "a chat message one resource sends to a user of another domain is copied to the sender's other "
                  + "carbons-enabled resource, from the sender's bare JID, with the original (id, to, body) inside sent")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageToRemoteContactIsCopiedToOwnResources(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession[] alice = twoResourcesWithCarbons(route.home, route, route.away.domain());
        RawSession bob = route.awayUser();

        String id = alice[0].newId("carbon");
        alice[0].send("<message type='chat' id='" + id + "' to='" + bob.jid() + "'><body>from my phone</body></message>");

        bob.expect("the message '" + id + "' itself", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        XmlElement carbon = alice[1].expect("a sent carbon of '" + id + "'", e -> isCarbon(e, "sent"));
        XmlElement original = forwarded(carbon, "sent", alice[1].bareJid(), null);
        assertEquals(id, original.attribute("id").orElse(null), "'id' of the forwarded message: " + carbon.toXml());
        assertEquals(bob.jid(), original.attribute("to").orElse(null), "'to' of the forwarded message: " + carbon.toXml());
        assertEquals("from my phone", original.children("body", original.namespace()).stream().findFirst().map(XmlElement::text).orElse(null),
                "body of the forwarded message: " + carbon.toXml());
    }
}
