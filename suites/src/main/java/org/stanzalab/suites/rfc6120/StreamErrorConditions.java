package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * RFC 6120 §4.9.3: stream errors for well-formed XML that breaks the stream's rules: stanzas before
 * authentication, first-level elements the server does not know (which §4.8.4 also lets it ignore), spoofed
 * 'from' addresses, and stanzas beyond the server's size limit; and a second STARTTLS, refused at the TLS layer.
 */
@StanzalabTest
class StreamErrorConditions {
    enum BeforeAuthentication {
        IQ_ROSTER_GET("iq-roster-get", "<iq type='get' id='ID'><query xmlns='jabber:iq:roster'/></iq>"),
        IQ_PING("iq-ping", "<iq type='get' id='ID' to='DOMAIN'><ping xmlns='urn:xmpp:ping'/></iq>"),
        IQ_DISCO_INFO("iq-disco-info", "<iq type='get' id='ID' to='DOMAIN'><query xmlns='http://jabber.org/protocol/disco#info'/></iq>"),
        IQ_BIND("iq-bind", "<iq type='set' id='ID'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/></iq>");

        private final String key;
        final String xml;

        BeforeAuthentication(String key, String xml) {
            this.key = key;
            this.xml = xml;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "4.9.3.12", level = MUST,
          requirement = "a request sent on a secured stream before SASL authentication is not processed: the server "
                  + "ends the stream with <not-authorized/> (then </stream:stream> and the TCP close) or answers with an "
                  + "error, never with a result")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BeforeAuthentication.class)
    void requestBeforeAuthenticationIsNotProcessed(BeforeAuthentication request, Lab lab) {
        RawSession client = lab.raw().secure();
        String id = client.newId("early");

        client.send(request.xml.replace("DOMAIN", lab.domain()).replace("ID", id));

        XmlElement answer = client.expect("a stream error or an IQ error answering '" + id + "' sent before authentication",
                e -> StreamError.isStreamError(e) || (Stanzas.isStanza(e, "iq") && Stanzas.hasId(e, id)));
        if (answer.is("iq", XmppNamespaces.CLIENT)) {
            assertEquals("error", answer.attribute("type").orElse(null), "a " + request + " request before authentication "
                    + "must not be processed (RFC 6120 §4.9.3.12), but was answered with " + answer.toXml());
            return;
        }
        StreamEnd.expectStreamErrorAndClosing(client, "a " + request + " request before authentication", "4.9.3.12",
                Set.of("not-authorized"), true);
    }

    enum UnknownElement {
        UNKNOWN_NAME("unknown-name", "<foo/>", false),
        STANZA_NAME_CAPITALISED("stanza-name-capitalised", "<Message><body>hi</body></Message>", false),
        UNKNOWN_NAMESPACE("unknown-namespace", "<foo xmlns='urn:example:unknown'/>", true),
        MESSAGE_IN_UNKNOWN_NAMESPACE("message-in-unknown-namespace",
                "<message xmlns='urn:example:unknown'><body>hi</body></message>", true),
        MESSAGE_IN_SERVER_NAMESPACE("message-in-server-namespace",
                "<message xmlns='jabber:server' to='DOMAIN'><body>hi</body></message>", true),
        UNKNOWN_STREAM_ELEMENT("unknown-stream-element", "<stream:foo/>", false),
        FEATURES_FROM_CLIENT("features-from-client", "<stream:features/>", false),
        NESTED_STREAM_ELEMENT("nested-stream-element", "<stream:stream to='DOMAIN' version='1.0'></stream:stream>", false);

        private final String key;
        final String xml;
        /** The element is in a namespace the client stream does not carry, so <invalid-namespace/> fits too. */
        final boolean foreignNamespace;

        UnknownElement(String key, String xml, boolean foreignNamespace) {
            this.key = key;
            this.xml = xml;
            this.foreignNamespace = foreignNamespace;
        }

        /**
         * The names §4.8.4 prefers: <unsupported-stanza-type/>; a validating server may name the element invalid
         * (<invalid-xml/>, §4.9.3.11), and an element in a namespace the stream does not carry may get
         * <invalid-namespace/> (§4.8.3).
         */
        Set<String> preferredConditions() {
            return foreignNamespace ? Set.of("unsupported-stanza-type", "invalid-namespace", "invalid-xml")
                    : Set.of("unsupported-stanza-type", "invalid-xml");
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // §4.8.4: a server either ignores an arbitrary first-level element or closes the stream with a stream error;
    // only the name of that error is a SHOULD, graded by the next method.
    @Spec(document = "RFC 6120", section = "4.8.4", level = MUST,
          requirement = "a first-level element other than a jabber:client message, presence or iq (sent after resource "
                  + "binding) is either ignored, the stream going on without an answer to it, or the stream is closed with "
                  + "a stream error, then </stream:stream> and the TCP close")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnknownElement.class)
    void unknownFirstLevelElementIsIgnoredOrEndsTheStream(UnknownElement element, Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();
        client.forget();

        client.send(element.xml.replace("DOMAIN", lab.domain()));

        if (client.endedSession().isEmpty()) {
            // Only the ping that showed the stream going on may have been answered.
            client.received().stream().filter(e -> !Stanzas.isStanza(e, "iq")).findFirst().ifPresent(answer ->
                    fail("a first-level element " + element + " must be ignored or end the stream with a stream error "
                            + "(RFC 6120 §4.8.4), but the server went on and answered it: " + answer.toXml()));
            lab.transcript().note("choice", "the server ignored the element and kept the stream open");
            return;
        }
        StreamEnd.expectStreamErrorAndClosing(client, "a first-level element " + element, "4.8.4",
                StreamEnd.ANY_DEFINED_CONDITION, true);
    }

    @Spec(document = "RFC 6120", section = "4.8.4", level = SHOULD,
          requirement = "where a first-level element other than a jabber:client message, presence or iq ends the stream, "
                  + "the stream error is <unsupported-stanza-type/> (<invalid-xml/> from a validating server, §4.9.3.11; "
                  + "<invalid-namespace/> for an element in a namespace the stream does not carry, §4.8.3)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(UnknownElement.class)
    void unknownFirstLevelElementThatEndsTheStreamGetsUnsupportedStanzaType(UnknownElement element, Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();
        String violation = "a first-level element " + element;

        client.send(element.xml.replace("DOMAIN", lab.domain()));

        StreamError error = StreamEnd.streamErrorToGrade(client::expectStreamError, violation);
        StreamEnd.assertPreferredCondition(error, violation, "4.8.4", element.preferredConditions());
    }

    enum SpoofedFrom {
        OTHER_USER("other-user", "someone-else@DOMAIN/elsewhere"),
        OTHER_DOMAIN("other-domain", "mallory@example.org/spoofed"),
        OWN_ACCOUNT_OTHER_RESOURCE("own-account-other-resource", "SELF/not-my-resource"),
        SERVER_DOMAIN("server-domain", "DOMAIN");

        private final String key;
        private final String from;

        SpoofedFrom(String key, String from) {
            this.key = key;
            this.from = from;
        }

        String from(Lab lab, User self) {
            return from.replace("SELF", self.jid().toString()).replace("DOMAIN", lab.domain());
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a 'from' the client may not use is either replaced by the client's full JID before the stanza "
                  + "is routed, or the stream is ended with <invalid-from/> (§4.9.3.9); the spoofed address never "
                  + "reaches the recipient")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SpoofedFrom.class)
    void spoofedFromIsReplacedOrEndsTheStreamWithInvalidFrom(SpoofedFrom spoofed, Lab lab) {
        User alice = lab.newUser();
        User mallory = lab.newUser();
        RawSession recipient = lab.setUp("the recipient bound and available", () -> lab.raw().authenticate(alice).bind().available());
        RawSession spoofer = lab.setUp("the sender bound", () -> lab.raw().authenticate(mallory).bind());
        String recipientJid = recipient.jid();
        String spooferJid = spoofer.jid();
        String from = spoofed.from(lab, mallory);
        String id = spoofer.newId("spoofed");

        spoofer.send("<message type='chat' id='" + id + "' to='" + recipientJid + "' from='" + from + "'>"
                + "<body>who am I?</body></message>");

        Optional<String> ended = spoofer.endedSession();
        if (ended.isPresent()) {
            StreamEnd.expectStreamErrorAndClosing(spoofer, "a stanza with the spoofed from '" + from + "'", "4.9.3.9",
                    Set.of("invalid-from"), true);
            return;
        }
        Optional<XmlElement> bounce = spoofer.received().stream().filter(e -> Stanzas.isStanza(e, "message")
                && Stanzas.hasId(e, id) && Stanzas.hasType(e, "error")).findFirst();
        if (bounce.isPresent()) {
            fail("a stanza from '" + from + "' must be routed with the sender's full JID " + spooferJid + " instead, or end "
                    + "the stream with <invalid-from/> (RFC 6120 §8.1.2.1, §4.9.3.9); the server bounced it: " + bounce.get().toXml());
        }
        XmlElement delivered = recipient.expect("the message '" + id + "' (its from replaced by the server)",
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        if (from.equals(delivered.attribute("from").orElse(null))) {
            throw new SecurityBreach("the message " + mallory.role() + " sent as '" + from + "' was delivered as coming from '"
                    + from + "' (RFC 6120 §8.1.2.1 requires the sender's full JID " + spooferJid + "): " + delivered.toXml());
        }
        assertEquals(spooferJid, delivered.attribute("from").orElse(null),
                "the server must replace the spoofed from '" + from + "' with the sender's full JID (RFC 6120 §8.1.2.1): "
                        + delivered.toXml());
    }

    enum SecondNegotiation {
        STARTTLS_AFTER_TLS("starttls-after-tls"),
        STARTTLS_AFTER_BINDING("starttls-after-binding");

        private final String key;

        SecondNegotiation(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    // After TLS the server no longer offers STARTTLS (§5.4.3.3), and a <starttls/> for a feature not offered is
    // the failure case of §5.4.2.2.
    @Spec(document = "RFC 6120", section = "5.4.2.2", level = MUST,
          requirement = "once TLS is in place the server does not negotiate it again: a second <starttls/> is answered "
                  + "with a TLS <failure/>, then the closing of the stream and the TCP connection, never with <proceed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SecondNegotiation.class)
    void secondStarttlsIsRefused(SecondNegotiation when, Lab lab) {
        RawSession client = when == SecondNegotiation.STARTTLS_AFTER_TLS ? lab.raw().secure()
                : lab.raw().authenticate(lab.newUser()).bind();

        client.send("<starttls xmlns='" + XmppNamespaces.TLS + "'/>");

        XmlElement answer = client.expect("a TLS <failure/> after a second <starttls/>",
                e -> e.namespace().equals(XmppNamespaces.TLS) || StreamError.isStreamError(e));
        assertTrue(answer.is("failure", XmppNamespaces.TLS), "a second <starttls/>, for a feature no longer offered, must "
                + "be answered with a TLS <failure/> (RFC 6120 §5.4.2.2), but the server sent " + answer.toXml());
        StreamEnd.expectClosing(client, "the TLS <failure/> (RFC 6120 §5.4.2.2)", true);
    }

    // §13.12 lets a server cap the stanza size at 10000 bytes or more; a stanza over its cap must get a
    // <policy-violation/>, as a stanza error (the stream goes on) or as a stream error.
    @Spec(document = "RFC 6120", section = "13.12", level = MUST,
          requirement = "a 1 MiB stanza is either processed (the server's cap is higher), refused with a <policy-violation/> "
                  + "stanza error, or refused with a <policy-violation/> stream error, then </stream:stream> and the TCP close")
    @Test
    void oversizedStanzaIsProcessedOrRefusedWithPolicyViolation(Lab lab) {
        User user = lab.newUser();
        RawSession client = lab.raw().authenticate(user).bind();
        String status = "x".repeat(1 << 20);
        String head = "<presence type='unavailable' to='nobody-" + user.username() + "@" + lab.domain() + "'><status>";

        boolean written = client.sendUnlessClosed(head + status + "</status></presence>", head + "[1 MiB of 'x']</status></presence>");

        if (written && client.endedSession().isEmpty()) {
            lab.transcript().note("choice", "the stream went on: the server processed the stanza or refused it with a "
                    + "stanza error");
            return;
        }
        StreamEnd.expectStreamErrorAndClosing(client, "a 1 MiB stanza", "13.12", Set.of("policy-violation"), true);
    }
}
