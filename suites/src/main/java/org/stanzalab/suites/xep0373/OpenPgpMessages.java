package org.stanzalab.suites.xep0373;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0384.Carriage;
import org.stanzalab.wire.XmlElement;

/**
 * OpenPGP messages as XEP-0374 (the instant-messaging profile of XEP-0373) has clients write them: the openpgp
 * element of XEP-0373 §3.1 with base64 ciphertext, an unencrypted body saying so, the store hint and the XEP-0380
 * encryption element (XEP-0374 §3.2). XEP-0374 states nothing a server must do; each check cites the rule of the path
 * the message takes, as the OMEMO checks of xep0384.EncryptedPayloads do.
 */
@StanzalabTest
class OpenPgpMessages {

    /** The message of XEP-0374 §3.2, with random ciphertext. */
    static final Carriage.Sealed OPENPGP = new Carriage.Sealed() {
        @Override
        public String element() {
            return "openpgp";
        }

        @Override
        public String namespace() {
            return OpenPgpNodes.NS;
        }

        @Override
        public String template(String from, String to) {
            return "<message type='chat' id='%s' to='%s'><body>This message is encrypted with OpenPGP.</body>"
                    + "<store xmlns='" + Carriage.HINTS + "'/><encryption xmlns='urn:xmpp:eme:0' namespace='" + OpenPgpNodes.NS + "'/>"
                    + "<openpgp xmlns='" + OpenPgpNodes.NS + "'>" + OpenPgpNodes.base64(300) + "</openpgp></message>";
        }

        @Override
        public String toString() {
            return "openpgp";
        }
    };

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "an OpenPGP message (XEP-0374) reaches the online recipient with its openpgp element canonically"
                  + " unchanged and its other children intact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.Address.class)
    void openPgpMessageIsRoutedUnchanged(Route.Address address, Lab lab) {
        Carriage.routed(lab, OPENPGP, address);
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "6", level = SHOULD,
          requirement = "an OpenPGP chat message is eligible for carbons: the sender's other resource gets a sent copy,"
                  + " the recipient's other resource a received copy")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Carriage.Copy.class)
    void openPgpMessageIsCarbonCopied(Carriage.Copy copy, Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, OPENPGP, copy);

        assertTrue(carbon.original().isPresent(), "no " + copy + " carbon of the OpenPGP chat message reached the other resource"
                + " before the copy of a message sent after it");
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = MUST,
          requirement = "a sent carbon of an OpenPGP message holds the original, its openpgp element canonically unchanged")
    @Test
    void sentCarbonHoldsTheOpenPgpElementUnchanged(Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, OPENPGP, Carriage.Copy.SENT);
        lab.requireThat(carbon.original().isPresent(), "no sent carbon came (openPgpMessageIsCarbonCopied covers that)");

        Carriage.assertSealedUnchanged(carbon.sentXml(), carbon.original().get(), OPENPGP, "the sent carbon");
        Offline.assertCarriedUnchanged(carbon.sentXml(), carbon.original().get());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a received carbon of an OpenPGP message holds the original, its openpgp element canonically"
                  + " unchanged")
    @Test
    void receivedCarbonHoldsTheOpenPgpElementUnchanged(Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, OPENPGP, Carriage.Copy.RECEIVED);
        lab.requireThat(carbon.original().isPresent(), "no received carbon came (openPgpMessageIsCarbonCopied covers that)");

        Carriage.assertSealedUnchanged(carbon.sentXml(), carbon.original().get(), OPENPGP, "the received carbon");
        Offline.assertCarriedUnchanged(carbon.sentXml(), carbon.original().get());
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "an OpenPGP chat message sent to an offline user is kept and handed over at login with its"
                  + " openpgp element canonically unchanged")
    @Test
    void openPgpMessageIsKeptOfflineUnchanged(Lab lab) {
        Map.Entry<String, XmlElement> kept = Carriage.keptOffline(lab, OPENPGP);

        Carriage.assertSealedUnchanged(kept.getKey(), kept.getValue(), OPENPGP, "the message handed over after login");
        Offline.assertCarriedUnchanged(kept.getKey(), kept.getValue());
    }

    @FreshAccounts("the archive must hold only what this test sent: the query reads its first page")
    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = SHOULD,
          requirement = "an OpenPGP chat message, which has a body, is kept in the recipient's archive")
    @Test
    void openPgpMessageIsArchived(Lab lab) {
        Carriage.Archived archived = Carriage.archived(lab, OPENPGP);

        assertTrue(archived.message().isPresent(), "the recipient's archive lacks the OpenPGP message '" + archived.id() + "'; it holds "
                + archived.archive().stream().map(Offline::shown).toList());
    }

    @FreshAccounts("the archive must hold only what this test sent: the query reads its first page")
    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = SHOULD,
          requirement = "the archive returns an archived OpenPGP message as it was received, its openpgp element"
                  + " canonically unchanged")
    @Test
    void archivedOpenPgpMessageIsReturnedUnchanged(Lab lab) {
        Carriage.Archived archived = Carriage.archived(lab, OPENPGP);
        lab.requireThat(archived.message().isPresent(), "the message was not archived (openPgpMessageIsArchived covers that)");

        Carriage.assertSealedUnchanged(archived.sentXml(), archived.message().get(), OPENPGP, "the archived message");
    }
}
