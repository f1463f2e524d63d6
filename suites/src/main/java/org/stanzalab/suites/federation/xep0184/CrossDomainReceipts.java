package org.stanzalab.suites.federation.xep0184;

import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.federation.rfc6120.CrossRoute;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.wire.XmlElement;

/**
 * Delivery receipts (XEP-0184) between users of two federating servers. Receipts are the clients' business; the
 * servers' part is to carry the request and the ack, an extension they need not understand, unchanged (RFC 6120 §8.4),
 * in both directions of the federation.
 */
@StanzalabTest
class CrossDomainReceipts {
    static final String NS = "urn:xmpp:receipts";

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a message asking for a receipt reaches a user of another domain with the request element unchanged, and the "
                  + "ack echoing its id comes back to the sender unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void receiptRequestAndAckCrossTheFederation(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        String id = alice.newId("receipt");
        String request = "<message type='chat' id='" + id + "' to='" + bob.jid() + "'><body>please confirm</body><request xmlns='" + NS + "'/></message>";
        alice.send(request);
        XmlElement delivered = bob.expect("the message '" + id + "' asking for a receipt", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        Offline.assertCarriedUnchanged(request, delivered);

        String ackId = bob.newId("ack");
        String ack = "<message type='chat' id='" + ackId + "' to='" + alice.jid() + "'><received xmlns='" + NS + "' id='" + id + "'/></message>";
        bob.send(ack);
        Offline.assertCarriedUnchanged(ack, alice.expect("the ack '" + ackId + "' for '" + id + "'",
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, ackId)));
    }
}
