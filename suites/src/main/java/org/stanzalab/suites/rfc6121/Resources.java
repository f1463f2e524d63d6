package org.stanzalab.suites.rfc6121;

import org.jivesoftware.smackx.ping.packet.Ping;
import org.stanzalab.engine.Session;

/** Making a user's resources available in a known order, for tests whose outcome depends on who is available. */
final class Resources {
    private Resources() {
    }

    /**
     * Sends initial presence with this priority and returns once the server has processed it: a server handles a
     * stream's stanzas in order, so the answer to a ping sent right after it (result or error) comes after.
     */
    static Session available(Session session, int priority) {
        session.available(priority);
        return settled(session);
    }

    /** Returns once the server has processed everything this session sent so far (a ping round trip). */
    static Session settled(Session session) {
        session.request(new Ping(session.smack(), session.jid().asDomainBareJid()));
        return session;
    }
}
