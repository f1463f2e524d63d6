package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.nothingFor;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Reply;

/** RFC 6121 §8.5.1: stanzas to a bare or full JID at the server's own domain whose account does not exist. */
@StanzalabTest
class NoSuchUserRouting {

    /** The 'to' of a case: the nonexistent account's bare JID, or a full JID under it. */
    enum Addressing {
        BARE, FULL;

        Jid of(EntityBareJid account) {
            return this == BARE ? account : RoutingScenario.withUnboundResource(account);
        }
    }

    record Case<T>(String key, T type, Addressing addressing) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Case<Message.Type>> messages() {
        return cases(List.of(Message.Type.normal, Message.Type.chat, Message.Type.groupchat, Message.Type.headline, Message.Type.error));
    }

    static List<Case<Presence.Type>> presences() {
        return cases(List.of(Presence.Type.available, Presence.Type.unavailable, Presence.Type.subscribe, Presence.Type.subscribed,
                Presence.Type.unsubscribe, Presence.Type.unsubscribed, Presence.Type.probe));
    }

    static List<Case<IQ.Type>> iqs() {
        List<Case<IQ.Type>> cases = new ArrayList<>();
        for (Case<IQ.Type> c : cases(List.of(IQ.Type.get, IQ.Type.set))) {
            cases.add(new Case<>("iq-" + c.key(), c.type(), c.addressing()));
        }
        return cases;
    }

    @Spec(document = "RFC 6121", section = "8.5.1", level = MUST,
          requirement = "a message to a nonexistent local account is either dropped silently or answered with service-unavailable; for an "
                  + "error message only the silent drop remains, as an error is never answered with another (RFC 6120 §8.3.1)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messageToNonexistentAccountIsDroppedOrRefused(Case<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.towardsNobody(lab);

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), c.addressing().of(RoutingScenario.nonexistentAccount(lab)));

        RoutingExpectation expected = c.type() == Message.Type.error
                ? nothingFor(RoutingResources.NONE)
                : nothingFor(RoutingResources.NONE).reply(Reply.ERROR_MAY).errorMustBe(StanzaError.Condition.service_unavailable);
        routing.verify(sent, expected, "8.5.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.1", level = MUST,
          requirement = "presence of any type to a nonexistent local account is silently ignored (a probe may instead get presence of type "
                  + "unsubscribed): no error comes back")
    @ParameterizedTest(name = "{0}")
    @MethodSource("presences")
    void presenceToNonexistentAccountIsSilentlyIgnored(Case<Presence.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.towardsNobody(lab);
        EntityBareJid nobody = RoutingScenario.nonexistentAccount(lab);

        RoutingScenario.Sent sent = routing.sendPresence(c.type(), c.addressing().of(nobody));

        routing.verify(sent, nothingFor(RoutingResources.NONE), "8.5.1");
        routing.verifyNoPresenceFrom(nobody, sent,
                reply -> c.type() == Presence.Type.probe && reply.getType() == Presence.Type.unsubscribed, "8.5.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.1", level = MUST,
          requirement = "an IQ to a nonexistent local account is answered with service-unavailable")
    @ParameterizedTest(name = "{0}")
    @MethodSource("iqs")
    void iqToNonexistentAccountIsRefused(Case<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.towardsNobody(lab);

        RoutingScenario.Sent asked = routing.request(c.type(), c.addressing().of(RoutingScenario.nonexistentAccount(lab)));

        routing.verifyIq(asked, IqRouting.refusedByTheServer(RoutingResources.NONE), "8.5.1");
    }

    private static <T> List<Case<T>> cases(List<T> types) {
        List<Case<T>> cases = new ArrayList<>();
        for (T type : types) {
            for (Addressing a : Addressing.values()) {
                cases.add(new Case<>(type + "-nobody-" + a.name().toLowerCase(java.util.Locale.ROOT), type, a));
            }
        }
        return cases;
    }
}
