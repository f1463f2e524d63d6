package org.stanzalab.suites.xep0334;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Archive;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0334 Message Processing Hints, the store hint (§4.4): a message that is not an error and carries it should be
 * stored, even one a server would otherwise not keep (no body, or a headline). The other hints state no requirement
 * level, so they are not judged.
 */
@StanzalabTest
class StoreHint {
    private static final String HINTS = "urn:xmpp:hints";

    /** Messages a server would not keep without the hint. */
    enum Hinted {
        CHAT_STATE("chat-state", "<message type='chat' id='%s' to='%s'><composing xmlns='http://jabber.org/protocol/chatstates'/>"
                + "<store xmlns='" + HINTS + "'/></message>"),
        RECEIPT("receipt", "<message type='chat' id='%s' to='%s'><received xmlns='urn:xmpp:receipts' id='content-9'/>"
                + "<store xmlns='" + HINTS + "'/></message>"),
        HEADLINE("headline", "<message type='headline' id='%s' to='%s'><body>news to keep</body><store xmlns='" + HINTS + "'/></message>");

        private final String key;
        final String template;

        Hinted(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0334", version = "1.0.0", section = "4.4", level = SHOULD,
          requirement = "a message with the store hint (not an error) sent to an offline user is kept and handed over "
                  + "after initial presence, even without a body or as a headline")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Hinted.class)
    void hintedMessageIsKeptOffline(Hinted hinted, Lab lab) {
        Storage.expectKeptUnchanged(lab, hinted.template, "the " + hinted + " message with the store hint");
    }

    /** Messages without a body, which an archive need not keep without the hint. */
    enum Bodiless {
        CHAT_STATE(Hinted.CHAT_STATE),
        RECEIPT(Hinted.RECEIPT);

        final Hinted hinted;

        Bodiless(Hinted hinted) {
            this.hinted = hinted;
        }

        @Override
        public String toString() {
            return hinted.toString();
        }
    }

    @FreshAccounts("the archive must hold only what this test sent")
    @Spec(document = "XEP-0334", version = "1.0.0", section = "4.4", level = SHOULD,
          requirement = "a bodiless chat message with the store hint is kept in the recipient's message archive")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Bodiless.class)
    void hintedMessageIsArchived(Bodiless bodiless, Lab lab) {
        Route route = Route.open(lab);
        RawSession bob = route.recipient();
        Archive.require(lab, bob);
        String id = route.carry(bodiless.hinted.template, Route.Address.BARE, "the " + bodiless + " message with the store hint")
                .attribute("id").orElseThrow();

        List<XmlElement> archived = Archive.messagesWith(bob, route.sender().user().jid().toString());
        assertTrue(archived.stream().anyMatch(m -> Stanzas.hasId(m, id)), "the archive of " + bob.user().jid()
                + " lacks the " + bodiless + " message '" + id + "' sent with the store hint; it holds: "
                + archived.stream().map(Offline::shown).toList());
    }
}
