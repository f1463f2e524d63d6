package org.stanzalab.engine.raw;

import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;

import org.stanzalab.engine.Lab;
import org.stanzalab.wire.XmlEscape;

/**
 * Set-up for wire-level tests that need a presence subscription (the Smack counterpart is
 * {@link org.stanzalab.engine.Subscription}): both ask for their rosters and become available, the subscriber asks,
 * the contact approves, and the subscriber has the contact's presence. The handshake itself is tested in rfc6121.
 */
public final class RawSubscription {
    private RawSubscription() {
    }

    /** {@code subscriber} subscribes to {@code contact}'s presence; returns once it has the contact's presence. */
    public static void establish(Lab lab, RawSession subscriber, RawSession contact) {
        lab.setUp("a presence subscription of " + bare(subscriber.jid()) + " to " + bare(contact.jid()), () -> {
            for (RawSession s : List.of(subscriber, contact)) {
                String id = s.newId("roster");
                s.request("<iq type='get' id='" + id + "'><query xmlns='jabber:iq:roster'/></iq>", id);
            }
            contact.available();
            subscriber.available();
            subscriber.send("<presence type='subscribe' to='" + XmlEscape.attribute(bare(contact.jid())) + "'/>");
            contact.expect("(setup) the subscription request of " + bare(subscriber.jid()), e -> isStanza(e, "presence")
                    && hasType(e, "subscribe") && bare(e.attribute("from").orElse("")).equals(bare(subscriber.jid())));
            contact.send("<presence type='subscribed' to='" + XmlEscape.attribute(bare(subscriber.jid())) + "'/>");
            subscriber.expect("(setup) the presence of " + contact.jid() + " after the approval", e -> isStanza(e, "presence")
                    && e.attribute("type").isEmpty() && contact.jid().equals(e.attribute("from").orElse(null)));
        });
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
