package org.stanzalab.suites.xep0333;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.suites.xep0160.Storage;

/**
 * XEP-0333 Chat Markers as the server carries them: markers are requested and sent by clients, and XEP-0333 states
 * no server rule of its own, so the server's part is to deliver them unchanged (RFC 6120 §8.4), and to keep them for
 * an offline recipient as the chat messages they are (XEP-0160 §3).
 */
@StanzalabTest
class ChatMarkers {
    private static final String NS = "urn:xmpp:chat-markers:0";

    /** A message asking for markers, and the three markers. */
    enum Marker {
        MARKABLE("markable", "<message type='chat' id='%s' to='%s'><body>read me</body><markable xmlns='" + NS + "'/></message>"),
        RECEIVED("received", "<message type='chat' id='%s' to='%s'><received xmlns='" + NS + "' id='content-17'/></message>"),
        DISPLAYED("displayed", "<message type='chat' id='%s' to='%s'><displayed xmlns='" + NS + "' id='content-17'/></message>"),
        ACKNOWLEDGED("acknowledged", "<message type='chat' id='%s' to='%s'><acknowledged xmlns='" + NS + "' id='content-17'/></message>");

        private final String key;
        final String template;

        Marker(String key, String template) {
            this.key = key;
            this.template = template;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** One marker message to one kind of address. */
    record Sent(String key, Marker marker, Route.Address address) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Sent> online() {
        List<Sent> cases = new ArrayList<>();
        for (Marker marker : Marker.values()) {
            for (Route.Address address : Route.Address.values()) {
                cases.add(new Sent(marker + "-" + address, marker, address));
            }
        }
        return cases;
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "a chat marker (XEP-0333) or a message asking for markers is delivered to the online recipient "
                  + "with the marker element, its id and the message's id unchanged")
    @ParameterizedTest(name = "{0}")
    @MethodSource("online")
    void markerIsDeliveredUnchanged(Sent sent, Lab lab) {
        Route route = Route.open(lab);

        route.carry(sent.marker().template, sent.address(), "the " + sent.marker() + " message");
    }

    @Spec(document = "XEP-0160", version = "1.0.1", section = "3", level = SHOULD,
          requirement = "a chat message carrying a chat marker, or asking for markers, sent to an offline user is kept "
                  + "and handed over after initial presence with the marker intact")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Marker.class)
    void markerIsKeptForOfflineRecipient(Marker marker, Lab lab) {
        Storage.expectKeptUnchanged(lab, marker.template, "the " + marker + " message");
    }
}
