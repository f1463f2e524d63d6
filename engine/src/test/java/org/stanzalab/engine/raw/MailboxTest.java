package org.stanzalab.engine.raw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;

class MailboxTest {

    @Test
    void anExpectationTakesTheFirstMatchAndLeavesTheOthers() throws WireProtocolException {
        Mailbox mailbox = new Mailbox();
        XmlElement presence = XmlElement.parse("<presence xmlns='jabber:client' id='p1'/>");
        XmlElement first = XmlElement.parse("<message xmlns='jabber:client' id='m1'/>");
        XmlElement second = XmlElement.parse("<message xmlns='jabber:client' id='m2'/>");
        mailbox.add(presence);
        mailbox.add(first);
        mailbox.add(second);

        assertEquals(first, mailbox.take(e -> Stanzas.isStanza(e, "message")).orElseThrow());
        assertEquals(second, mailbox.take(e -> Stanzas.isStanza(e, "message")).orElseThrow());
        assertTrue(mailbox.take(e -> Stanzas.isStanza(e, "message")).isEmpty(), "each element satisfies one expectation");
        assertEquals(List.of(presence), mailbox.untaken());
        assertEquals(List.of(presence, first, second), mailbox.all(), "taken elements are still listed");
    }

    @Test
    void forgetDropsEverythingReceivedSoFar() throws WireProtocolException {
        Mailbox mailbox = new Mailbox();
        mailbox.add(XmlElement.parse("<message xmlns='jabber:client' id='old'/>"));

        mailbox.forget();
        XmlElement fresh = XmlElement.parse("<message xmlns='jabber:client' id='new'/>");
        mailbox.add(fresh);

        assertEquals(List.of(fresh), mailbox.all());
        assertEquals(fresh, mailbox.take(e -> true).orElseThrow());
    }
}
