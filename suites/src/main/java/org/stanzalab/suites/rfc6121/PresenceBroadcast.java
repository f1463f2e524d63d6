package org.stanzalab.suites.rfc6121;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;
import static org.stanzalab.suites.rfc6121.Subscriptions.ofTypeFrom;
import static org.stanzalab.suites.rfc6121.Subscriptions.unavailable;

import org.jivesoftware.smack.packet.Presence;
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
        ImClient aliceDesktop = ImClient.connect(lab, alice).available();
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();
        Subscriptions.establish(bob, aliceDesktop);
        Session alicePhone = alice.connect();

        alicePhone.available();

        bob.expectPresence("the initial presence of " + alicePhone.jid(), ofTypeFrom(Presence.Type.available, alicePhone.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.2.2", level = MUST,
          requirement = "initial presence is also sent to the user's other available resources")
    @Test
    void initialPresenceReachesTheUsersOtherResources(Lab lab) {
        User alice = lab.newUser();
        Session desktop = Resources.available(alice.connect(), 0);
        Session phone = alice.connect();

        phone.available();

        desktop.expectPresence("the initial presence of her other resource " + phone.jid(), ofTypeFrom(Presence.Type.available, phone.jid()));
    }

    @Spec(document = "RFC 6121", section = "4.3.1", level = SHOULD,
          requirement = "after initial presence, the user receives the current presence of the available contacts the user is subscribed to")
    @Test
    void contactsPresenceArrivesAfterInitialPresence(Lab lab) {
        User alice = lab.newUser();
        ImClient aliceDesktop = ImClient.connect(lab, alice);
        ImClient bob = ImClient.connect(lab, lab.newUser()).available("in a meeting");
        Subscriptions.establish(aliceDesktop, bob);
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
        ImClient alice = ImClient.connect(lab, lab.newUser()).available();
        ImClient bob = ImClient.connect(lab, lab.newUser()).available();
        Subscriptions.establish(bob, alice);

        alice.send(unavailable());

        bob.expectPresence("the unavailable presence of " + alice.jid(), ofTypeFrom(Presence.Type.unavailable, alice.jid()));
    }
}
