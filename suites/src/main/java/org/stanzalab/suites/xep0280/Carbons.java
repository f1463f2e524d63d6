package org.stanzalab.suites.xep0280;

import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;

/**
 * XEP-0280 spoken by hand (Smack's carbons manager is in smack-experimental): enabling and disabling, and reading
 * a carbon copy, a message from the user's bare JID wrapping the original in {@code <sent/>} or {@code <received/>}
 * and a XEP-0297 {@code <forwarded/>}.
 */
final class Carbons {
    static final String NS = "urn:xmpp:carbons:2";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String HINTS = "urn:xmpp:hints";
    static final String TEST_NS = "urn:stanzalab:test:0";

    private Carbons() {
    }

    static IQ enableRequest() {
        return new RawIq(IQ.Type.set, null, "enable", NS, "");
    }

    static IQ disableRequest() {
        return new RawIq(IQ.Type.set, null, "disable", NS, "");
    }

    static void require(Lab lab) {
        lab.requireFeature(NS);
    }

    /** Enables carbons for a session, as a set-up step. */
    static Session enabled(Lab lab, Session session) {
        lab.setUp("enabling carbons for " + session.label(), () -> {
            session.requestResult(enableRequest());
        });
        return session;
    }

    static String body(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    /** The {@code <sent/>} or {@code <received/>} wrapper of a carbon copy, or null. */
    static StandardExtensionElement wrapper(Message message, Direction direction) {
        return message.getExtension(direction.element, NS) instanceof StandardExtensionElement e ? e : null;
    }

    /** The original message inside a carbon copy, or null. */
    static StandardExtensionElement original(Message message, Direction direction) {
        StandardExtensionElement wrapper = wrapper(message, direction);
        StandardExtensionElement forwarded = wrapper == null ? null : wrapper.getFirstElement("forwarded", FORWARD);
        if (forwarded == null) {
            return null;
        }
        for (StandardExtensionElement child : forwarded.getElements()) {
            if (child.getElementName().equals("message")) {
                return child;
            }
        }
        return null;
    }

    static String originalBody(Message message, Direction direction) {
        StandardExtensionElement original = original(message, direction);
        if (original == null) {
            return null;
        }
        for (StandardExtensionElement child : original.getElements()) {
            if (child.getElementName().equals("body")) {
                return child.getText();
            }
        }
        return null;
    }

    /** Whether a message is a carbon copy (either way) of the message with this body. */
    static boolean isCopyOf(Message message, String body) {
        return body.equals(originalBody(message, Direction.sent)) || body.equals(originalBody(message, Direction.received));
    }

    /** Whether the message is the one with this body, as sent or as any copy of it. */
    static boolean carries(Message message, String body) {
        return body.equals(message.getBody()) || isCopyOf(message, body);
    }

    /** Which kind of copy. */
    enum Direction {
        sent("sent"), received("received");

        final String element;

        Direction(String element) {
            this.element = element;
        }
    }
}
