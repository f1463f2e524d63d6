package org.stanzalab.suites.federation.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;

import java.util.UUID;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.rfc6121.ContactPair;
import org.stanzalab.suites.rfc6121.ImClient;
import org.stanzalab.suites.rfc6121.SubscriptionState;
import org.stanzalab.wire.StreamError;

/**
 * Invalid presence from a user whose contact is on another server: what her server must answer, and that nothing
 * she sent breaks what crosses the federation afterwards. RFC 6121 §4.7 binds the sender to the defined values of
 * 'type', show and priority; only for an undefined 'type' does it say what a server should answer (§4.7.1). For the
 * rest RFC 6120 §11.4 leaves validation to the server: it may refuse the stanza, pass it on, or, if it validates,
 * end the stream (§4.9.3.11). Whatever it chose, the user's next presence must still reach her subscribers (§4.4.2).
 */
@StanzalabTest
class CrossDomainInvalidPresence {

    @Spec(document = "RFC 6121", section = "4.7.1", level = SHOULD,
          requirement = "a presence with an undefined 'type' sent to a contact on another server is answered with a <bad-request/> stanza "
                  + "error, by the sender's server or by the contact's (both are routers on its way)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void undefinedTypeIsAnsweredWithBadRequest(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient bob = ImClient.connect(sides.away().newUser()).available();
        String id = "undefined-type-" + UUID.randomUUID().toString().substring(0, 8);

        alice.sendRaw("<presence to='" + bob.jid() + "' id='" + id + "' type='invisible-7f3a'><status>undefined type</status></presence>");

        Presence reply = alice.session().expect(Presence.class, "an error reply to the presence of undefined type '" + id + "'",
                p -> id.equals(p.getStanzaId()) && p.getType() == Presence.Type.error);
        boolean fromHome = reply.getFrom() != null && reply.getFrom().getDomain().equals(sides.home().domainJid());
        lab.transcript().note("lab", "the error came from " + reply.getFrom() + (fromHome ? " (the sender's server)" : " (the contact's side)"));
        StanzaError error = reply.getError();
        assertEquals(StanzaError.Condition.bad_request, error == null ? null : error.getCondition(),
                "condition of the error for a presence of undefined type: " + reply.toXML());
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "after the user broadcast a presence with an undefined 'type', her next presence still reaches the subscribed "
                  + "contacts on another server, whatever the servers did with the invalid one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void presenceAfterAnUndefinedTypeStillReachesRemoteSubscribers(Crossing crossing, Lab lab) {
        expectNextPresenceToCross(crossing, lab, "<presence type='invisible-7f3a'><status>undefined type</status></presence>", "an undefined type");
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "after the user broadcast a presence with an undefined <show/> value, her next presence still reaches the subscribed "
                  + "contacts on another server, whatever the servers did with the invalid one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void presenceAfterAnUndefinedShowStillReachesRemoteSubscribers(Crossing crossing, Lab lab) {
        expectNextPresenceToCross(crossing, lab, "<presence><show>sleeping-7f3a</show><status>undefined show</status></presence>",
                "an undefined show value");
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "after the user broadcast a presence with a non-numeric <priority/>, her next presence still reaches the subscribed "
                  + "contacts on another server, whatever the servers did with the invalid one")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void presenceAfterANonNumericPriorityStillReachesRemoteSubscribers(Crossing crossing, Lab lab) {
        expectNextPresenceToCross(crossing, lab, "<presence><priority>high</priority><status>non-numeric priority</status></presence>",
                "a non-numeric priority");
    }

    @Spec(document = "RFC 6120", section = "11.3", level = MUST,
          requirement = "a presence that is not well-formed XML, sent by a user whose subscribers are on another server, ends her stream "
                  + "with a <not-well-formed/> stream error (the condition is defined in §4.9.3.13)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void malformedPresenceEndsTheSendersStreamWithNotWellFormed(Crossing crossing, Lab lab) {
        Malformed sent = Malformed.send(crossing, lab);

        StreamError error = sent.resource.expectStreamError();

        assertEquals("not-well-formed", error.condition(), "stream error for a presence whose end tag does not match: " + error.describe());
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "when a user's stream ends over a presence that is not well-formed XML, the subscribed contacts on another server "
                  + "receive unavailable presence for that resource, and nothing of the broken stanza")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void malformedPresenceIsSeenRemotelyAsUnavailable(Crossing crossing, Lab lab) {
        Malformed sent = Malformed.send(crossing, lab);

        Presence first = sent.pair.bob.expectPresence("the next presence of " + sent.jid + " after its malformed presence",
                p -> p.getFrom() != null && p.getFrom().equals(sent.jid));

        if (first.getType() != Presence.Type.unavailable) {
            throw new ServerFailure("after the malformed presence of " + sent.jid + " the remote contact received " + first.toXML()
                    + " instead of unavailable presence (RFC 6121 §4.5.2: the resource's stream ended)");
        }
    }

    /** Alice's raw resource, available to bob on the other server, has sent a presence whose end tag does not match. */
    private record Malformed(ContactPair pair, RawSession resource, Jid jid) {
        static Malformed send(Crossing crossing, Lab lab) {
            Sides sides = Sides.of(crossing, lab);
            ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
            RawSession resource = sides.home().raw().authenticate(pair.aliceAccount).bind();
            Jid jid = JidCreate.fromOrThrowUnchecked(resource.jid());
            lab.setUp("the presence of alice's second resource reaching bob", () -> {
                resource.send("<presence><status>online</status></presence>");
                pair.bob.expectPresence("(setup) the presence of " + jid, ofTypeFrom(Presence.Type.available, jid));
            });
            resource.send("<presence><status>broken 7f3a</presence>");
            return new Malformed(pair, resource, jid);
        }
    }

    /**
     * Alice sends {@code invalid} as a broadcast, then a valid presence; bob, subscribed from the other server, must
     * receive the valid one. A server that validates may have ended her stream for the invalid one (RFC 6120
     * §4.9.3.11), and then her next presence comes from a new resource, as initial presence (§4.2.2).
     */
    private static void expectNextPresenceToCross(Crossing crossing, Lab lab, String invalid, String what) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        pair.alice.sendRaw(invalid);

        ImClient sender = pair.alice;
        try {
            sender.session().settled();
            pair.alice.session().received().stream().filter(s -> s instanceof Presence p && p.getType() == Presence.Type.error)
                    .findFirst().ifPresentOrElse(
                            e -> lab.transcript().note("choice", "the presence with " + what + " was refused: " + e.toXML()),
                            () -> lab.transcript().note("choice", "the presence with " + what + " was accepted (no error came back)"));
        } catch (ServerFailure | TestError e) {
            if (sender.session().isConnected()) {
                throw e;
            }
            lab.transcript().note("choice", "the server ended alice's stream over the presence with " + what + "; a new resource goes on");
            sender = ImClient.connect(pair.aliceAccount);
        }
        String status = "valid again after " + what;
        sender.available(status);

        org.jxmpp.jid.EntityFullJid from = sender.jid();
        pair.bob.expectPresence("the valid presence " + from + " sent after one with " + what,
                ofTypeFrom(Presence.Type.available, from).and(p -> status.equals(p.getStatus())));
    }
}
