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

    /**
     * Every type against every resource set, except chat where the user's only available resources are negative or
     * merely connected: there §8.5.3.2.1 asks for storage or an error at SHOULD, or says nothing, so no MUST is left.
     */
    static List<RoutingCase<Message.Type>> toUnboundFullJid() {
        return cases("unbound", TYPES, List.of(RoutingResources.values())).stream()
                .filter(c -> c.type() != Message.Type.chat || c.resources() == RoutingResources.NONE || c.resources().hasNonNegative())
                .toList();
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
                  + "messages are dropped without an error; none of them is kept for later delivery")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOfflineOtherTypes")
    void offlineGroupchatHeadlineAndErrorMessagesFollowTheirType(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.bareJid());

        routing.verify(sent, offlineRule(c.type()), "8.5.2.2.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.1", level = MUST,
          requirement = "a message of any type to a full JID that matches a resource (available, connected, or of negative priority) is delivered "
                  + "to that resource and to no other, except that a chat message may also go to the other non-negative resources when there "
                  + "are several (Table 1 of §8.5.4)")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toFullJid")
    void messageToFullJidReachesExactlyThatResource(RoutingCase<Message.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());
        Seat target = c.resources().target();

        RoutingScenario.Sent sent = routing.sendMessage(c.type(), routing.fullJidOf(target));

        routing.verify(sent, fullJidRule(c.type(), c.resources()), "8.5.3.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.2.1", level = MUST,
          requirement = "a message to a full JID that matches no resource: chat is kept or refused when the user has no resources and otherwise "
                  + "goes to the one non-negative resource or to the most available or all of several; normal, groupchat and headline are dropped "
                  + "or answered with an error but reach no resource, and groupchat and headline are not kept for later (normal may be, "
                  + "as XEP-0160 recommends for a user with no available resources); error is dropped silently")
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
     * Where the section requires delivery, delivery is the one outcome it allows (Table 1 of §8.5.4 has no E in those
     * cells), so no error may come back.
     */
    static RoutingExpectation bareJidRule(Message.Type type, RoutingResources r) {
        RoutingExpectation e = nothingFor(r).keepingBareTo().seats(r, s -> !s.available(), Delivery.MAY);
        long nonNegative = r.seats().stream().filter(Seat::nonNegative).count();
        switch (type) {
            case normal, chat -> {
                if (nonNegative == 0) {
                    return e.reply(Reply.ERROR_MAY);
                }
                return e.seats(r, Seat::nonNegative, nonNegative == 1 ? Delivery.MUST : Delivery.ONE_OF);
            }
            case headline -> {
                if (nonNegative == 0) {
                    return r.hasAvailable() ? e : e.reply(Reply.ERROR_MAY);
                }
                return e.seats(r, Seat::nonNegative, Delivery.MUST);
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

    /**
     * §8.5.3.1: the addressed resource must receive it. Table 1 of §8.5.4 allows one other outcome, for chat only: with
     * more than one non-negative resource, a copy to all of them (A*), so the other non-negative resources may get one.
     */
    static RoutingExpectation fullJidRule(Message.Type type, RoutingResources r) {
        RoutingExpectation e = nothingFor(r);
        if (type == Message.Type.chat && r.seats().stream().filter(Seat::nonNegative).count() > 1) {
            e = e.seats(r, Seat::nonNegative, Delivery.MAY);
        }
        return e.seat(r.target().index(), Delivery.MUST);
    }

    /** §8.5.3.2.1. */
    static RoutingExpectation unboundFullJidRule(Message.Type type, RoutingResources r) {
        return switch (type) {
            case chat -> r == RoutingResources.NONE ? nothingFor(r).reply(Reply.STORED_OR_ERROR) : toNonNegative(r);
            case normal -> nothingFor(r).reply(r == RoutingResources.NONE ? Reply.ERROR_MAY_STORE_MAY : Reply.ERROR_MAY);
            case groupchat, headline -> nothingFor(r).reply(Reply.ERROR_MAY);
            default -> nothingFor(r);
        };
    }

    /**
     * A chat message to an unbound full JID of a user with a non-negative resource goes to that resource, or to the
     * most available or all of several; delivery is the only outcome, so no error comes back. A merely connected
     * resource is not named by the rule and may get a copy; the 'to' may keep the resource.
     */
    private static RoutingExpectation toNonNegative(RoutingResources r) {
        long nonNegative = r.seats().stream().filter(Seat::nonNegative).count();
        return nothingFor(r).seats(r, s -> !s.available(), Delivery.MAY)
                .seats(r, Seat::nonNegative, nonNegative == 1 ? Delivery.MUST : Delivery.ONE_OF);
    }

    private static List<RoutingCase<Message.Type>> cases(String addressing, List<Message.Type> types, List<RoutingResources> sets) {
        return RoutingCase.matrix("", types, addressing, sets);
    }
}
