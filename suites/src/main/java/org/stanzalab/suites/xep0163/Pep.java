package org.stanzalab.suites.xep0163;

import java.util.List;
import java.util.UUID;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.wire.XmlElement;

/**
 * The accounts' own PEP services as this package's tests use them: fresh accounts with a mutual presence subscription,
 * logged in over the wire driver, nodes under names no other test uses, deleted at the end.
 */
final class Pep {
    static final String VERSION = "1.2.2";
    static final String PAYLOAD_NS = "urn:stanzalab:test:pep";

    private Pep() {
    }

    /** A node name (a namespace, as PEP nodes are) no other test uses. */
    static String newNode() {
        return PAYLOAD_NS + ":" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String payload(String node, String text) {
        return "<note xmlns='" + node + "'>" + text + "</note>";
    }

    /** Each subscribed to the other's presence, as two contacts are; the set-up sessions are closed again. */
    static void contacts(Lab lab, User a, User b) {
        lab.setUp("a mutual presence subscription of " + a.role() + " and " + b.role(), () -> {
            Session one = a.connect().available();
            Session two = b.connect().available();
            Subscription.establish(lab, one, two, true);
            Subscription.establish(lab, two, one, true);
            one.close();
            two.close();
        });
    }

    /** The user logged in over the wire driver, with no presence sent yet. */
    static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    /** The user online and available, with caps that ask for notifications of these nodes (none: no +notify). */
    static RawSession online(Lab lab, User user, String... notifyNodes) {
        RawSession session = login(lab, user);
        Caps.announce(session, java.util.Arrays.stream(notifyNodes).map(Caps::notify).toList());
        return session;
    }

    /** Like {@link #online}, and returns the features announced, for {@link #onlineAgain}. */
    static List<String> onlineWithCaps(Lab lab, RawSession session, String... notifyNodes) {
        return Caps.announce(session, java.util.Arrays.stream(notifyNodes).map(Caps::notify).toList());
    }

    /** Another resource of the user comes online with caps the server already knows (see {@link Caps#announceAgain}). */
    static RawSession onlineAgain(Lab lab, User user, List<String> announced) {
        RawSession session = login(lab, user);
        Caps.announceAgain(session, announced);
        return session;
    }

    /** The session's own PEP service. */
    static Pubsub own(RawSession session) {
        return new Pubsub(session, null);
    }

    /** Another account's PEP service. */
    static Pubsub of(RawSession session, User owner) {
        return new Pubsub(session, owner.jid().toString());
    }

    /** Publishes as set-up (it must succeed; the node is made by the publish) and deletes the node at the end. */
    static void published(Lab lab, RawSession owner, String node, String itemId, String text, java.util.Map<String, String> options) {
        deletedAtEnd(lab, owner, node);
        lab.setUp("publishing " + itemId + " to " + node, () -> {
            XmlElement reply = Pubsub.setUpChange(owner, "the set-up publish", 5,
                    () -> own(owner).publish(node, itemId, payload(node, text), options));
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the publish was answered with " + Pubsub.describe(reply));
            }
        });
    }

    static void deletedAtEnd(Lab lab, RawSession owner, String node) {
        lab.cleanup("PEP node " + node + " of " + owner.jid(), () -> own(owner).delete(node));
    }

    static boolean isNotification(XmlElement stanza, String node, String itemId) {
        return Pubsub.itemPublished(node, itemId).test(stanza);
    }

    static List<String> none() {
        return List.of();
    }
}
