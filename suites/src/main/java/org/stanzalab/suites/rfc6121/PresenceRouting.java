package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.nothingFor;

import java.util.List;

import org.jivesoftware.smack.packet.Presence;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Reply;
import org.stanzalab.suites.rfc6121.RoutingResources.Seat;

/**
 * RFC 6121 §8.5.2.1.2, §8.5.2.2.2, §8.5.3.1 and §8.5.3.2.2: directed presence (no type, or type unavailable) for a
 * local user. Directed presence needs no subscription, so sender and recipient stay strangers.
 */
@StanzalabTest
class PresenceRouting {
    private static final List<Presence.Type> TYPES = List.of(Presence.Type.available, Presence.Type.unavailable);


    static List<RoutingCase<Presence.Type>> toBareJidOnline() {
        return cases("bare", RoutingResources.online());
    }

    static List<RoutingCase<Presence.Type>> toBareJidOffline() {
        return cases("bare", List.of(RoutingResources.NONE));
    }

    static List<RoutingCase<Presence.Type>> toFullJid() {
        return cases("full", RoutingResources.online());
    }

    static List<RoutingCase<Presence.Type>> toUnboundFullJid() {
        return cases("unbound", List.of(RoutingResources.values()));
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.2", level = MUST,
          requirement = "available or unavailable presence to the bare JID is delivered to every available resource of the user, negative "
                  + "priority included, with the bare JID left in 'to'")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOnline")
    void directedPresenceToBareJidReachesEveryAvailableResource(RoutingCase<Presence.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendPresence(c.type(), routing.bareJid());

        RoutingExpectation expected = nothingFor(c.resources()).keepingBareTo().reply(Reply.ERROR_MAY)
                .seats(c.resources(), Seat::available, Delivery.MUST)
                .seats(c.resources(), s -> !s.available(), Delivery.MAY);
        routing.verify(sent, expected, "8.5.2.1.2");
    }

    @Spec(document = "RFC 6121", section = "8.5.2.2.2", level = SHOULD,
          requirement = "available or unavailable presence to the bare JID of a user with no resources is silently ignored: no error comes back, "
                  + "and it is not kept for the user's next resource")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOffline")
    void directedPresenceToOfflineUserIsIgnored(RoutingCase<Presence.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendPresence(c.type(), routing.bareJid());

        RoutingExpectation ignored = nothingFor(c.resources());
        routing.verify(sent, ignored, "8.5.2.2.2");
        routing.expectNotKeptForLater(sent, ignored, "8.5.2.2.2");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.1", level = MUST,
          requirement = "available or unavailable presence to a full JID that matches a resource (available, connected, or of negative priority) "
                  + "is delivered to exactly that resource")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toFullJid")
    void presenceToFullJidReachesExactlyThatResource(RoutingCase<Presence.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());
        Seat target = c.resources().target();

        RoutingScenario.Sent sent = routing.sendPresence(c.type(), routing.fullJidOf(target));

        routing.verify(sent, nothingFor(c.resources()).seat(target.index(), Delivery.MUST), "8.5.3.1");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.2.2", level = MUST,
          requirement = "available or unavailable presence to a full JID that matches no resource is silently ignored: no resource gets it, no error comes back")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toUnboundFullJid")
    void presenceToUnboundFullJidIsSilentlyIgnored(RoutingCase<Presence.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent sent = routing.sendPresence(c.type(), routing.unboundFullJid());

        routing.verify(sent, nothingFor(c.resources()), "8.5.3.2.2");
    }

    private static List<RoutingCase<Presence.Type>> cases(String addressing, List<RoutingResources> sets) {
        return RoutingCase.matrix("", TYPES, addressing, sets);
    }
}
