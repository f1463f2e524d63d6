package org.stanzalab.suites.federation.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.wire.XmlElement;

/**
 * IQs between users of two federating servers: to a full JID the request reaches the client, whose answer (result or
 * error) travels back; to a bare JID the recipient's server answers on the user's behalf and the client never sees it.
 * The requests carry a payload in a namespace no server knows, so only the client can answer it.
 */
@StanzalabTest
class CrossDomainIqs {
    static final String NS = "urn:stanzalab:test:iq";

    /**
     * Bob shares presence with alice by directed presence (RFC 6121 §8.5.3.1 lets a server refuse IQs to a full JID from
     * someone its user shares no presence with), and alice has received it, so the away server has recorded it.
     */
    static void sharePresence(RawSession bob, RawSession alice) {
        bob.send("<presence to='" + alice.jid() + "'/>");
        alice.expect("the directed presence of " + bob.jid(), e -> Stanzas.isStanza(e, "presence")
                && bob.jid().equals(e.attribute("from").orElse(null)));
    }

    /** Alice's request with the unknown payload, as bob is given it; returns the request id. */
    static String requestReachesClient(RawSession alice, RawSession bob) {
        String id = alice.newId("iq");
        String request = "<iq type='get' id='" + id + "' to='" + bob.jid() + "'><query xmlns='" + NS + "'><ask n='7'>what is it?</ask></query></iq>";
        alice.send(request);
        XmlElement delivered = bob.expect("the IQ get '" + id + "' from " + alice.jid(), e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
        assertEquals(alice.jid(), delivered.attribute("from").orElse(null), "'from' of the delivered IQ: " + delivered.toXml());
        XmlElement query = delivered.children("query", NS).stream().findFirst()
                .orElseThrow(() -> new ServerFailure("the IQ reached " + bob.jid() + " without its payload: " + delivered.toXml()));
        if (!Stanzas.sameContent(Offline.parseStanza(request).children().get(0), query)) {
            throw new ServerFailure("the IQ payload arrived changed: sent " + request + ", delivered " + delivered.toXml());
        }
        return id;
    }

    @Spec(document = "RFC 6120", section = "10.5.4", level = MUST,
          requirement = "an IQ get from a user of another domain to the full JID of a connected resource that shares presence with "
                  + "the sender reaches that resource unchanged, and the client's result travels back to the sender unchanged, from "
                  + "the resource's full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void iqToRemoteFullJidIsAnsweredByTheClient(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();
        lab.setUp("bob shares presence with alice", () -> sharePresence(bob, alice));

        String id = requestReachesClient(alice, bob);
        String result = "<iq type='result' id='" + id + "' to='" + alice.jid() + "'><query xmlns='" + NS + "'><answer>42</answer></query></iq>";
        bob.send(result);

        XmlElement reply = alice.expect("the result of IQ '" + id + "' from " + bob.jid(), e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
        assertEquals("result", reply.attribute("type").orElse(null), "type of the reply: " + reply.toXml());
        assertEquals(bob.jid(), reply.attribute("from").orElse(null), "'from' of the reply: " + reply.toXml());
        Offline.assertCarriedUnchanged(result, reply);
    }

    @Spec(document = "RFC 6121", section = "8.5.3.1", level = MUST,
          requirement = "an IQ error with which a client of another domain answers a request is delivered to the requesting "
                  + "resource with its condition unchanged, from the answering resource's full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void iqErrorFromRemoteClientTravelsBack(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();
        lab.setUp("bob shares presence with alice", () -> sharePresence(bob, alice));
        String id = lab.setUp("alice's IQ reaches bob's resource", () -> requestReachesClient(alice, bob));

        bob.send("<iq type='error' id='" + id + "' to='" + alice.jid() + "'><error type='cancel'><feature-not-implemented "
                + "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/><text xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'>no such "
                + "question here</text></error></iq>");

        XmlElement reply = alice.expect("the error answering IQ '" + id + "' from " + bob.jid(), e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
        assertEquals("error", reply.attribute("type").orElse(null), "type of the reply: " + reply.toXml());
        assertEquals("feature-not-implemented", Stanzas.errorCondition(reply), "condition of the client's error: " + reply.toXml());
        assertEquals(bob.jid(), reply.attribute("from").orElse(null), "'from' of the reply: " + reply.toXml());
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.3", level = MUST,
          requirement = "an IQ from a user of another domain to the bare JID of an available user is answered by the user's server "
                  + "(here service-unavailable, as no server knows the payload), from the bare JID, and never delivered to a resource")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void iqToRemoteBareJidIsAnsweredByTheServer(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        String id = alice.newId("iq");
        XmlElement reply = alice.request("<iq type='get' id='" + id + "' to='" + bob.bareJid() + "'><query xmlns='" + NS + "'/></iq>", id);

        assertEquals("error", reply.attribute("type").orElse(null), "a payload nobody knows has no result: " + reply.toXml());
        assertEquals("service-unavailable", Stanzas.errorCondition(reply), "condition of the server's answer: " + reply.toXml());
        assertEquals(bob.bareJid(), reply.attribute("from").orElse(null), "'from' of the answer given on the user's behalf: " + reply.toXml());
        bob.expectNothingFrom(alice, "the IQ sent to its bare JID", e -> Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id));
    }
}
