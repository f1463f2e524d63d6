package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Reply;

/**
 * RFC 6120 §10.3 (which RFC 6121 §8 builds on): a stanza a client sends without a 'to' address. The sending resource is available at priority 0,
 * alone ({@code prio-zero}) or beside a second resource of the same account ({@code two-equal}).
 */
@StanzalabTest
class NoToAddressRouting {
    private static final List<RoutingResources> SETS = List.of(RoutingResources.PRIO_ZERO, RoutingResources.TWO_EQUAL);

    record Case<T>(String key, T type, RoutingResources resources) {
        @Override
        public String toString() {
            return key;
        }
    }

    static List<Case<Message.Type>> messages() {
        List<Case<Message.Type>> cases = new ArrayList<>();
        for (Message.Type type : List.of(Message.Type.normal, Message.Type.chat, Message.Type.groupchat, Message.Type.headline, Message.Type.error)) {
            for (RoutingResources set : SETS) {
                cases.add(new Case<>(type + "-noto-" + set.key, type, set));
            }
        }
        return cases;
    }

    static List<Case<IQ.Type>> iqs() {
        List<Case<IQ.Type>> cases = new ArrayList<>();
        for (IQ.Type type : List.of(IQ.Type.get, IQ.Type.set)) {
            for (RoutingResources set : SETS) {
                cases.add(new Case<>("iq-" + type + "-noto-" + set.key, type, set));
            }
        }
        return cases;
    }

    @Spec(document = "RFC 6120", section = "10.3.1", level = MUST,
          requirement = "a message without 'to' is handled as if addressed to the sender's own bare JID (delivered by the rules for that bare JID)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void messageWithoutToIsHandledAsToOwnBareJid(Case<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.ownAccount(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), null);

        // Handled as if addressed to the bare JID, so a copy keeps that 'to' (RFC 6121 §8.5.2.1.1) or carries none, as sent.
        RoutingExpectation expected = MessageRouting.bareJidRule(c.type(), c.resources());
        routing.verify(sent, expected.keepingBareToOrNone(), "10.3.1");
    }

    @Spec(document = "RFC 6120", section = "10.3.3", level = MUST,
          requirement = "an IQ without 'to' is processed by the server on behalf of the sending account and reaches none of its resources; "
                  + "a payload the server does not understand gets service-unavailable")
    @ParameterizedTest(name = "{0}")
    @MethodSource("iqs")
    void iqWithoutToIsProcessedByTheServer(Case<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.ownAccount(lab, c.resources());

        RoutingScenario.Sent asked = routing.request(c.type(), null);

        routing.verifyIq(asked, RoutingExpectation.nothingFor(c.resources()).reply(Reply.ERROR_MUST).errorMustBe(StanzaError.Condition.service_unavailable), "10.3.3");
    }

}
