package org.stanzalab.suites.rfc6121;

import static org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.both;
import static org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.from;
import static org.jivesoftware.smack.roster.packet.RosterPacket.ItemType.to;

import java.util.function.Predicate;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Subscription;

/** Presence stanzas of RFC 6121 §3 (subscriptions) and §4 (availability), and the subscription handshake. */
public final class Subscriptions {
    private Subscriptions() {
    }

    public static Presence subscribe(Jid contact) {
        return presence(Presence.Type.subscribe, contact);
    }

    public static Presence subscribed(Jid requester) {
        return presence(Presence.Type.subscribed, requester);
    }

    public static Presence unsubscribe(Jid contact) {
        return presence(Presence.Type.unsubscribe, contact);
    }

    public static Presence unsubscribed(Jid subscriber) {
        return presence(Presence.Type.unsubscribed, subscriber);
    }

    /** Unavailable presence with no 'to': the end of this resource's availability (§4.5.1). */
    public static Presence unavailable() {
        return PresenceBuilder.buildPresence().ofType(Presence.Type.unavailable).build();
    }

    private static Presence presence(Presence.Type type, Jid to) {
        return PresenceBuilder.buildPresence().ofType(type).to(to).build();
    }

    /** A presence of this type whose 'from' belongs to the account (any resource, or none). */
    public static Predicate<Presence> ofTypeFromAccount(Presence.Type type, Jid account) {
        return p -> p.getType() == type && p.getFrom() != null && p.getFrom().asBareJid().equals(account.asBareJid());
    }

    /** A presence of this type from exactly this address. */
    public static Predicate<Presence> ofTypeFrom(Presence.Type type, Jid sender) {
        return p -> p.getType() == type && sender.equals(p.getFrom());
    }

    /**
     * Set-up: the subscriber asks for the contact's presence and the contact approves (§3.1), so afterwards the
     * subscriber's roster says 'to' and the contact's says 'from'. The contact must be available, so that the
     * request reaches it. Pushes of the handshake are forgotten on both sides once the last one has arrived. What
     * the server lets down here ends the test as an error of its set-up, never as a failure of what it examines.
     */
    public static void establish(Lab lab, ImClient subscriber, ImClient contact) {
        lab.setUp("a presence subscription of " + subscriber.bareJid() + " to " + contact.bareJid(), () -> {
            Subscription.askAndApprove(subscriber.session(), contact.session());
            subscriber.expectRosterPush("(setup) showing a subscription to " + contact.bareJid(),
                    RosterRequests.itemFor(contact.bareJid(), to).or(RosterRequests.itemFor(contact.bareJid(), both)));
            contact.expectRosterPush("(setup) showing a subscription from " + subscriber.bareJid(),
                    RosterRequests.itemFor(subscriber.bareJid(), from).or(RosterRequests.itemFor(subscriber.bareJid(), both)));
            subscriber.session().forget(RosterPacket.class);
            contact.session().forget(RosterPacket.class);
        });
    }
}
