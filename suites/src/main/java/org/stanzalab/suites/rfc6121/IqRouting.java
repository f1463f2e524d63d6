package org.stanzalab.suites.rfc6121;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc6121.RoutingExpectation.nothingFor;

import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Delivery;
import org.stanzalab.suites.rfc6121.RoutingExpectation.Reply;
import org.stanzalab.suites.rfc6121.RoutingResources.Seat;

/**
 * RFC 6121 §8.5.2.1.3, §8.5.2.2.3 and §8.5.3.2.3, and RFC 6120 §10.5.4: an IQ for a local user. The payload is one no
 * server knows, so the server cannot answer it for the user: addressed to the bare JID it must be refused with
 * service-unavailable, addressed to a bound full JID it must reach that resource (which answers with a result) when
 * the sender is subscribed to the user's presence (RFC 6121 §8.5.3.1).
 */
@StanzalabTest
class IqRouting {
    private static final List<IQ.Type> TYPES = List.of(IQ.Type.get, IQ.Type.set);


    static List<RoutingCase<IQ.Type>> toBareJidOnline() {
        return cases("bare", RoutingResources.online());
    }

    static List<RoutingCase<IQ.Type>> toBareJidOffline() {
        return cases("bare", List.of(RoutingResources.NONE));
    }

    static List<RoutingCase<IQ.Type>> toFullJid() {
        return cases("full", RoutingResources.online());
    }

    static List<RoutingCase<IQ.Type>> toUnboundFullJid() {
        return cases("unbound", List.of(RoutingResources.values()));
    }

    @Spec(document = "RFC 6121", section = "8.5.2.1.3", level = MUST,
          requirement = "an IQ to the bare JID of a user with resources is answered by the server on the user's behalf and never delivered to a "
                  + "resource; a payload the server cannot answer gets service-unavailable")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOnline")
    void iqToBareJidIsAnsweredByTheServer(RoutingCase<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent asked = routing.request(c.type(), routing.bareJid());

        routing.verifyIq(asked, refusedByTheServer(c.resources()), "8.5.2.1.3");
    }

    @Spec(document = "RFC 6121", section = "8.5.2.2.3", level = MUST,
          requirement = "an IQ to the bare JID of a user with no resources is answered by the server on the user's behalf; a payload the server "
                  + "cannot answer gets service-unavailable")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toBareJidOffline")
    void iqToBareJidOfOfflineUserIsAnsweredByTheServer(RoutingCase<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent asked = routing.request(c.type(), routing.bareJid());

        routing.verifyIq(asked, refusedByTheServer(c.resources()), "8.5.2.2.3");
    }

    /*
     * The duty to deliver is RFC 6120 §10.5.4's (a stanza to a full JID that matches a connected resource goes to that
     * resource). RFC 6121 §8.5.3.1 narrows it for IQ get and set: when the user shares no presence with the requester,
     * the server should hold the IQ back and answer service-unavailable, so against a stranger delivery could not be
     * required. The sender is therefore one the recipient shares presence with by subscription, and for it no section
     * relaxes the MUST.
     */
    @Spec(document = "RFC 6120", section = "10.5.4", level = MUST,
          requirement = "an IQ to a full JID that matches a resource (available, connected, or of negative priority) is delivered to exactly that "
                  + "resource, when the sender is subscribed to the user's presence")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toFullJid")
    void iqToFullJidReachesExactlyThatResource(RoutingCase<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.fromSubscriber(lab, c.resources());
        Seat target = c.resources().target();

        RoutingScenario.Sent asked = routing.request(c.type(), routing.fullJidOf(target));

        routing.verifyIq(asked, nothingFor(c.resources()).seat(target.index(), Delivery.MUST), "10.5.4");
    }

    @Spec(document = "RFC 6121", section = "8.5.3.2.3", level = MUST,
          requirement = "an IQ to a full JID that matches no resource is answered with service-unavailable and reaches none of the user's resources")
    @ParameterizedTest(name = "{0}")
    @MethodSource("toUnboundFullJid")
    void iqToUnboundFullJidIsRefused(RoutingCase<IQ.Type> c, Lab lab) {
        RoutingScenario routing = RoutingScenario.between(lab, c.resources());

        RoutingScenario.Sent asked = routing.request(c.type(), routing.unboundFullJid());

        routing.verifyIq(asked, refusedByTheServer(c.resources()), "8.5.3.2.3");
    }

    static RoutingExpectation refusedByTheServer(RoutingResources r) {
        return nothingFor(r).reply(Reply.ERROR_MUST).errorMustBe(StanzaError.Condition.service_unavailable);
    }

    private static List<RoutingCase<IQ.Type>> cases(String addressing, List<RoutingResources> sets) {
        return RoutingCase.matrix("iq-", TYPES, addressing, sets);
    }
}
