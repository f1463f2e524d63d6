package org.stanzalab.engine;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.roster.packet.RosterPacket;

/**
 * Brings a configured account back to a clean state: subscription requests waiting for it are declined and its
 * roster is emptied. Fresh accounts need none of this; accounts the user lends us for a whole run do, or one
 * test's contacts would show up in the next test's roster and presence.
 */
final class AccountReset {
    private AccountReset() {
    }

    static void clean(Session session) {
        // Pending requests are delivered again after initial presence; decline every one that arrives meanwhile.
        session.available();
        RosterPacket roster = (RosterPacket) session.requestResult(new RosterPacket());
        session.received().stream()
                .filter(s -> s instanceof Presence p && p.getType() == Presence.Type.subscribe)
                .forEach(s -> session.send(PresenceBuilder.buildPresence().ofType(Presence.Type.unsubscribed).to(s.getFrom().asBareJid()).build()));
        for (RosterPacket.Item item : roster.getRosterItems()) {
            RosterPacket remove = new RosterPacket();
            remove.setType(IQ.Type.set);
            RosterPacket.Item gone = new RosterPacket.Item(item.getJid(), null);
            gone.setItemType(RosterPacket.ItemType.remove);
            remove.addRosterItem(gone);
            session.request(remove);
        }
    }
}
