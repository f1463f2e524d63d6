package org.stanzalab.suites.rfc6121;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.User;

/** Subscription pre-approval (RFC 6121 §3.4) is optional: a server offers it as a stream feature. */
public final class PreApproval {
    static final String FEATURE = "urn:xmpp:features:pre-approval";

    private PreApproval() {
    }

    /** An interested resource of the user, or the end of the test as impossible when the stream lacks the feature. */
    public static ImClient connect(Lab lab, User user) {
        ImClient client = ImClient.connect(user);
        lab.requireThat(client.session().smack().hasFeature("sub", FEATURE),
                "the stream features do not offer subscription pre-approval (<sub xmlns='" + FEATURE + "'/>, RFC 6121 §3.4)");
        return client;
    }
}
