package org.stanzalab.suites.xep0184;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0184 Message Delivery Receipts as the server carries them: receipts are requested and returned by clients, so
 * the server's part is to deliver the request and the ack (with the id the ack echoes) unchanged, online and from
 * offline storage. XEP-0184 states no server rule of its own; RFC 6120 §8.4 and XEP-0160 do.
 */
@StanzalabTest
class DeliveryReceipts {
    private static final String NS = "urn:xmpp:receipts";

    /** Messages of the receipt protocol. */
    enum Receipt {
        REQUEST_CHAT("request-chat", "<message type='chat' id='%s' to='%s'><body>please confirm</body><request xmlns='" + NS + "'/></message>"),
        REQUEST_NORMAL("request-normal", "<message type='normal' id='%s' to='%s'><body>please confirm</body><request xmlns='" + NS + "'/></message>"),
        REQUEST_HEADLINE("request-headline", "<message type='headline' id='%s' to='%s'><body>please confirm</body><request xmlns='" + NS + "'/></message>"),
        RECEIVED("received", "<message type='chat' id='%s' to='%s'><received xmlns='" + NS + "' id='content-4711'/></message>");

        private final String key;
        final String template;

        Receipt(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** One receipt message to one kind of address. */
    record Sent(String key, Receipt receipt, Route.Address address) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Sent> online() {
        List<Sent> cases = new ArrayList<>();
        for (Receipt receipt : Receipt.values()) {
            for (Route.Address address : Route.Address.values()) {
                cases.add(new Sent(receipt + "-" + address, receipt, address));
            }
        }
        return cases;
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a receipt request (XEP-0184) or ack message is delivered to the online recipient with its "
                  + "receipt element, id and type unchanged")
    @ParameterizedTest(name = "{0}")
    @MethodSource("online")
    void receiptMessageIsDeliveredUnchanged(Sent sent, Lab lab) {
        Route route = Route.open(lab);

        route.carry(sent.receipt().template, sent.address(), "the " + sent.receipt() + " message");
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a receipt request reaches the recipient and the ack echoing its id comes back to the sender, "
                  + "both unchanged")
    @Test
    void receiptRoundTripIsCarriedBothWays(Lab lab) {
        Route route = Route.open(lab);
        RawSession alice = route.sender();
        RawSession bob = route.recipient();

        XmlElement request = route.carry(Receipt.REQUEST_CHAT.template, Route.Address.BARE, "the content message asking for a receipt");
        String contentId = request.attribute("id").orElseThrow();
        String ackId = bob.newId("ack");
        String ack = "<message type='chat' id='" + ackId + "' to='" + alice.jid() + "'><received xmlns='" + NS + "' id='" + contentId + "'/></message>";
        bob.send(ack);

        XmlElement delivered = Offline.expectMessage(alice, ackId, "the ack for " + contentId);
        Offline.assertCarriedUnchanged(ack, delivered);
    }

    /** Receipt messages a server keeps for an offline user (chat and normal). */
    enum Kept {
        REQUEST_CHAT(Receipt.REQUEST_CHAT),
        REQUEST_NORMAL(Receipt.REQUEST_NORMAL),
        RECEIVED(Receipt.RECEIVED);

        final Receipt receipt;

        Kept(Receipt receipt) {
            this.receipt = receipt;
        }

        @Override
        public String toString() {
            return receipt.toString();
        }
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a chat or normal message with a receipt request, or an ack, sent to an offline user is kept "
                  + "and handed over after initial presence with the receipt element intact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Kept.class)
    void receiptMessageIsKeptForOfflineRecipient(Kept kept, Lab lab) {
        Storage.expectKeptUnchanged(lab, kept.receipt.template, "the " + kept + " message");
    }
}
