package org.stanzalab.suites.federation.xep0160;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.SHOULD;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.federation.rfc6120.CrossRoute;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.wire.XmlElement;

/**
 * Offline storage (XEP-0160) for a sender of another domain: the recipient's server keeps what arrives over the
 * federation while its user has no session and hands it over at the next initial presence, as it does for its own
 * users. In the first direction a user of the first server writes to an offline user of the second, in the second
 * the other way round, so each server is once the one that stores and once the one whose user sent.
 */
@StanzalabTest
class CrossDomainOffline {
    static final String MESSAGE = "<message type='chat' id='%s' to='%s' xml:lang='en'><body>written while you were away</body>"
            + "<thread>offline-thread</thread><note xmlns='urn:stanzalab:test:extension'>kept as written</note></message>";

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a chat message from a user of another domain to an existing user with no session is kept (not bounced) "
                  + "and handed over after the user's next initial presence as the sender wrote it, from the sender's full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageFromRemoteSenderIsKeptAndDeliveredAtLogin(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        User bob = route.away.newUser();

        String id = alice.newId("offline");
        String sent = MESSAGE.formatted(id, bob.jid());
        alice.send(sent);
        CrossRoute.bounceAfterSettling(alice, route.away.domain(), id).ifPresent(error -> {
            throw new ServerFailure("the message to the offline " + bob.jid() + " was bounced instead of kept: " + error.toXml());
        });

        RawSession phone = Offline.comeOnline(route.away, bob);
        XmlElement delivered = Offline.expectMessage(phone, id, "the message kept while " + bob.jid() + " was offline");
        Offline.assertCarriedUnchanged(sent, delivered);
        assertEquals(alice.jid(), delivered.attribute("from").orElse(null), "'from' of the kept message: " + delivered.toXml());
    }
}
