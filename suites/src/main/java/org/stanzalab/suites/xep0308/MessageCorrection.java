package org.stanzalab.suites.xep0308;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;

/**
 * XEP-0308 Last Message Correction as the server carries it: the correction names the corrected message by its id,
 * so the server's part is to deliver both with ids and the replace element unchanged (RFC 6120 §8.4), to keep them for
 * an offline recipient (XEP-0160 §3), and in the order sent (RFC 6120 §10.1). XEP-0308 states no server rule itself.
 */
@StanzalabTest
class MessageCorrection {
    private static final String NS = "urn:xmpp:message-correct:0";
    private static final String ORIGINAL = "<message type='chat' id='%s' to='%s'><body>teh original</body></message>";
    private static final String CORRECTION = "<message type='chat' id='%s' to='%s'><body>the original</body>"
            + "<replace xmlns='" + NS + "' id='%s'/></message>";

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a correction (XEP-0308) is delivered to the online recipient with its replace element, the id "
                  + "it names and its own id unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.Address.class)
    void correctionIsDeliveredUnchanged(Route.Address address, Lab lab) {
        Route route = Route.open(lab);
        String original = route.carry(ORIGINAL, address, "the original message").attribute("id").orElseThrow();

        route.carry(CORRECTION.replace("id='%s'/>", "id='" + original + "'/>"), address, "the correction of " + original);
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a correction sent to an offline user is kept and handed over with its replace element intact")
    @Test
    void correctionIsKeptForOfflineRecipient(Lab lab) {
        Storage.expectKeptUnchanged(lab, CORRECTION.replace("id='%s'/>", "id='orig-1'/>"), "the correction");
    }

    @Spec(document = "RFC 6120", section = "10.1", level = MUST,
          requirement = "an original message and its correction kept for an offline user are handed over in the order sent")
    @Test
    void keptCorrectionFollowsTheOriginal(Lab lab) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String original = Offline.send(alice, bob, ORIGINAL, "original");
        String correction = Offline.send(alice, bob, CORRECTION.replace("id='%s'/>", "id='" + original + "'/>"), "correction");
        lab.setUp("both are kept", () -> List.of(original, correction).forEach(id -> Offline.expectKept(alice, id, "message " + id)));

        RawSession phone = Offline.comeOnline(lab, bob);
        Offline.expectMessage(phone, original, "the original message");
        Offline.expectMessage(phone, correction, "the correction");

        List<String> order = phone.received().stream().filter(Offline::isMessage)
                .map(e -> e.attribute("id").orElse("")).filter(id -> id.equals(original) || id.equals(correction)).toList();
        assertEquals(List.of(original, correction), order, "order in which the original and its correction reached " + bob.role());
    }
}
