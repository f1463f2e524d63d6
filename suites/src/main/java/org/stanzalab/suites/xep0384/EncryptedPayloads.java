package org.stanzalab.suites.xep0384;

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
import org.stanzalab.wire.XmlElement;

/**
 * OMEMO messages (XEP-0384 §5.5.3) as the server carries them. The server cannot read them and XEP-0384 asks nothing
 * of it beyond carrying them, so each check cites the rule of the path it takes: routing (RFC 6120 §8.4), carbons
 * (XEP-0280), offline storage (XEP-0160) and the archive (XEP-0313, with the store hint of XEP-0334 that XEP-0384's
 * example carries). The header and payload are random base64: well-formed and opaque, as real ones are.
 */
@StanzalabTest
class EncryptedPayloads {

    /** The two shapes of §5.5.3: a message with a payload, and an empty one (header only) that only moves keys. */
    enum Kind implements Carriage.Sealed {
        MESSAGE("message", true),
        EMPTY("empty", false);

        private final String key;
        private final boolean payload;

        Kind(String key, boolean payload) {
            this.key = key;
            this.payload = payload;
        }

        @Override
        public String element() {
            return "encrypted";
        }

        @Override
        public String namespace() {
            return OmemoNodes.NS;
        }

        @Override
        public String template(String from, String to) {
            return "<message type='chat' id='%s' to='%s'><encrypted xmlns='" + OmemoNodes.NS + "'><header sid='" + OmemoNodes.newDeviceId()
                    + "'><keys jid='" + to + "'><key rid='" + OmemoNodes.newDeviceId() + "' kex='true'>" + OmemoNodes.base64(120)
                    + "</key></keys><keys jid='" + from + "'><key rid='" + OmemoNodes.newDeviceId() + "'>" + OmemoNodes.base64(48)
                    + "</key></keys></header>" + (payload ? "<payload>" + OmemoNodes.base64(96) + "</payload>" : "")
                    + "</encrypted><store xmlns='" + Carriage.HINTS + "'/></message>";
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** What is sent, and where to. */
    enum Sent {
        MESSAGE_TO_FULL_JID("message-to-full-jid", Kind.MESSAGE, Route.Address.FULL),
        MESSAGE_TO_BARE_JID("message-to-bare-jid", Kind.MESSAGE, Route.Address.BARE),
        EMPTY_TO_FULL_JID("empty-to-full-jid", Kind.EMPTY, Route.Address.FULL);

        private final String key;
        final Kind kind;
        final Route.Address address;

        Sent(String key, Kind kind, Route.Address address) {
            this.key = key;
            this.kind = kind;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "an OMEMO message (encrypted element in urn:xmpp:omemo:2 with the store hint) reaches the online"
                  + " recipient with the encrypted element canonically unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Sent.class)
    void omemoMessageIsRoutedUnchanged(Sent sent, Lab lab) {
        Carriage.routed(lab, sent.kind, sent.address);
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "6", level = SHOULD,
          requirement = "an OMEMO message of type chat, though it has no body, is eligible for carbons: the sender's"
                  + " other resource gets a sent copy, the recipient's other resource a received copy")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Carriage.Copy.class)
    void omemoMessageIsCarbonCopied(Carriage.Copy copy, Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, Kind.MESSAGE, copy);

        assertTrue(carbon.original().isPresent(), "no " + copy + " carbon of the OMEMO chat message reached the other resource"
                + " before a message sent after it");
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "8", level = MUST,
          requirement = "a sent carbon of an OMEMO message holds the original, its encrypted element canonically unchanged")
    @Test
    void sentCarbonHoldsTheEncryptedElementUnchanged(Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, Kind.MESSAGE, Carriage.Copy.SENT);
        lab.requireThat(carbon.original().isPresent(), "no sent carbon came (omemoMessageIsCarbonCopied covers that)");

        Carriage.assertSealedUnchanged(carbon.sentXml(), carbon.original().get(), Kind.MESSAGE, "the sent carbon");
        Offline.assertCarriedUnchanged(carbon.sentXml(), carbon.original().get());
    }

    @Spec(document = "XEP-0280", version = "1.0.1", section = "7", level = MUST,
          requirement = "a received carbon of an OMEMO message holds the original, its encrypted element canonically"
                  + " unchanged")
    @Test
    void receivedCarbonHoldsTheEncryptedElementUnchanged(Lab lab) {
        Carriage.Carbon carbon = Carriage.carbon(lab, Kind.MESSAGE, Carriage.Copy.RECEIVED);
        lab.requireThat(carbon.original().isPresent(), "no received carbon came (omemoMessageIsCarbonCopied covers that)");

        Carriage.assertSealedUnchanged(carbon.sentXml(), carbon.original().get(), Kind.MESSAGE, "the received carbon");
        Offline.assertCarriedUnchanged(carbon.sentXml(), carbon.original().get());
    }

    @Spec(document = "XEP-0045", version = "1.35.5", section = "17.2", level = SHOULD,
          requirement = "a room passes extended content through: an OMEMO groupchat message in a non-anonymous room (as"
                  + " XEP-0384 §5.8 has it) reaches another occupant with the encrypted element canonically unchanged")
    @Test
    void omemoGroupchatMessageIsReflectedUnchanged(Lab lab) {
        Carriage.Reflected reflected = Carriage.reflected(lab, Kind.MESSAGE);

        Carriage.assertSealedUnchanged(reflected.sentXml(), reflected.delivered(), Kind.MESSAGE, "the message the room reflected");
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "an OMEMO chat message sent to an offline user is kept and handed over at login with the"
                  + " encrypted element canonically unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    void omemoMessageIsKeptOfflineUnchanged(Kind kind, Lab lab) {
        Map.Entry<String, XmlElement> kept = Carriage.keptOffline(lab, kind);

        Carriage.assertSealedUnchanged(kept.getKey(), kept.getValue(), kind, "the message handed over after login");
        Offline.assertCarriedUnchanged(kept.getKey(), kept.getValue());
    }

    @FreshAccounts("the archive must hold only what this test sent: the query reads its first page")
    @Spec(document = "XEP-0334", version = "1.0.0", section = "4.4", level = SHOULD,
          requirement = "an OMEMO message with the store hint, though it has no body, is kept in the recipient's archive")
    @Test
    void omemoMessageIsArchived(Lab lab) {
        Carriage.Archived archived = Carriage.archived(lab, Kind.MESSAGE);

        assertTrue(archived.message().isPresent(), "the recipient's archive lacks the OMEMO message '" + archived.id() + "'; it holds "
                + archived.archive().stream().map(Offline::shown).toList());
    }

    @FreshAccounts("the archive must hold only what this test sent: the query reads its first page")
    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = SHOULD,
          requirement = "the archive returns an archived OMEMO message as it was received, its encrypted element canonically"
                  + " unchanged")
    @Test
    void archivedOmemoMessageIsReturnedUnchanged(Lab lab) {
        Carriage.Archived archived = Carriage.archived(lab, Kind.MESSAGE);
        lab.requireThat(archived.message().isPresent(), "the message was not archived (omemoMessageIsArchived covers that)");

        Carriage.assertSealedUnchanged(archived.sentXml(), archived.message().get(), Kind.MESSAGE, "the archived message");
    }
}
