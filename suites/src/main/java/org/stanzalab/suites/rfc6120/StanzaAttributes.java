package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §8.1 (and §10.3): the 'to', 'from', 'id' and 'type' attributes as the server treats them. */
@StanzalabTest
class StanzaAttributes {

    /** Whose address a client puts in 'from' to pass itself off as someone else. */
    enum ForgedFrom {
        OTHER_USER_BARE("other-user-bare"),
        OTHER_USER_FULL("other-user-full"),
        SERVER_DOMAIN("server-domain"),
        REMOTE_USER("remote-user");

        private final String key;

        ForgedFrom(String key) {
            this.key = key;
        }

        String address(Lab lab) {
            return switch (this) {
                case OTHER_USER_BARE -> "stanzalab-victim@" + lab.domain();
                case OTHER_USER_FULL -> "stanzalab-victim@" + lab.domain() + "/forged";
                case SERVER_DOMAIN -> lab.domain();
                case REMOTE_USER -> "someone@stanzalab-elsewhere.example/forged";
            };
        }

        @Override
        public String toString() {
            return key;
        }
    }

    record ForgeryCase(String kind, ForgedFrom forged) {
        @Override
        public String toString() {
            return kind + "-from-" + forged;
        }
    }

    static List<ForgeryCase> forgeries() {
        List<ForgeryCase> cases = new ArrayList<>();
        for (String kind : List.of("message", "presence", "iq")) {
            for (ForgedFrom forged : ForgedFrom.values()) {
                cases.add(new ForgeryCase(kind, forged));
            }
        }
        return cases;
    }

    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a stanza whose 'from' names another entity than the sending client is never routed with that "
                  + "'from': the server stamps the client's full JID, refuses the stanza, or ends the stream with <invalid-from/>")
    @ParameterizedTest(name = "{0}")
    @MethodSource("forgeries")
    void forgedFromIsNeverRouted(ForgeryCase forgery, Lab lab) {
        RawSession alice = lab.setUp("alice bound and available", () -> lab.raw().authenticate(lab.newUser()).bind().available());
        RawSession bob = lab.setUp("bob bound and available", () -> lab.raw().authenticate(lab.newUser()).bind().available());
        String id = alice.newId("forged-" + UUID.randomUUID());
        String from = forgery.forged().address(lab);

        alice.send(forgedStanza(forgery.kind(), id, from, bob.jid()));
        alice.send("<iq type='get' id='" + id + "-sync' to='" + lab.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        XmlElement answer = alice.expect("a stream error, an error for the forged " + forgery.kind() + ", or the ping reply",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, id) || Stanzas.hasId(e, id + "-sync"));

        if (StreamError.isStreamError(answer)) {
            assertEquals("invalid-from", StreamError.from(answer).condition(),
                    "stream error for a " + forgery.kind() + " with a forged 'from': " + answer.toXml());
            assertNotRoutedAsForged(bob, id, from);
        } else if (Stanzas.hasId(answer, id)) {
            assertEquals("error", answer.attribute("type").orElse(null),
                    "the server answered the forged " + forgery.kind() + " itself: " + answer.toXml());
            bob.expectNothingFrom(alice, "the " + forgery.kind() + " refused for its forged 'from', routed all the same",
                    routedAsForged(id, from));
        } else {
            XmlElement delivered = bob.expect("the " + forgery.kind() + " " + alice.user().role() + " sent with a forged 'from'",
                    e -> e.is(forgery.kind(), XmppNamespaces.CLIENT) && Stanzas.hasId(e, id));
            if (from.equals(delivered.attribute("from").orElse(null))) {
                throw new SecurityBreach("the " + forgery.kind() + " " + alice.user().role() + " sent as '" + from
                        + "' reached " + bob.user().role() + " as coming from it: " + delivered.toXml());
            }
            assertEquals(alice.jid(), delivered.attribute("from").orElse(null),
                    "'from' of the " + forgery.kind() + " sent as " + from + " (the server must stamp the sender's full JID): "
                            + delivered.toXml());
        }
    }

    /** IQ ids that are valid XML attribute values, simple or not. */
    enum StanzaId {
        SIMPLE("simple", "stanzalab-1"),
        ESCAPED("escaped", "a&b<c>'d\"e"),
        NON_ASCII("non-ascii", "\u00efd-\u2713-\u684c"),
        LONG("long", "x".repeat(256)),
        SPACES("spaces", " spaced id ");

        private final String key;
        final String id;

        StanzaId(String key, String id) {
            this.key = key;
            this.id = id;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.1.3", level = MUST,
          requirement = "the reply to an IQ request carries exactly the request's 'id', whatever characters it has")
    @ParameterizedTest(name = "{0}")
    @EnumSource(StanzaId.class)
    void iqReplyCarriesTheRequestId(StanzaId stanzaId, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        XmlElement reply = alice.request("<iq type='get' id='" + XmlEscape.attribute(stanzaId.id) + "' to='" + lab.domain()
                + "'><ping xmlns='urn:xmpp:ping'/></iq>", stanzaId.id);

        assertEquals(stanzaId.id, reply.attribute("id").orElse(null), "id of the reply: " + reply.toXml());
    }

    /** IQs whose 'type' is missing or not one of get, set, result, error. */
    enum BadIqType {
        MISSING("missing", ""),
        UNKNOWN("unknown", " type='fetch'"),
        UPPER_CASE("upper-case", " type='GET'");

        private final String key;
        final String attribute;

        BadIqType(String key, String attribute) {
            this.key = key;
            this.attribute = attribute;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.2.3", level = MUST,
          requirement = "an IQ without a valid 'type' is not processed as a request: the server answers <bad-request/> "
                  + "or closes the stream as invalid")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadIqType.class)
    void iqWithoutAValidTypeIsABadRequest(BadIqType type, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("bad-type");

        alice.send("<iq" + type.attribute + " id='" + id + "' to='" + lab.domain() + "'><ping xmlns='urn:xmpp:ping'/></iq>");

        XmlElement answer = alice.expect("an error for the IQ with " + type + " type, or a stream error",
                e -> StreamError.isStreamError(e) || Stanzas.hasId(e, id));
        if (StreamError.isStreamError(answer)) {
            assertTrue(Set.of("bad-format", "invalid-xml").contains(StreamError.from(answer).condition()),
                    "stream error for an IQ with " + type + " type: " + answer.toXml());
        } else {
            assertEquals("error", answer.attribute("type").orElse(null), "reply to an IQ with " + type + " type: " + answer.toXml());
            assertEquals("bad-request", Stanzas.errorCondition(answer), "condition for an IQ with " + type + " type: "
                    + answer.toXml());
        }
    }

    /** Requests a client sends without 'to', which the server handles for the account. */
    enum RequestWithoutTo {
        ROSTER("roster", "<query xmlns='jabber:iq:roster'/>"),
        DISCO_INFO("disco-info", "<query xmlns='http://jabber.org/protocol/disco#info'/>"),
        PING("ping", "<ping xmlns='urn:xmpp:ping'/>"),
        UNKNOWN("unknown-namespace", "<query xmlns='urn:stanzalab:no-such-protocol:0'/>");

        private final String key;
        final String payload;

        RequestWithoutTo(String key, String payload) {
            this.key = key;
            this.payload = payload;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "10.3.3", level = MUST,
          requirement = "an IQ request without 'to' is handled by the server on behalf of the account: the reply comes "
                  + "from the account's bare JID or without 'from', and is addressed to the requesting resource or has no 'to'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(RequestWithoutTo.class)
    void iqWithoutToIsAnsweredOnBehalfOfTheAccount(RequestWithoutTo request, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("no-to");

        XmlElement reply = alice.request("<iq type='get' id='" + id + "'>" + request.payload + "</iq>", id);

        reply.attribute("from").ifPresent(from -> assertEquals(alice.user().jid().toString(), from,
                "'from' of the reply to a " + request + " request without 'to': " + reply.toXml()));
        reply.attribute("to").ifPresent(to -> assertEquals(alice.jid(), to,
                "'to' of the reply to a " + request + " request without 'to': " + reply.toXml()));
    }

    @Spec(document = "RFC 6120", section = "10.3.1", level = MUST,
          requirement = "a message without 'to' is handled as if addressed to the sender's bare JID: it reaches one of "
                  + "the account's available resources, stamped with the sender's full JID")
    @org.junit.jupiter.api.Test
    void messageWithoutToGoesToTheSendersBareJid(Lab lab) {
        var user = lab.newUser();
        RawSession phone = lab.raw().authenticate(user).bind().available();
        RawSession laptop = lab.raw().authenticate(user).bind().available();
        String id = phone.newId("to-self-" + UUID.randomUUID());

        phone.send("<message type='chat' id='" + id + "'><body>note to self</body></message>");
        phone.sync();

        XmlElement delivered = phone.receivedWithId(id).stream().filter(e -> e.is("message", XmppNamespaces.CLIENT)).findFirst()
                .orElseGet(() -> laptop.expect("the message " + phone.user().role() + " sent without 'to'",
                        e -> e.is("message", XmppNamespaces.CLIENT) && Stanzas.hasId(e, id)));
        assertNotEquals("error", delivered.attribute("type").orElse(null), "the message without 'to' bounced: " + delivered.toXml());
        assertEquals(phone.jid(), delivered.attribute("from").orElse(null), "'from' of the delivered message: " + delivered.toXml());
    }

    private static String forgedStanza(String kind, String id, String from, String to) {
        return switch (kind) {
            case "message" -> "<message type='chat' id='" + id + "' from='" + from + "' to='" + to + "'><body>forged</body></message>";
            case "presence" -> "<presence id='" + id + "' from='" + from + "' to='" + to + "'><status>forged</status></presence>";
            case "iq" -> "<iq type='get' id='" + id + "' from='" + from + "' to='" + to + "'><query xmlns='urn:stanzalab:forged'/></iq>";
            default -> throw new IllegalArgumentException(kind);
        };
    }

    /**
     * After a stream error no marker can follow the stanza on its route, as the sender's stream is gone. The server
     * handled the stanza before it ended that stream, so anything it routed to bob was queued before bob's own ping.
     */
    private static void assertNotRoutedAsForged(RawSession bob, String id, String from) {
        bob.sync();
        bob.alreadyReceived(routedAsForged(id, from)).ifPresent(e -> {
            throw new ServerFailure("the server refused the stanza but still routed it with the forged 'from': " + e.toXml());
        });
    }

    private static Predicate<XmlElement> routedAsForged(String id, String from) {
        return e -> Stanzas.hasId(e, id) && from.equals(e.attribute("from").orElse(null));
    }
}
