package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.nothingFor;

import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Reply;
import org.stanzalab.suites.rfc6121.RoutingResources.Seat;

/**
 * RFC 6121 §8.5.2 and §8.5.3: where a message for a local user goes, by message type, by how it is addressed, and by
 * the resources the user has at that moment. Each case names its type, addressing and resource set
 * ({@code chat-bare-two-equal}); the rule methods below state, per section, which resources must, may or must not
 * receive it and whether an error comes back.
 */
@StanzalabTest
class MessageRouting {
    private static final List<Message.Type> TYPES = List.of(
            Message.Type.normal, Message.Type.chat, Message.Type.groupchat, Message.Type.headline, Message.Type.error);


    static List<RoutingCase<Message.Type>> toBareJid() {
        return cases("bare", TYPES, RoutingResources.online());
    }

    static List<RoutingCase<Message.Type>> toBareJidOfflineNormalOrChat() {
        return cases("bare", List.of(Message.Type.normal, Message.Type.chat), List.of(RoutingResources.NONE));
    }

    static List<RoutingCase<Message.Type>> toBareJidOfflineOtherTypes() {
        return cases("bare", List.of(Message.Type.groupchat, Message.Type.headline, Message.Type.error), List.of(RoutingResources.NONE));
    }

    static List<RoutingCase<Message.Type>> toFullJid() {
        return cases("full", TYPES, RoutingResources.online());
    }

    static List<RoutingCase<Message.Type>> toUnboundFullJid() {
        return cases("unbound", TYPES, List.of(RoutingResources.values()));
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "a message to the bare JID of a user with available or connected resources is delivered by type: normal and chat to the "
                  + "most available or to all non-negative resources, headline to all non-negative resources, groupchat to none (an error comes back), "
                  + "error to none; never to a resource with negative priority, and the 'to' stays the bare JID")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJid")
    void messageToBareJidFollowsTypeAndPriority(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.bareJid());

        routing.verify(sent, bareJidRule(c.type(), c.resources()), "8.5.2.1.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.2.2.1", level = SHOULD,
          requirement = "a normal or chat message to the bare JID of a user with no resources is kept for later delivery or answered with an error")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOfflineNormalOrChat")
    void offlineNormalOrChatMessageIsKeptOrRefused(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.bareJid());

        routing.verify(sent, offlineRule(c.type()), "8.5.2.2.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.2.2.1", level = MUST,
          requirement = "for a user with no resources, a groupchat message to the bare JID is answered with an error, and headline and error "
                  + "messages are dropped without an error")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOfflineOtherTypes")
    void offlineGroupchatHeadlineAndErrorMessagesFollowTheirType(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.bareJid());

        routing.verify(sent, offlineRule(c.type()), "8.5.2.2.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.1", level = MUST,
          requirement = "a message of any type to a full JID that matches a resource (available, connected, or of negative priority) is delivered "
                  + "to exactly that resource")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toFullJid")
    void messageToFullJidReachesExactlyThatResource(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());
        Seat target = c.resources().target();

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.fullJidOf(target));

        routing.verify(sent, nothingFor(c.resources()).seat(target.index(), Delivery.MUST), "8.5.3.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.2.1", level = MUST,
          requirement = "a message to a full JID that matches no resource: chat is handled as if sent to the bare JID; normal, groupchat and "
                  + "headline are dropped or answered with an error but reach no resource; error is dropped silently")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toUnboundFullJid")
    void messageToUnboundFullJidFollowsType(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.unboundFullJid());

        routing.verify(sent, unboundFullJidRule(c.type(), c.resources()), "8.5.3.2.1");
    }

    // ---- the rules, one per section ----

    /**
     * §8.5.2.1.1. A connected resource that sent no presence is not "available", and the section says nothing about
     * it, so it may or may not get a copy. With only negative-priority resources, normal and chat messages should be
     * handled as if the user had none (kept or refused): the MUST checked is that no negative resource receives them.
     */
    static RoutingExpectation bareJidRule(Message.Type type, RoutingResources r) {
        RoutingExpectation e = nothingFor(r).keepingBareTo().seats(r, s -> !s.available(), Delivery.MAY);
        long nonNegative = r.seats().stream().filter(Seat::nonNegative).count();
        switch (type) {
            case normal, chat -> {
                Delivery toNonNegative = nonNegative == 1 ? Delivery.MUST : Delivery.ONE_OF;
                return e.seats(r, Seat::nonNegative, toNonNegative).reply(Reply.ERROR_MAY);
            }
            case headline -> {
                if (nonNegative == 0 && r.hasAvailable()) {
                    return e.reply(Reply.ERROR_MUST_NOT);
                }
                return e.seats(r, Seat::nonNegative, Delivery.MUST).reply(Reply.ERROR_MAY);
            }
            case groupchat -> {
                return e.reply(Reply.ERROR_MUST);
            }
            default -> {
                return nothingFor(r);
            }
        }
    }

    /** §8.5.2.2.1: nobody is online, so nothing can be delivered now. */
    static RoutingExpectation offlineRule(Message.Type type) {
        RoutingExpectation e = nothingFor(RoutingResources.NONE);
        return switch (type) {
            case normal, chat -> e.reply(Reply.STORED_OR_ERROR);
            case groupchat -> e.reply(Reply.ERROR_MUST);
            default -> e;
        };
    }

    /** §8.5.3.2.1. */
    static RoutingExpectation unboundFullJidRule(Message.Type type, RoutingResources r) {
        return switch (type) {
            case chat -> r == RoutingResources.NONE ? nothingFor(r).reply(Reply.STORED_OR_ERROR) : asBareJid(r);
            case normal, groupchat, headline -> nothingFor(r).reply(Reply.ERROR_MAY);
            default -> nothingFor(r);
        };
    }

    /** A chat message to an unbound full JID goes where one to the bare JID would (the 'to' may keep the resource). */
    private static RoutingExpectation asBareJid(RoutingResources r) {
        long nonNegative = r.seats().stream().filter(Seat::nonNegative).count();
        return nothingFor(r).seats(r, s -> !s.available(), Delivery.MAY)
                .seats(r, Seat::nonNegative, nonNegative == 1 ? Delivery.MUST : Delivery.ONE_OF)
                .reply(Reply.ERROR_MAY);
    }

    private static List<RoutingCase<Message.Type>> cases(String addressing, List<Message.Type> types, List<RoutingResources> sets) {
        return RoutingCase.matrix("", types, addressing, sets);
    }
}
