package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §8.3: the shape of the error stanzas a server returns, whatever provoked them. */
@StanzalabTest
class StanzaErrors {
    private static final String STANZAS = XmppNamespaces.STANZA_ERRORS;

    /** Stanzas a server answers with an error of its own. */
    enum Provocation {
        UNKNOWN_PAYLOAD("unknown-payload", "iq"),
        IQ_WITHOUT_CHILD("iq-without-child", "iq"),
        IQ_TO_ABSENT_RESOURCE("iq-to-absent-resource", "iq"),
        MESSAGE_TO_UNKNOWN_USER("message-to-unknown-user", "message"),
        IQ_TO_UNKNOWN_USER("iq-to-unknown-user", "iq");

        private final String key;
        final String kind;

        Provocation(String key, String kind) {
            this.key = key;
            this.kind = kind;
        }

        /** The address the stanza goes to. */
        String to(Lab lab, RawSession sender) {
            return switch (this) {
                case UNKNOWN_PAYLOAD, IQ_WITHOUT_CHILD -> lab.domain();
                case IQ_TO_ABSENT_RESOURCE -> sender.user().jid().toString() + "/stanzalab-absent";
                case MESSAGE_TO_UNKNOWN_USER, IQ_TO_UNKNOWN_USER -> "stanzalab-nobody-" + sender.user().username() + "@" + lab.domain();
            };
        }

        String stanza(String id, String to) {
            return switch (this) {
                case UNKNOWN_PAYLOAD -> "<iq type='get' id='" + id + "' to='" + to + "'><query xmlns='urn:stanzalab:no-such-protocol:0'/></iq>";
                case IQ_WITHOUT_CHILD -> "<iq type='get' id='" + id + "' to='" + to + "'/>";
                case IQ_TO_ABSENT_RESOURCE -> "<iq type='get' id='" + id + "' to='" + to + "'><ping xmlns='urn:xmpp:ping'/></iq>";
                case IQ_TO_UNKNOWN_USER -> "<iq type='set' id='" + id + "' to='" + to + "'><query xmlns='urn:stanzalab:no-such-protocol:0'/></iq>";
                case MESSAGE_TO_UNKNOWN_USER -> "<message type='chat' id='" + id + "' to='" + to + "'><body>anyone?</body></message>";
            };
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /** What was sent and the error that came back. */
    record Bounce(String to, String senderJid, XmlElement stanza, XmlElement error) {
    }

    @Spec(document = "RFC 6120", section = "8.3.1", level = MUST,
          requirement = "an error stanza is of the same kind as the stanza that caused it, has type 'error' and keeps its 'id'")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Provocation.class)
    void errorStanzaKeepsKindAndId(Provocation provocation, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("provoke-" + provocation);

        XmlElement reply = bounce(lab, alice, provocation, id).stanza();

        assertAll("error stanza answering " + provocation + ": " + reply.toXml(),
                () -> assertEquals(provocation.kind, reply.name(), "kind of stanza"),
                () -> assertEquals("error", reply.attribute("type").orElse(null), "'type'"),
                () -> assertEquals(id, reply.attribute("id").orElse(null), "'id'"));
    }

    // §8.3.1 asks for the swap at SHOULD only: a server may deviate to avoid a leak or a malformed address.
    @Spec(document = "RFC 6120", section = "8.3.1", level = SHOULD,
          requirement = "an error stanza comes from the address the failed stanza was sent to and goes back to its sender")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Provocation.class)
    void errorStanzaSwapsTheAddresses(Provocation provocation, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        Bounce bounce = bounce(lab, alice, provocation, alice.newId("provoke-" + provocation));

        XmlElement reply = bounce.stanza();
        assertAll("addresses of the error stanza answering " + provocation + " sent to " + bounce.to() + ": " + reply.toXml(),
                () -> assertEquals(bounce.to(), reply.attribute("from").orElse(null), "'from' must be the original 'to'"),
                () -> assertEquals(bounce.senderJid(), reply.attribute("to").orElse(bounce.senderJid()),
                        "'to', if present, must be the sender's full JID"));
    }

    @Spec(document = "RFC 6120", section = "8.3.2", level = MUST,
          requirement = "an error stanza contains one <error/> whose 'type' is auth, cancel, continue, modify or wait")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Provocation.class)
    void errorElementHasAValidType(Provocation provocation, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        Bounce bounce = bounce(lab, alice, provocation, alice.newId("provoke-" + provocation));

        assertEquals(1, bounce.stanza().children("error", XmppNamespaces.CLIENT).size(),
                "<error/> children of " + bounce.stanza().toXml());
        assertTrue(Set.of("auth", "cancel", "continue", "modify", "wait").contains(bounce.error().attribute("type").orElse("")),
                "'type' of the <error/> answering " + provocation + ": " + bounce.error().toXml());
    }

    @Spec(document = "RFC 6120", section = "8.3.2", level = MUST,
          requirement = "an <error/> holds exactly one defined condition element in the stanza-error namespace")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Provocation.class)
    void errorHasExactlyOneDefinedCondition(Provocation provocation, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        Bounce bounce = bounce(lab, alice, provocation, alice.newId("provoke-" + provocation));

        List<String> conditions = bounce.error().children().stream()
                .filter(c -> c.namespace().equals(STANZAS) && !c.name().equals("text")).map(XmlElement::name).toList();
        assertEquals(1, conditions.size(), "defined conditions in the <error/> answering " + provocation + ": "
                + bounce.error().toXml());
        assertTrue(DEFINED_CONDITIONS.contains(conditions.get(0)),
                "<" + conditions.get(0) + "/> is not a condition defined in §8.3.3: " + bounce.error().toXml());
    }

    @Spec(document = "RFC 6120", section = "8.3.2", level = MUST,
          requirement = "the descriptive <text/> of a stanza error, when present, is in the stanza-error namespace")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Provocation.class)
    void errorTextIsQualifiedByTheStanzaErrorNamespace(Provocation provocation, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        Bounce bounce = bounce(lab, alice, provocation, alice.newId("provoke-" + provocation));

        List<XmlElement> texts = bounce.error().children().stream().filter(c -> c.name().equals("text")).toList();
        lab.requireThat(!texts.isEmpty(), "the server's error answering " + provocation + " has no <text/>: " + bounce.error().toXml());
        for (XmlElement text : texts) {
            assertEquals(STANZAS, text.namespace(), "namespace of <text/> in " + bounce.error().toXml());
        }
    }

    /** Error stanzas a client sends, which nobody may answer. */
    enum ErrorStanza {
        MESSAGE_TO_DOMAIN("message-to-domain", "message", true),
        MESSAGE_TO_UNKNOWN_USER("message-to-unknown-user", "message", false),
        PRESENCE_TO_DOMAIN("presence-to-domain", "presence", true),
        PRESENCE_TO_UNKNOWN_USER("presence-to-unknown-user", "presence", false);

        private final String key;
        final String kind;
        final boolean toDomain;

        ErrorStanza(String key, String kind, boolean toDomain) {
            this.key = key;
            this.kind = kind;
            this.toDomain = toDomain;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "8.3.1", level = MUST,
          requirement = "a stanza of type error is never answered with another error stanza")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ErrorStanza.class)
    void errorStanzaIsNotAnsweredWithAnError(ErrorStanza stanza, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String id = alice.newId("error-" + stanza);
        String to = stanza.toDomain ? lab.domain() : "stanzalab-nobody-" + alice.user().username() + "@" + lab.domain();

        alice.send("<" + stanza.kind + " type='error' id='" + id + "' to='" + to + "'><error type='cancel'>"
                + "<item-not-found xmlns='" + STANZAS + "'/></error></" + stanza.kind + ">");
        alice.sync();

        List<XmlElement> answers = alice.receivedWithId(id);
        assertTrue(answers.isEmpty(), "the " + stanza.kind + " of type error sent to " + to + " was answered: " + answers);
    }

    private static final Set<String> DEFINED_CONDITIONS = Set.of("bad-request", "conflict", "feature-not-implemented",
            "forbidden", "gone", "internal-server-error", "item-not-found", "jid-malformed", "not-acceptable", "not-allowed",
            "not-authorized", "policy-violation", "recipient-unavailable", "redirect", "registration-required",
            "remote-server-not-found", "remote-server-timeout", "resource-constraint", "service-unavailable",
            "subscription-required", "undefined-condition", "unexpected-request");

    private static Bounce bounce(Lab lab, RawSession sender, Provocation provocation, String id) {
        String to = provocation.to(lab, sender);
        sender.send(provocation.stanza(id, to));
        XmlElement reply = sender.expect("an error answering the " + provocation + " stanza", e -> Stanzas.hasId(e, id));
        XmlElement error = reply.child("error", XmppNamespaces.CLIENT).orElseThrow(() -> new ServerFailure(
                "the answer to the " + provocation + " stanza is not an error stanza with an <error/> child: " + reply.toXml()));
        return new Bounce(to, sender.jid(), reply, error);
    }
}
