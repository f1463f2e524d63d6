package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/** RFC 6120 §8.2.3 and §8.4: what the server does with IQ requests and replies a client sends it. */
@StanzalabTest
class IqSemantics {
    private static final String UNKNOWN_NS = "urn:stanzalab:no-such-protocol:0";

    /** IQ sets whose payload is not exactly one child element. */
    enum BadSetPayload {
        NO_CHILD("no-child", ""),
        TWO_CHILDREN("two-children", "<ping xmlns='urn:xmpp:ping'/><query xmlns='jabber:iq:version'/>"),
        TEXT_ONLY("text-only", "just text");

        private final String key;
        final String payload;

        BadSetPayload(String key, String payload) {
            this.key = key;
            this.payload = payload;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.2.3", level = MUST,
          requirement = "an IQ set that does not contain exactly one child element is answered with an error carrying "
                  + "the request's id (no section names the condition; <bad-request/> is the fitting one and is noted)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadSetPayload.class)
    void iqSetWithoutExactlyOneChildGetsAnError(BadSetPayload payload, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("set-" + payload);

        XmlElement reply = alice.request("<iq type='set' id='" + id + "' to='" + lab.domain() + "'>" + payload.payload + "</iq>", id);

        StanzaSemantics.assertErrorReply(lab, reply, "an IQ set with " + payload);
    }

    /** IQ replies (result or error) a client sends the server, which must not be answered. */
    enum UnsolicitedReply {
        RESULT_TO_DOMAIN("result-to-domain", "result", true, ""),
        RESULT_WITHOUT_TO("result-without-to", "result", false, ""),
        RESULT_WITH_PAYLOAD("result-with-payload", "result", true, "<query xmlns='" + UNKNOWN_NS + "'/>"),
        ERROR_TO_DOMAIN("error-to-domain", "error", true, ERROR),
        ERROR_WITHOUT_TO("error-without-to", "error", false, ERROR);

        private final String key;
        final String type;
        final boolean toDomain;
        final String payload;

        UnsolicitedReply(String key, String type, boolean toDomain, String payload) {
            this.key = key;
            this.type = type;
            this.toDomain = toDomain;
            this.payload = payload;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    private static final String ERROR = "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>";

    @Spec(document = "RFC 6120", section = "8.2.3", level = MUST,
          requirement = "an IQ of type result or error that the server receives is never answered with another IQ")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnsolicitedReply.class)
    void iqResultOrErrorIsNotAnswered(UnsolicitedReply reply, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("unsolicited-" + reply);

        alice.send("<iq type='" + reply.type + "' id='" + id + "'" + (reply.toDomain ? " to='" + lab.domain() + "'" : "") + ">"
                + reply.payload + "</iq>");
        alice.sync();

        List<XmlElement> answers = alice.received().stream().filter(e -> Stanzas.hasId(e, id)).toList();
        assertTrue(answers.isEmpty(), "the server answered an IQ " + reply.type + " (" + reply + "): " + answers);
    }

    /** IQ requests the server handles itself. */
    enum Request {
        PING("ping", "get", "<ping xmlns='urn:xmpp:ping'/>", true),
        DISCO_INFO("disco-info", "get", "<query xmlns='http://jabber.org/protocol/disco#info'/>", true),
        VERSION("version", "get", "<query xmlns='jabber:iq:version'/>", true),
        UNKNOWN_GET("unknown-get", "get", "<query xmlns='" + UNKNOWN_NS + "'/>", true),
        UNKNOWN_SET("unknown-set", "set", "<query xmlns='" + UNKNOWN_NS + "'/>", true),
        ROSTER_WITHOUT_TO("roster-without-to", "get", "<query xmlns='jabber:iq:roster'/>", false);

        private final String key;
        final String type;
        final String payload;
        final boolean toDomain;

        Request(String key, String type, String payload, boolean toDomain) {
            this.key = key;
            this.type = type;
            this.payload = payload;
            this.toDomain = toDomain;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.2.3", level = MUST,
          requirement = "every IQ get or set is answered with exactly one IQ of type result or error")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Request.class)
    void everyRequestGetsExactlyOneReply(Request request, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("once-" + request);

        alice.request("<iq type='" + request.type + "' id='" + id + "'" + (request.toDomain ? " to='" + lab.domain() + "'" : "")
                + ">" + request.payload + "</iq>", id);
        alice.sync();

        List<XmlElement> replies = alice.received().stream().filter(e -> Stanzas.hasId(e, id)).toList();
        assertEquals(1, replies.size(), "replies to the " + request + " request: " + replies);
    }

    /** Where a request in a namespace nobody knows goes. */
    enum UnknownRequest {
        SET_TO_DOMAIN("set-to-domain", "set", true),
        GET_WITHOUT_TO("get-without-to", "get", false),
        SET_WITHOUT_TO("set-without-to", "set", false);

        private final String key;
        final String type;
        final boolean toDomain;

        UnknownRequest(String key, String type, boolean toDomain) {
            this.key = key;
            this.type = type;
            this.toDomain = toDomain;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.4", level = MUST,
          requirement = "an IQ request the server handles whose payload namespace it does not understand is answered "
                  + "with <service-unavailable/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnknownRequest.class)
    void unknownPayloadIsServiceUnavailable(UnknownRequest request, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("unknown-" + request);

        XmlElement reply = alice.request("<iq type='" + request.type + "' id='" + id + "'"
                + (request.toDomain ? " to='" + lab.domain() + "'" : "") + "><query xmlns='" + UNKNOWN_NS + "'/></iq>", id);

        assertEquals("error", reply.attribute("type").orElse(null), "type of the reply (" + request + "): " + reply.toXml());
        assertEquals("service-unavailable", Stanzas.errorCondition(reply), "condition (" + request + "): " + reply.toXml());
    }
}
