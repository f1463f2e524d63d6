package org.stanzalab.suites.federation.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;
import static org.stanzalab.suites.rfc6121.Subscriptions.unavailable;

import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Crossing;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.rfc6121.ContactPair;
import org.stanzalab.suites.rfc6121.ImClient;
import org.stanzalab.suites.rfc6121.SubscriptionState;
import org.stanzalab.suites.rfc6121.Subscriptions;

/**
 * RFC 6121 §4 across two servers: alice's presence goes out through her server's broadcast (§4.2.2, §4.4.2, §4.5.2)
 * to subscribers on the other server, her server probes remote contacts (§4.3.1) and the contact's server answers
 * (§4.3.2), directed presence crosses (§4.6.3). Single-server counterparts: rfc6121.PresenceBroadcast and
 * rfc6121.PresenceBySubscription. Unless a test says otherwise alice is on the home server and bob on the away one.
 */
@StanzalabTest
class CrossDomainPresence {

    // ---- broadcast to remote subscribers ----

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence of a new resource is sent, from its full JID, to the subscribed contacts on another server")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void initialPresenceReachesRemoteSubscribers(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available("initial presence from " + sides.home().domain());

        Presence seen = pair.bob.expectPresence("the initial presence of " + phone.jid() + ", alice's new resource",
                ofTypeFrom(Presence.Type.available, phone.jid()));
        assertEquals("initial presence from " + sides.home().domain(), seen.getStatus(), "status of the initial presence as delivered");
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "each defined 'show' value (away, chat, dnd, xa) reaches the subscribed contacts on another server unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void everyShowValueReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        for (Presence.Mode mode : List.of(Presence.Mode.away, Presence.Mode.chat, Presence.Mode.dnd, Presence.Mode.xa)) {
            pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(mode).setStatus("show " + mode).build());

            Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " with show '" + mode + "'",
                    ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> ("show " + mode).equals(p.getStatus())));
            assertEquals(mode, seen.getMode(), "show value as delivered to the remote contact");
        }
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a status text with non-ASCII characters and XML special characters reaches the subscribed contacts on another "
                  + "server unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void statusTextReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
        String status = "Wooing Juliet <&> \"at\" the balcony \u2013 Dvo\u0159\u00EDm se Julii \uD83C\uDF39";

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setStatus(status).build());

        Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " with its status text",
                ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> p.getStatus() != null && p.getStatus().startsWith("Wooing")));
        assertEquals(status, seen.getStatus(), "the status text as delivered to the remote contact");
    }

    /*
     * §4.7.2.3 lets alice's server put its own priority in place of hers, provided the copies to her resources and to
     * her contacts carry the same value; so bob must see the value her own echo shows, whichever it is.
     */
    @Spec(document = "RFC 6121", section = "4.7.2.3", level = MUST,
          requirement = "a presence with priority -128, 0, 1 or 127 reaches the subscribed contacts on another server with the priority the "
                  + "server echoes to the sender: the one sent, or the value the server put instead")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void priorityReachesRemoteSubscribersAsEchoed(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        for (int priority : new int[] {-128, 127, 0, 1}) {
            String status = "priority " + priority;
            pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setPriority(priority).setStatus(status).build());

            java.util.function.Predicate<Presence> thePresence = ofTypeFrom(Presence.Type.available, pair.alice.jid())
                    .and(p -> status.equals(p.getStatus()));
            Presence echo = pair.alice.expectPresence("her own presence with priority " + priority + ", echoed (§4.4.2)", thePresence);
            Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " with priority " + priority, thePresence);
            lab.transcript().note("lab", "priority sent " + priority + ", echoed " + echo.getPriority()
                    + (echo.getPriority() == priority ? " (kept)" : " (the server put its own value)") + ", seen remotely " + seen.getPriority());
            assertEquals(echo.getPriority(), seen.getPriority(),
                    "priority as delivered to the remote contact, against the one echoed to the sender (sent " + priority + ")");
        }
    }

    // ---- extended content (federation-22, -29, -30, -31) ----

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a presence carrying an extension element of a namespace no server knows reaches the subscribed contacts on "
                  + "another server with that element unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void customExtensionReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        PresencePayloads.expectCarriedToRemoteSubscriber(crossing, lab, PresencePayloads.CUSTOM);
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a presence carrying a user mood (XEP-0107 payload) reaches the subscribed contacts on another server with the mood unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void moodReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        PresencePayloads.expectCarriedToRemoteSubscriber(crossing, lab, PresencePayloads.MOOD);
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a presence carrying a user activity (XEP-0108 payload) reaches the subscribed contacts on another server with the "
                  + "activity unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void activityReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        PresencePayloads.expectCarriedToRemoteSubscriber(crossing, lab, PresencePayloads.ACTIVITY);
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a presence carrying a user location (XEP-0080 payload) reaches the subscribed contacts on another server with the "
                  + "location unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void locationReachesRemoteSubscribersUnchanged(Crossing crossing, Lab lab) {
        PresencePayloads.expectCarriedToRemoteSubscriber(crossing, lab, PresencePayloads.LOCATION);
    }

    // ---- probes: whose presence a new resource gets ----

    /*
     * A SHOULD, as in rfc6121.PresenceBySubscription: the user's server should probe at a new presence session (§4.3.1)
     * and may skip it when it holds reliable presence of the contact; §4.2.2's MUST to probe applies only when it holds
     * none, which a test cannot see. Across domains the contact's presence can only come from the contact's server.
     */
    @Spec(document = "RFC 6121", section = "4.3.1", level = SHOULD,
          requirement = "when a user's resource comes online, it receives the current presence of the contacts on another server it is "
                  + "subscribed to (its server probes them, theirs answers)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void newResourceReceivesTheRemoteContactsPresence(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available();

        phone.expectPresence("the current presence of " + pair.bob.jid() + " (on " + sides.away().domain() + ") after alice's new resource "
                + "came online", ofTypeFrom(Presence.Type.available, pair.bob.jid()));
    }

    /*
     * Alice's server lets her account have no presence session while the subscription is made (her only resource is
     * never available), so at her first initial presence it holds no presence of bob's and must probe (§4.2.2); bob's
     * server must answer with the full XML of his last broadcast (§4.3.2, rule 4). Should no answer come at all, that is
     * newResourceReceivesTheRemoteContactsPresence's failure; here it is a set-up that did not work out.
     */
    @Spec(document = "RFC 6121", section = "4.3.2", level = MUST,
          requirement = "a probe from another server is answered with the full XML of the contact's last presence: show, status and "
                  + "extension elements as the contact sent them")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void probeAnswerCarriesTheRemoteContactsFullPresence(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser());
        ImClient bob = ImClient.connect(sides.away().newUser()).available();
        Subscriptions.establish(lab, alice, bob);
        String status = "in a meeting on " + sides.away().domain();
        lab.setUp("bob's presence update", () -> {
            bob.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.dnd).setStatus(status)
                    .addExtension(PresencePayloads.CUSTOM.element()).build());
            bob.expectPresence("(setup) his own presence echoed", ofTypeFrom(Presence.Type.available, bob.jid()).and(p -> status.equals(p.getStatus())));
        });
        alice.session().forget();

        alice.session().available();

        Presence answer = lab.setUp("the answer to the probe at alice's initial presence", () -> alice.expectPresence(
                "the current presence of " + bob.jid() + " after her initial presence", ofTypeFrom(Presence.Type.available, bob.jid())));
        assertEquals(Presence.Mode.dnd, answer.getMode(), "show in the probe answer (bob's last presence said dnd): " + answer.toXML());
        assertEquals(status, answer.getStatus(), "status in the probe answer: " + answer.toXML());
        PresencePayloads.CUSTOM.assertCarried(answer, "in the probe answer");
    }

    @Spec(document = "RFC 6121", section = "4.3.2", level = MUST,
          requirement = "when a user's resource comes online, it receives no presence of a contact on another server that it is not "
                  + "subscribed to, even though that contact is subscribed to the user")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void probeRevealsNothingOfARemoteContactWithoutSubscription(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        phone.available();

        // Any presence of bob's would answer a probe that alice's server sent on behalf of the phone: an IQ from the
        // phone to bob's resource follows the probe's route over the federation, and bob's reply follows any
        // presence his server sent back, each in order (RFC 6120 §10.1).
        Marker roundTrip = phone.session().sendMarkerIq(pair.bob.jid());
        phone.session().expectNothingBefore(roundTrip, Presence.class, "the current presence of " + pair.bob.jid()
                + ", to whose presence alice is not subscribed (state from)", p -> p.getFrom() != null
                && p.getFrom().asBareJid().equals(pair.bob.bareJid()) && p.getType() == Presence.Type.available);
    }

    // ---- no leak to remote non-subscribers ----

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a change of presence does not reach a contact on another server whose subscription request is still pending")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void presenceDoesNotReachARemoteContactWhoseRequestIsPending(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.NONE_PENDING_IN);

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("not for bob").build());

        pair.bob.expectNoPresenceFrom(pair.alice, "the changed presence of " + pair.alice.jid() + ", although she has not approved his request",
                ofTypeFrom(Presence.Type.available, pair.alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a change of presence does not reach a contact on another server that the user is subscribed to but who is not "
                  + "subscribed to her")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void presenceDoesNotReachARemoteContactWhoIsNotSubscribed(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.TO);

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("not for bob").build());

        pair.bob.expectNoPresenceFrom(pair.alice, "the changed presence of " + pair.alice.jid() + ", although he is not subscribed to it",
                ofTypeFrom(Presence.Type.available, pair.alice.jid()));
    }

    // ---- going offline ----

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "unavailable presence sent by the client reaches the subscribed contacts on another server as full XML, from the "
                  + "resource's full JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void unavailableReachesRemoteSubscribers(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).setStatus("going on vacation").build());

        Presence seen = pair.bob.expectPresence("the unavailable presence of " + pair.alice.jid(), ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()));
        assertEquals("going on vacation", seen.getStatus(), "status of the unavailable presence as delivered (§4.5.2: the full XML)");
    }

    /*
     * Smack's instant shutdown closes the socket without a word: alice's server learns of it from TCP at once, so
     * the broadcast is an event awaited for the reply timeout, not a keep-alive timeout that may take minutes.
     */
    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "when a resource's connection is cut without unavailable presence, its server broadcasts unavailable presence for "
                  + "it to the subscribed contacts on another server")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void cutConnectionIsSeenRemotelyAsUnavailable(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        pair.alice.session().smack().instantShutdown();

        pair.bob.expectPresence("unavailable presence of " + pair.alice.jid() + ", whose connection was cut",
                ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "when a client closes its stream without sending unavailable presence, its server broadcasts unavailable presence "
                  + "for it to the subscribed contacts on another server")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void streamClosedWithoutUnavailableIsSeenRemotelyAsUnavailable(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);

        // Smack's own disconnect would send unavailable presence first; the closing tag alone ends the stream (RFC 6120 §4.4).
        pair.alice.sendRaw("</stream:stream>");

        pair.bob.expectPresence("unavailable presence of " + pair.alice.jid() + ", who closed her stream without it",
                ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()));
    }

    // ---- several resources ----

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "each available resource of a user reaches the subscribed contacts on another server with its own presence, and one "
                  + "resource going offline is reported for that resource only")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void eachResourceReachesRemoteSubscribersWithItsOwnPresence(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ContactPair pair = ContactPair.between(sides.home(), sides.away(), SubscriptionState.FROM);
        ImClient phone = ImClient.connect(pair.aliceAccount);

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.dnd).setStatus("at the desk").build());
        phone.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("on the phone").build());

        Presence desk = pair.bob.expectPresence("the presence of alice's desktop " + pair.alice.jid(),
                ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> "at the desk".equals(p.getStatus())));
        Presence mobile = pair.bob.expectPresence("the presence of alice's phone " + phone.jid(),
                ofTypeFrom(Presence.Type.available, phone.jid()).and(p -> "on the phone".equals(p.getStatus())));
        assertEquals(Presence.Mode.dnd, desk.getMode(), "show of the desktop's presence as delivered");
        assertEquals(Presence.Mode.away, mobile.getMode(), "show of the phone's presence as delivered");

        phone.send(unavailable());

        pair.bob.expectPresence("unavailable presence of alice's phone " + phone.jid(), ofTypeFrom(Presence.Type.unavailable, phone.jid()));
        pair.bob.expectNoPresenceFrom(pair.alice, "unavailable presence of alice's desktop " + pair.alice.jid() + ", which is still online",
                ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()));
    }

    /*
     * federation-21: the resources' priorities decide where a message from another server goes. §8.5.2.1.1 allows
     * delivery to the most available resource or to all non-negative ones; either way the highest gets it, and a
     * resource of negative priority never does.
     */
    @Spec(document = "RFC 6121", section = "8.5.2.1.1", level = MUST,
          requirement = "a message from another server to the user's bare JID reaches her resource of highest priority and never her "
                  + "resource of negative priority")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void messageFromAnotherServerFollowsThePriorities(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        User alice = sides.home().newUser();
        Session high = alice.connect().available(5).settled();
        Session low = alice.connect().available(1).settled();
        Session negative = alice.connect().available(-1).settled();
        Session bob = sides.away().newUser().connect();

        Message sent = bob.sendMessage(alice.jid(), Message.Type.normal, "for the most available of alice's resources");

        high.expectMessage("the message from " + bob.jid() + " to alice's bare JID (priority 5, her highest)",
                m -> sent.getStanzaId().equals(m.getStanzaId()));
        negative.expectNothingBefore(bob.sendMarkerTo(negative), Message.class,
                "the message to alice's bare JID at her resource of priority -1", m -> sent.getStanzaId().equals(m.getStanzaId()));
        lab.transcript().note("lab", "the resource of priority 1 " + (low.received().stream().anyMatch(s -> sent.getStanzaId().equals(s.getStanzaId()))
                ? "got the message too (delivery to all non-negative resources)" : "did not get it (delivery to the most available)"));
    }

    // ---- directed presence (§4.6.3) ----

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "directed presence is routed to an entity on another server that has no subscription to the user's presence")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void directedPresenceReachesARemoteNonContact(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient carol = ImClient.connect(sides.away().newUser()).available();

        alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(carol.jid()).setStatus("just for you").build());

        Presence seen = carol.expectPresence("the directed presence of " + alice.jid(), ofTypeFrom(Presence.Type.available, alice.jid()));
        assertEquals("just for you", seen.getStatus(), "status of the directed presence as delivered (§4.6.3: the full XML)");
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "an entity on another server that received directed presence gets unavailable presence when the user then "
                  + "broadcasts unavailable presence")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteDirectedPresenceRecipientLearnsWhenTheUserGoesOffline(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient carol = ImClient.connect(sides.away().newUser()).available();
        directPresence(lab, alice, carol);

        alice.send(unavailable());

        carol.expectPresence("unavailable presence of " + alice.jid() + ", who had sent her directed presence",
                ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "an entity on another server that received directed presence gets unavailable presence when the user's "
                  + "connection is cut")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteDirectedPresenceRecipientLearnsWhenTheConnectionIsCut(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient carol = ImClient.connect(sides.away().newUser()).available();
        directPresence(lab, alice, carol);

        alice.session().smack().instantShutdown();

        carol.expectPresence("unavailable presence of " + alice.jid() + ", whose connection was cut after she sent directed presence",
                ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "directed presence to an entity on another server does not add it to the user's later broadcasts of available presence")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Crossing.class)
    void remoteDirectedPresenceRecipientGetsNoLaterBroadcast(Crossing crossing, Lab lab) {
        Sides sides = Sides.of(crossing, lab);
        ImClient alice = ImClient.connect(sides.home().newUser()).available();
        ImClient carol = ImClient.connect(sides.away().newUser()).available();
        directPresence(lab, alice, carol);

        alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.away).setStatus("broadcast only").build());

        carol.expectNoPresenceFrom(alice, "alice's later broadcast presence, although carol only ever got directed presence from her",
                ofTypeFrom(Presence.Type.available, alice.jid()));
    }

    /** Set-up: alice sends directed presence to carol on the other server, and it arrives. */
    private static void directPresence(Lab lab, ImClient alice, ImClient carol) {
        lab.setUp("alice's directed presence to carol", () -> {
            alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(carol.jid()).build());
            carol.expectPresence("(setup) the directed presence of " + alice.jid(), ofTypeFrom(Presence.Type.available, alice.jid()));
        });
    }
}
