package org.stanzalab.suites.xep0352;

import static org.stanzalab.engine.raw.Stanzas.hasId;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.RawSubscription;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * XEP-0352 over the wire driver: the test writes {@code <inactive/>} and {@code <active/>} itself and sees, from the
 * order of what arrives, whether the server held traffic back while the client said it was inactive.
 */
final class Csi {
    static final String NS = "urn:xmpp:csi:0";

    private Csi() {
    }

    /** A bound stream of this user whose post-authentication features offer CSI (else impossible, §4.1). */
    static RawSession client(Lab lab, User user) {
        RawSession stream = lab.raw().authenticate(user).bind();
        stream.requireFeature(NS, "csi");
        stream.forget(); // the binding's result: later checks look only at what comes after
        return stream;
    }

    static void inactive(RawSession stream) {
        stream.send("<inactive xmlns='" + NS + "'/>");
    }

    static void active(RawSession stream) {
        stream.send("<active xmlns='" + NS + "'/>");
    }

    /**
     * Pings the server and returns everything this stream received since the last {@link RawSession#forget()} up to
     * and without the answer. The server handles one stream's data in order (RFC 6120 §10.1, XEP-0352 §5.1), so the
     * list is what it had put on the wire before it got to the ping.
     */
    static List<XmlElement> receivedBeforePong(RawSession stream) {
        String id = stream.newId("pong");
        stream.send("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(domain(stream))
                + "'><ping xmlns='urn:xmpp:ping'/></iq>");
        stream.expect("the answer to ping '" + id + "'", e -> isStanza(e, "iq") && hasId(e, id));
        List<XmlElement> all = stream.received();
        int pong = 0;
        while (pong < all.size() && !(isStanza(all.get(pong), "iq") && hasId(all.get(pong), id))) {
            pong++;
        }
        return List.copyOf(all.subList(0, pong));
    }

    /** {@code subscriber} subscribes to the presence of {@code contact} (set-up). */
    static void subscribe(Lab lab, RawSession subscriber, RawSession contact) {
        RawSubscription.establish(lab, subscriber, contact);
    }

    /**
     * Whether the server holds back {@code what} for this inactive client: watches the stream without sending
     * anything, since any data from the client (a ping included) may make the server flush what it holds, so no
     * marker can show it. The wait is the reply timeout, tallied as a fixed wait; the answer goes into the transcript.
     */
    static boolean holds(Lab lab, RawSession client, Predicate<XmlElement> what, String description) {
        long start = System.nanoTime();
        boolean delivered = client.await(description + " while the client is inactive", what).isPresent();
        lab.recordFixedWait(java.time.Duration.ofNanos(System.nanoTime() - start));
        client.note("xep0352", delivered ? "the server delivered " + description + " at once while the client was inactive"
                : "the server held " + description + " while the client was inactive (nothing within "
                        + lab.timeouts().reply().toSeconds() + " s)");
        return !delivered;
    }

    /**
     * The status of a presence update of {@code contact} that the server held for this inactive client, or empty if
     * it delivers them at once. The contact's update travels on another stream than the client's {@code <inactive/>}
     * and may overtake it, so when the first comes at once a second is tried: by then the state change is handled.
     */
    static Optional<String> heldPresenceUpdate(Lab lab, RawSession client, RawSession contact, String status) {
        for (int attempt = 1; attempt <= 2; attempt++) {
            String shown = status + " (" + attempt + ")";
            presenceUpdate(contact, "away", shown);
            contact.sync();
            if (holds(lab, client, presenceWithStatus(contact.jid(), shown), "the presence update '" + shown + "'")) {
                return Optional.of(shown);
            }
        }
        return Optional.empty();
    }

    /** A presence update of the contact with this status (and show, if not null). */
    static void presenceUpdate(RawSession contact, String show, String status) {
        contact.send("<presence>" + (show == null ? "" : "<show>" + show + "</show>") + "<status>" + XmlEscape.text(status)
                + "</status></presence>");
    }

    /** An available presence (no type) from exactly this full JID. */
    static Predicate<XmlElement> presenceFrom(String fullJid) {
        return e -> isStanza(e, "presence") && e.attribute("type").isEmpty()
                && fullJid.equals(e.attribute("from").orElse(null));
    }

    static Predicate<XmlElement> presenceWithStatus(String fullJid, String status) {
        return e -> presenceFrom(fullJid).test(e) && status.equals(e.childText("status", XmppNamespaces.CLIENT).orElse(null));
    }

    /** A standalone chat state (XEP-0085) of this kind, with no body. */
    static String chatState(String to, String id, String state) {
        return "<message type='chat' id='" + id + "' to='" + XmlEscape.attribute(to) + "'><" + state
                + " xmlns='http://jabber.org/protocol/chatstates'/></message>";
    }

    static String domain(RawSession session) {
        String bare = bare(session);
        return bare.substring(bare.indexOf('@') + 1);
    }

    static String bare(RawSession session) {
        return bare(session.jid());
    }

    static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
