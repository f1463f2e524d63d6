package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;
import static org.stanzalab.suites.rfc6121.Subscriptions.unavailable;

import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;

/** RFC 6121 §4: availability travels to the contacts subscribed to it and to the user's own resources. */
@StanzalabTest
class PresenceBroadcast {

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence is sent, from the resource's full JID, to every contact subscribed to the user's presence")
    @Test
    void initialPresenceReachesSubscribedContacts(Lab lab) {
        User alice = lab.newUser();
        ImClient aliceDesktop = ImClient.connect(alice).available();
        ImClient bob = ImClient.connect(lab.newUser()).available();
        Subscriptions.establish(lab, bob, aliceDesktop);
        Session alicePhone = alice.connect();

        alicePhone.available();

        bob.expectPresence("the initial presence of " + alicePhone.jid(), ofTypeFrom(Presence.Type.available, alicePhone.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence is also sent to the user's other available resources")
    @Test
    void initialPresenceReachesTheUsersOtherResources(Lab lab) {
        User alice = lab.newUser();
        Session desktop = alice.connect().available().settled();
        Session phone = alice.connect();

        phone.available();

        desktop.expectPresence("the initial presence of her other resource " + phone.jid(), ofTypeFrom(Presence.Type.available, phone.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.3.1", level = SHOULD,
          requirement = "after initial presence, the user receives the current presence of the available contacts the user is subscribed to")
    @Test
    void contactsPresenceArrivesAfterInitialPresence(Lab lab) {
        User alice = lab.newUser();
        ImClient aliceDesktop = ImClient.connect(alice);
        ImClient bob = ImClient.connect(lab.newUser()).available("in a meeting");
        Subscriptions.establish(lab, aliceDesktop, bob);
        Session alicePhone = alice.connect();

        alicePhone.available();

        Presence presence = alicePhone.expectPresence("the current presence of " + bob.jid() + ", whom she is subscribed to",
                ofTypeFrom(Presence.Type.available, bob.jid()));
        assertEquals("in a meeting", presence.getStatus(), "status in the presence of " + bob.jid() + " (his current one)");
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "unavailable presence is sent, from the resource's full JID, to every contact subscribed to the user's presence")
    @Test
    void unavailablePresenceReachesSubscribedContacts(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient bob = ImClient.connect(lab.newUser()).available();
        Subscriptions.establish(lab, bob, alice);

        alice.send(unavailable());

        bob.expectPresence("the unavailable presence of " + alice.jid(), ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence is also delivered back to the resource that sent it")
    @Test
    void initialPresenceIsReflectedToTheSender(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser());

        alice.available("reflected");

        alice.expectPresence("her own initial presence, reflected", ofTypeFrom(Presence.Type.available, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a change of presence is delivered to the user's other available resources")
    @Test
    void subsequentPresenceReachesTheUsersOtherResources(Lab lab) {
        User alice = lab.newUser();
        ImClient desktop = ImClient.connect(alice).available();
        ImClient phone = ImClient.connect(alice).available();
        desktop.session().forget(Presence.class);

        phone.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(Presence.Mode.dnd).setStatus("driving").build());

        Presence seen = desktop.expectPresence("the changed presence of her other resource " + phone.jid(),
                ofTypeFrom(Presence.Type.available, phone.jid()).and(p -> "driving".equals(p.getStatus())));
        assertEquals(Presence.Mode.dnd, seen.getMode(), "show of the changed presence as delivered");
    }

    @Spec(document = "RFC 6121", section = "4.5.2", level = MUST,
          requirement = "when a resource's connection ends without unavailable presence, the server broadcasts unavailable presence for it to the subscribed contacts")
    @Test
    void lostConnectionIsBroadcastAsUnavailable(Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.FROM);

        pair.alice.session().smack().instantShutdown();

        pair.bob.expectPresence("unavailable presence of " + pair.alice.jid() + ", whose connection ended abruptly",
                ofTypeFrom(Presence.Type.unavailable, pair.alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "directed presence is delivered to an entity that has no subscription to the user's presence")
    @Test
    void directedPresenceReachesANonContact(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient carol = ImClient.connect(lab.newUser()).available();

        alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(carol.jid()).setStatus("just for you").build());

        carol.expectPresence("the directed presence of " + alice.jid(), ofTypeFrom(Presence.Type.available, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "an entity that received directed presence gets unavailable presence when the user then broadcasts unavailable presence")
    @Test
    void directedPresenceRecipientLearnsWhenTheUserGoesOffline(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient carol = ImClient.connect(lab.newUser()).available();
        lab.setUp("alice's directed presence to carol", () -> {
            alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(carol.jid()).build());
            carol.expectPresence("(setup) the directed presence of " + alice.jid(), ofTypeFrom(Presence.Type.available, alice.jid()));
        });

        alice.send(unavailable());

        carol.expectPresence("unavailable presence of " + alice.jid() + ", who had sent her directed presence",
                ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.6.3", level = MUST,
          requirement = "an entity that received directed presence gets unavailable presence when the user's connection ends")
    @Test
    void directedPresenceRecipientLearnsWhenTheConnectionEnds(Lab lab) {
        ImClient alice = ImClient.connect(lab.newUser()).available();
        ImClient carol = ImClient.connect(lab.newUser()).available();
        lab.setUp("alice's directed presence to carol", () -> {
            alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).to(carol.jid()).build());
            carol.expectPresence("(setup) the directed presence of " + alice.jid(), ofTypeFrom(Presence.Type.available, alice.jid()));
        });

        alice.session().smack().instantShutdown();

        carol.expectPresence("unavailable presence of " + alice.jid() + ", whose connection ended after she sent directed presence",
                ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }

    // ---- presence syntax (§4.7) ----

    /* §4.7.2.1 defines the values; the duty to pass the stanza on whole is §4.4.2's broadcast of its full XML. */
    @Spec(document = "RFC 6121", section = "4.4.2", level = MUST,
          requirement = "a presence update with each defined 'show' value reaches the subscribed contacts with that value unchanged")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Show.class)
    void showValueReachesContactsUnchanged(Show show, Lab lab) {
        Presence.Mode mode = show.mode;
        ContactPair pair = ContactPair.in(lab, SubscriptionState.FROM);

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setMode(mode).setStatus("show " + mode).build());

        Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " with show '" + mode + "'",
                ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> ("show " + mode).equals(p.getStatus())));
        assertEquals(mode, seen.getMode(), "show value as delivered");
    }

    /** The four values of {@code <show/>} (§4.7.2.1). */
    enum Show {
        AWAY(Presence.Mode.away), CHAT(Presence.Mode.chat), DND(Presence.Mode.dnd), XA(Presence.Mode.xa);

        final Presence.Mode mode;

        Show(Presence.Mode mode) {
            this.mode = mode;
        }

        @Override
        public String toString() {
            return mode.name();
        }
    }

    /** The two ends of the allowed priority range. */
    enum Priority {
        MIN("min", -128), MAX("max", 127);

        final String key;
        final int value;

        Priority(String key, int value) {
            this.key = key;
            this.value = value;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /*
     * §4.7.2.3 lets the server override the priority a client sets, provided the sender's own copy and the contacts'
     * copies carry the value it put instead. So the contact must see the priority the sender's echo shows, whether
     * that is the one sent or the server's own; the transcript notes which.
     */
    @Spec(document = "RFC 6121", section = "4.7.2.3", level = MUST,
          requirement = "a presence with a priority at either end of the range -128..127 reaches the subscribed contacts with the priority "
                  + "the server echoes to the sender: the one sent, or the value the server put instead")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Priority.class)
    void priorityAtTheEndsOfTheRangeReachesContactsUnchanged(Priority priority, Lab lab) {
        ContactPair pair = ContactPair.in(lab, SubscriptionState.FROM);
        String status = "priority " + priority.value;

        pair.alice.send(PresenceBuilder.buildPresence().ofType(Presence.Type.available).setPriority(priority.value).setStatus(status).build());

        Predicate<Presence> thePresence = ofTypeFrom(Presence.Type.available, pair.alice.jid()).and(p -> status.equals(p.getStatus()));
        Presence echo = pair.alice.expectPresence("her own presence with priority " + priority.value + ", echoed (§4.4.2)", thePresence);
        Presence seen = pair.bob.expectPresence("the presence of " + pair.alice.jid() + " with priority " + priority.value, thePresence);
        lab.transcript().note("lab", "priority sent " + priority.value + ", echoed " + echo.getPriority()
                + (echo.getPriority() == priority.value ? " (kept)" : " (the server put its own value)"));
        assertEquals(echo.getPriority(), seen.getPriority(), "priority as delivered to the contact, against the one echoed to the sender");
    }
}
