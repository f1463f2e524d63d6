package org.stanzalab.suites.rfc6121;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.roster.packet.RosterPacket;
import org.stanzalab.engine.Lab;
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

    /**
     * Sends a versioned roster get to learn the roster and its version. RFC 6121 §2.6.3 lets the server answer with an
     * empty result instead; then there is no version to start from and the test cannot go on.
     */
    static RosterPacket fullRoster(Lab lab, ImClient client, String ver) {
        IQ reply = client.session().requestResult(RosterRequests.versionedGet(ver));
        lab.requireThat(reply instanceof RosterPacket, "the server answered a roster get with ver='" + ver + "' with an empty result, which "
                + "RFC 6121 §2.6.3 allows, so the test has no roster version to start from");
        return (RosterPacket) reply;
    }
}
