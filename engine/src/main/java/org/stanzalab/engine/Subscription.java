package org.stanzalab.engine;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jxmpp.jid.Jid;

/**
 * Set-up for tests outside RFC 6121 that need a presence subscription: the subscriber asks, the contact approves,
 * and each step waits for what it causes. The handshake's own requirements are tested in the rfc6121 suite; here a
 * server that lets it down ends the test as an error in set-up.
 */
public final class Subscription {
    private Subscription() {
    }

    /**
     * {@code subscriber} subscribes to the presence of {@code contact}'s account; returns once the subscriber has
     * seen the approval and, when {@code contact} is available, the contact's presence that follows it.
     */
    public static void establish(Lab lab, Session subscriber, Session contact, boolean contactAvailable) {
        lab.setUp("a presence subscription of " + subscriber.bareJid() + " to " + contact.bareJid(), () -> {
            // Subscription stanzas and their roster pushes go to interested resources (RFC 6121 §3.1): ask for the
            // roster first.
            requestRoster(subscriber);
            requestRoster(contact);
            askAndApprove(subscriber, contact);
            subscriber.expectPresence("(setup) the approval of " + contact.bareJid(),
                    p -> p.getType() == Presence.Type.subscribed && contact.bareJid().equals(p.getFrom().asBareJid()));
            if (contactAvailable) {
                subscriber.expectPresence("(setup) the presence of " + contact.jid() + " after the approval",
                        p -> p.getType() == Presence.Type.available && contact.jid().equals(p.getFrom()));
            }
        });
    }

    /**
     * The two stanzas of the handshake without its set-up frame: the subscriber asks, the request reaches the
     * contact, the contact approves. Callers wait for whichever consequence of the approval they rely on.
     */
    public static void askAndApprove(Session subscriber, Session contact) {
        subscriber.send(presence(Presence.Type.subscribe, contact.bareJid()));
        contact.expectPresence("(setup) the subscription request of " + subscriber.bareJid(),
                p -> p.getType() == Presence.Type.subscribe && p.getFrom() != null
                        && subscriber.bareJid().equals(p.getFrom().asBareJid()));
        contact.send(presence(Presence.Type.subscribed, subscriber.bareJid()));
    }

    private static void requestRoster(Session session) {
        org.jivesoftware.smack.roster.packet.RosterPacket get = new org.jivesoftware.smack.roster.packet.RosterPacket();
        get.setType(org.jivesoftware.smack.packet.IQ.Type.get);
        session.requestResult(get);
    }

    private static Presence presence(Presence.Type type, Jid to) {
        return PresenceBuilder.buildPresence().ofType(type).to(to).build();
    }
}
