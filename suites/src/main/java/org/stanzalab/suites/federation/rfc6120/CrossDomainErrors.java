package org.stanzalab.suites.federation.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * Stanzas to an account that does not exist on the other domain: the remote server decides (RFC 6121 §8.5.1) and its
 * error, if it sends one, must come back to the sender across the federation with the condition the section names.
 */
@StanzalabTest
class CrossDomainErrors {

    /** An address on the away domain that no account has (a random localpart nobody registered). */
    static String nobodyAt(Lab away) {
        return "sl-nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + away.domain();
    }

    @Spec(document = "RFC 6121", section = "8.5.1", level = MUST,
          requirement = "a message from a user of another domain to an account that does not exist is either ignored silently or "
                  + "answered with service-unavailable, which reaches the sender across the federation")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageToUnknownRemoteUserIsIgnoredOrRefused(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        String nobody = nobodyAt(route.away);

        String id = alice.newId("nobody");
        alice.send("<message type='chat' id='" + id + "' to='" + nobody + "'><body>anyone there?</body></message>");

        Optional<XmlElement> bounce = CrossRoute.bounceAfterSettling(alice, route.away.domain(), id);
        if (bounce.isEmpty()) {
            alice.note("check", "the message to " + nobody + " was ignored silently (allowed)");
            return;
        }
        String condition = Stanzas.errorCondition(bounce.get());
        if (!"service-unavailable".equals(condition)) {
            throw new ServerFailure("the message to the nonexistent " + nobody + " was refused with <" + condition
                    + "/> instead of <service-unavailable/>: " + bounce.get().toXml());
        }
    }

    @Spec(document = "RFC 6121", section = "8.5.1", level = MUST,
          requirement = "an IQ from a user of another domain to an account that does not exist is answered with service-unavailable, "
                  + "which reaches the sender across the federation")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void iqToUnknownRemoteUserIsAnsweredServiceUnavailable(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        String nobody = nobodyAt(route.away);

        String id = alice.newId("nobody");
        XmlElement reply = alice.request("<iq type='get' id='" + id + "' to='" + nobody + "'><query xmlns='urn:stanzalab:test:iq'/></iq>", id);

        assertEquals("error", reply.attribute("type").orElse(null), "the answer for an account that does not exist: " + reply.toXml());
        assertEquals("service-unavailable", Stanzas.errorCondition(reply), "condition for an account that does not exist: " + reply.toXml());
    }
}
