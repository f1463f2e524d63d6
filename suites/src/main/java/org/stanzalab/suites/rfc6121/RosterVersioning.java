package org.stanzalab.suites.rfc6121;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;

/** Roster versioning (RFC 6121 §2.6) is optional: a server offers it as a stream feature, and only then can it be tested. */
final class RosterVersioning {
    static final String FEATURE = "urn:xmpp:features:rosterver";

    private RosterVersioning() {
    }

    /** An interested resource of the user, or the end of the test as impossible when the stream lacks the feature. */
    static ImClient connect(Lab lab, User user) {
        ImClient client = ImClient.connect(user);
        lab.requireThat(client.session().smack().hasFeature("ver", FEATURE),
                "the stream features do not offer roster versioning (<ver xmlns='" + FEATURE + "'/>, RFC 6121 §2.6.1)");
        return client;
    }

    /** Sends a versioned roster get whose answer must be the whole roster (the client has no usable cache). */
    static RosterPacket fullRoster(ImClient client, String ver) {
        IQ reply = client.session().requestResult(RosterRequests.versionedGet(ver));
        if (!(reply instanceof RosterPacket roster)) {
            throw new ServerFailure("a roster get with ver='" + ver + "' must be answered with the whole roster (RFC 6121 §2.6.3), got " + reply.toXML());
        }
        return roster;
    }
}
