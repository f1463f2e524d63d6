package org.stanzalab.suites.xep0160;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;

/**
 * Two available users and a message between them, for the suites that check that a payload is carried unchanged
 * while the recipient is online (receipts, markers, chat states, corrections, retractions).
 */
public record Route(RawSession sender, RawSession recipient) {

    /** Where the sender addresses the recipient. */
    public enum Address {
        FULL("full"),
        BARE("bare");

        private final String key;

        Address(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** Alice and Bob, each logged in with initial presence. */
    public static Route open(Lab lab) {
        return new Route(Offline.sender(lab), Offline.comeOnline(lab, lab.newUser()));
    }

    public String address(Address address) {
        return address == Address.FULL ? recipient.jid() : recipient.user().jid().toString();
    }

    /** The stanza from {@code template} (%s id, %s to) as the sender writes it to this address. */
    public String write(String template, String id, Address address) {
        return template.formatted(id, address(address));
    }

    /** Sends the stanza and returns what the recipient was given; it must arrive and be carried unchanged. */
    public XmlElement carry(String template, Address address, String what) {
        String id = sender.newId("carried");
        String xml = write(template, id, address);
        sender.send(xml);
        XmlElement delivered = Offline.expectMessage(recipient, id, what + " sent to the " + address + " JID");
        Offline.assertCarriedUnchanged(xml, delivered);
        return delivered;
    }
}
