package org.stanzalab.suites.xep0085;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0085 Chat State Notifications as the server handles them (§5.8): a server may decline to deliver standalone
 * notifications, should not keep them for an offline user, and must never make them up; what it does deliver it
 * delivers unchanged (RFC 6120 §8.4).
 */
@StanzalabTest
class ChatStates {
    private static final String NS = "http://jabber.org/protocol/chatstates";

    /** Standalone notifications: a chat state and nothing else. */
    enum Standalone {
        ACTIVE("active"),
        COMPOSING("composing"),
        PAUSED("paused"),
        INACTIVE("inactive"),
        GONE("gone");

        private final String state;

        Standalone(String state) {
            this.state = state;
        }

        String template() {
            return "<message type='chat' id='%s' to='%s'><" + state + " xmlns='" + NS + "'/></message>";
        }

        @Override
        public String toString() {
            return state;
        }
    }

    private static final String CONTENT_WITH_ACTIVE = "<message type='chat' id='%s' to='%s'><body>hello</body><active xmlns='" + NS + "'/></message>";
    private static final String PLAIN = "<message type='chat' id='%s' to='%s'><body>no chat state here</body></message>";

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a standalone chat state notification the server delivers to the online recipient arrives "
                  + "unchanged (XEP-0085 §5.8 lets the server withhold it instead)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Standalone.class)
    void deliveredStandaloneNotificationIsUnchanged(Standalone state, Lab lab) {
        Route route = Route.open(lab);
        String id = route.sender().newId("state");
        String xml = route.write(state.template(), id, Route.Address.FULL);
        route.sender().send(xml);

        Optional<XmlElement> delivered = seenBeforeMarker(route, id, "the <" + state + "/> notification");
        delivered.ifPresentOrElse(message -> Offline.assertCarriedUnchanged(xml, message),
                () -> lab.transcript().note("xep0085", "choice: the server withheld the standalone <" + state + "/> notification"));
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a content message with an active chat state is delivered to the online recipient unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Route.Address.class)
    void contentMessageWithChatStateIsDeliveredUnchanged(Route.Address address, Lab lab) {
        Route.open(lab).carry(CONTENT_WITH_ACTIVE, address, "the message with <active/>");
    }

    @Spec(document = "XEP-0085", version = "2.1", section = "5.8", level = SHOULD,
          requirement = "a standalone chat state notification to an offline user is not kept for later")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Standalone.class)
    void standaloneNotificationIsNotKeptOffline(Standalone state, Lab lab) {
        Storage.expectNotKept(lab, state.template(), "the standalone <" + state + "/> notification");
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a chat message with a body and a chat state is kept for an offline user (only chat-state-only "
                  + "messages are exempt) and handed over with the chat state intact")
    @Test
    void contentMessageWithChatStateIsKeptOffline(Lab lab) {
        Storage.expectKeptUnchanged(lab, CONTENT_WITH_ACTIVE, "the message with a body and <active/>");
    }

    /** Whether the recipient is online or gets the message from storage. */
    enum Recipient {
        ONLINE("online"),
        OFFLINE("offline");

        private final String key;

        Recipient(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "XEP-0085", version = "2.1", section = "5.8", level = MUST,
          requirement = "the server never adds a chat state notification of its own to a message it delivers")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Recipient.class)
    void serverAddsNoChatState(Recipient recipient, Lab lab) {
        XmlElement delivered;
        if (recipient == Recipient.ONLINE) {
            delivered = Route.open(lab).carry(PLAIN, Route.Address.BARE, "the message without a chat state");
        } else {
            RawSession alice = Offline.sender(lab);
            User bob = lab.newUser();
            String id = Offline.send(alice, bob, PLAIN, "plain");
            lab.setUp("the message is kept", () -> Offline.expectKept(alice, id, "a chat message"));
            delivered = Offline.expectMessage(Offline.comeOnline(lab, bob), id, "the kept message without a chat state");
        }

        XmlElement message = delivered;
        assertTrue(message.children().stream().noneMatch(c -> c.namespace().equals(NS)),
                "the server added a chat state to a message sent without one: " + Offline.shown(message));
    }

    /** The message with this id if it reached the recipient before a marker the sender sent after it. */
    private static Optional<XmlElement> seenBeforeMarker(Route route, String id, String what) {
        RawSession bob = route.recipient();
        String marker = route.sender().newId("marker");
        route.sender().send("<message type='normal' id='" + marker + "' to='" + bob.jid() + "'><body>" + marker + "</body></message>");
        bob.expect("the marker message '" + marker + "' sent after " + what + " (RFC 6120 §10.1: it cannot overtake it)",
                e -> Offline.isMessage(e) && Stanzas.hasId(e, marker));
        return bob.alreadyReceived(e -> Offline.isMessage(e) && Stanzas.hasId(e, id));
    }
}
