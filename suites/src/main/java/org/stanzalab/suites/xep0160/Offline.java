package org.stanzalab.suites.xep0160;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * Messages to a user who is offline, over the wire driver: what the sender wrote is compared element by element
 * with what the recipient is given later. The recipient's account has no session while the messages are sent, so the
 * server can only store them or refuse them. Also used by the suites of the XEPs whose payloads a server stores
 * (receipts, markers, chat states, corrections, retractions).
 */
public final class Offline {
    public static final String DELAY = "urn:xmpp:delay";

    private Offline() {
    }

    /** A sender that is logged in and available. */
    public static RawSession sender(Lab lab) {
        return lab.raw().authenticate(lab.newUser()).bind().available();
    }

    /**
     * Sends a stanza written from {@code template} (its first %s is the id, its second the 'to' address) to the
     * recipient's bare JID and returns the id.
     */
    public static String send(RawSession from, User to, String template, String purpose) {
        String id = from.newId(purpose);
        from.send(template.formatted(id, to.jid()));
        return id;
    }

    /**
     * Waits until the server has processed everything the sender sent, then says whether it bounced the stanza with
     * this id (an error message back to the sender).
     */
    public static Optional<XmlElement> bounce(RawSession from, String id) {
        from.sync();
        return from.alreadyReceived(e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id) && Stanzas.hasType(e, "error"));
    }

    /** Fails when the server refused to store the message with this id instead of keeping it. */
    public static void expectKept(RawSession from, String id, String what) {
        bounce(from, id).ifPresent(error -> {
            throw new ServerFailure("the server refused to keep " + what + " for the offline recipient and bounced it with "
                    + Stanzas.describe(error));
        });
    }

    /** The recipient logs in and binds a resource, but sends no presence yet. */
    public static RawSession loginWithoutPresence(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    /** Sends available presence with this priority (initial presence, or a change of priority). */
    public static void available(RawSession session, int priority) {
        session.send("<presence><priority>" + priority + "</priority></presence>");
        session.sync();
    }

    /** The recipient logs in and sends initial presence with priority 0: the moment stored messages are due. */
    public static RawSession comeOnline(Lab lab, User user) {
        RawSession session = loginWithoutPresence(lab, user);
        available(session, 0);
        return session;
    }

    /** Waits for the message with this id. */
    public static XmlElement expectMessage(RawSession recipient, String id, String what) {
        return recipient.expect(what, e -> Stanzas.isStanza(e, "message") && Stanzas.hasId(e, id));
    }

    /**
     * Fails unless the delivered stanza carries every child the sender wrote, unchanged, and the same 'id', 'type' and
     * 'xml:lang' (a server adds 'from' and may add elements of its own, such as a delay, but changes nothing it carries).
     */
    public static void assertCarriedUnchanged(String sentXml, XmlElement delivered) {
        XmlElement sent = parseStanza(sentXml);
        assertEquals(sent.attribute("id").orElse(null), delivered.attribute("id").orElse(null),
                "'id' of the delivered stanza (sent " + shown(sentXml) + "): " + shown(delivered));
        // A message without a type is of type normal (RFC 6121 §5.2.2), so a server may drop type='normal' or add it.
        assertEquals(messageType(sent), messageType(delivered),
                "'type' of the delivered stanza (sent " + shown(sentXml) + "): " + shown(delivered));
        // Without an xml:lang of its own a stanza has the stream's, which the server may write on it (RFC 6120 §8.1.5).
        sent.attribute("xml:lang").ifPresent(lang -> assertEquals(lang, delivered.attribute("xml:lang").orElse(null),
                "'xml:lang' of the delivered stanza (sent " + shown(sentXml) + "): " + shown(delivered)));
        for (XmlElement child : sent.children()) {
            List<XmlElement> written = sent.children(child.name(), child.namespace());
            List<XmlElement> copies = delivered.children(child.name(), child.namespace());
            assertEquals(written.size(), copies.size(), "copies of <" + child.name() + " xmlns='" + child.namespace()
                    + "'/> in the delivered stanza (sent " + shown(sentXml) + "): " + shown(delivered));
            XmlElement copy = copies.get(written.indexOf(child));
            assertTrue(Stanzas.sameContent(child, copy),
                    "<" + child.name() + "/> arrived changed: sent " + shown(child.toXml()) + ", delivered " + shown(copy));
        }
    }

    private static String messageType(XmlElement stanza) {
        String type = stanza.attribute("type").orElse("normal");
        return stanza.is("message", XmppNamespaces.CLIENT) ? type : stanza.attribute("type").orElse(null);
    }

    /** A stanza for a failure message, cut short: a long body would drown the reason. */
    public static String shown(XmlElement stanza) {
        return shown(stanza.toXml());
    }

    public static String shown(String xml) {
        return xml.length() <= 700 ? xml : xml.substring(0, 500) + " [... " + (xml.length() - 700) + " characters ...] "
                + xml.substring(xml.length() - 200);
    }

    /** The delay elements (XEP-0203) of a stanza. */
    public static List<XmlElement> delays(XmlElement stanza) {
        return stanza.children("delay", DELAY);
    }

    /** Parses a stanza the test wrote, in the jabber:client namespace that a client stream gives it. */
    public static XmlElement parseStanza(String xml) {
        return parse("<stream xmlns='" + XmppNamespaces.CLIENT + "'>" + xml + "</stream>").children().get(0);
    }

    /** Parses XML the test itself wrote. */
    public static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (WireProtocolException e) {
            throw new TestError("the test's own stanza is not XML: " + e.getMessage(), e);
        }
    }

    /** True for a message in jabber:client. */
    public static boolean isMessage(XmlElement e) {
        return e.is("message", XmppNamespaces.CLIENT);
    }
}
