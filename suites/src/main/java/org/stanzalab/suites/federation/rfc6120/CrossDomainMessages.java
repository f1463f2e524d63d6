package org.stanzalab.suites.federation.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.wire.XmlElement;

/**
 * Messages between users of two federating servers. The sending server routes the stanza to the remote domain
 * (RFC 6120 §10.4), and the receiving server applies its delivery rules as for any message to its users (RFC 6120
 * §10.5, RFC 6121 §8.5): the recipient must get exactly what the sender wrote (body, thread, xml:lang and an
 * extension the servers do not know), stamped with the sender's full JID.
 */
@StanzalabTest
class CrossDomainMessages {
    /** What a message carries besides its type: everything a server must pass on without understanding it. */
    static final String CONTENT = "<body>across the federation, über alles gleich</body><thread>fed-thread-1</thread>"
            + "<payload xmlns='urn:stanzalab:test:extension' kind='unknown'><item n='1'>kept as written</item></payload>";

    /** The message types RFC 6121 §5.2.2 defines. */
    enum Type {
        CHAT, NORMAL, HEADLINE, GROUPCHAT, ERROR;

        String attribute() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The stanza as the sender writes it (%s id, %s to); an error message carries an error element, as it must. */
        String template() {
            String error = this == ERROR ? "<error type='cancel'><service-unavailable xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'/></error>" : "";
            return "<message type='" + attribute() + "' id='%s' to='%s' xml:lang='de'>" + CONTENT + error + "</message>";
        }
    }

    /** One direction and one message type. */
    record Case(Crossing crossing, Type type) {
        @Override
        public String toString() {
            return crossing + "-" + type.attribute();
        }
    }

    static List<Case> everyType() {
        List<Case> cases = new ArrayList<>();
        for (Crossing crossing : Crossing.values()) {
            for (Type type : Type.values()) {
                cases.add(new Case(crossing, type));
            }
        }
        return cases;
    }

    static List<Case> deliveredToBareJid() {
        List<Case> cases = new ArrayList<>();
        for (Crossing crossing : Crossing.values()) {
            for (Type type : List.of(Type.CHAT, Type.NORMAL, Type.HEADLINE)) {
                cases.add(new Case(crossing, type));
            }
        }
        return cases;
    }

    @Spec(document = "RFC 6120", section = "10.5.4", level = MUST,
          requirement = "a message of any type from a user of another domain to the full JID of a connected resource is delivered to "
                  + "that resource as the sender wrote it (type, id, xml:lang, body, thread and an unknown extension), from the "
                  + "sender's full JID")
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyType")
    void messageToRemoteFullJidIsDeliveredAsWritten(Case c, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, c.crossing());
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        carry(alice, bob, bob.jid(), c.type());
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "a chat, normal or headline message from a user of another domain to the bare JID of a user whose one "
                  + "available resource has priority 0 is delivered to that resource as the sender wrote it, from the sender's full JID")
    @ParameterizedTest(name = "{0}")
    @MethodSource("deliveredToBareJid")
    void messageToRemoteBareJidIsDeliveredToTheAvailableResource(Case c, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, c.crossing());
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        carry(alice, bob, bob.bareJid(), c.type());
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "a groupchat message from a user of another domain to the bare JID of an available user reaches none of the "
                  + "user's resources, and an error comes back to the sender across the federation")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void groupchatToRemoteBareJidBouncesAcrossTheFederation(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        String id = alice.newId("groupchat");
        alice.send(Type.GROUPCHAT.template().formatted(id, bob.bareJid()));

        XmlElement bounce = alice.expect("an error for the groupchat message '" + id + "' sent to " + bob.bareJid(),
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        if (!Stanzas.hasType(bounce, "error")) {
            throw new ServerFailure("the groupchat message to the bare JID came back to its sender, but not as an error: " + bounce.toXml());
        }
        // service-unavailable is what the section recommends (SHOULD); any condition meets the MUST
        alice.note("check", "the bounce names <" + Stanzas.errorCondition(bounce) + "/>");
        bob.expectNothingFrom(alice, "the groupchat message sent to its bare JID",
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "an error message from a user of another domain to the bare JID of an available user is silently ignored: "
                  + "no resource gets it and nothing comes back to the sender")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void errorMessageToRemoteBareJidIsIgnored(Crossing crossing, Lab lab) {
        CrossRoute route = CrossRoute.between(lab, crossing);
        RawSession alice = route.homeUser();
        RawSession bob = route.awayUser();

        String id = alice.newId("error");
        alice.send(Type.ERROR.template().formatted(id, bob.bareJid()));

        bob.expectNothingFrom(alice, "the error message sent to its bare JID", e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        Optional<XmlElement> answer = CrossRoute.bounceAfterSettling(alice, bob.bareJid(), id);
        answer.ifPresent(error -> {
            throw new ServerFailure("the error message to " + bob.bareJid() + " was answered with another error, though it must be "
                    + "ignored silently (and an error is never answered with an error, RFC 6120 §8.3.1): " + error.toXml());
        });
    }

    /** Sends the message of this type to {@code to} and checks what the recipient is given. */
    static XmlElement carry(RawSession sender, RawSession recipient, String to, Type type) {
        String id = sender.newId(type.attribute());
        String xml = type.template().formatted(id, to);
        sender.send(xml);
        XmlElement delivered = recipient.expect("the " + type.attribute() + " message '" + id + "' sent to " + to,
                e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
        Offline.assertCarriedUnchanged(xml, delivered);
        assertEquals(sender.jid(), delivered.attribute("from").orElse(null),
                "'from' of the delivered message (RFC 6120 §8.1.2.1: the sender's full JID): " + Offline.shown(delivered));
        return delivered;
    }
}
