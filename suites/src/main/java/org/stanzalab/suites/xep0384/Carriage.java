package org.stanzalab.suites.xep0384;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0160.Archive;
import org.stanzalab.suites.xep0160.Offline;
import org.stanzalab.suites.xep0160.Route;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/**
 * How a server carries an end-to-end encrypted message it cannot read: to the recipient, as a carbon copy
 * (XEP-0280), kept offline (XEP-0160) and in the archive (XEP-0313). The encrypted element is opaque to the server,
 * so every path is judged the same way: the element that arrives has the same canonical XML as the one sent (names,
 * namespaces, sorted attributes, text, children in order; only namespace prefixes may differ). Public because
 * OpenPGP for XMPP (package xep0373) is carried the same way.
 */
public final class Carriage {
    public static final String CARBONS = "urn:xmpp:carbons:2";
    public static final String FORWARD = "urn:xmpp:forward:0";
    public static final String HINTS = "urn:xmpp:hints";

    private Carriage() {
    }

    /** An encrypted message as a client writes it: the element that carries the ciphertext, and the stanza. */
    public interface Sealed {
        /** The element the server must carry unchanged, e.g. OMEMO's encrypted. */
        String element();

        String namespace();

        /** The message from {@code from} to {@code to} (bare JIDs), with %s for its id and %s for its 'to'. */
        String template(String from, String to);
    }

    // ---------------------------------------------------------------- canonical XML

    /** The element in canonical form: {namespace}name, attributes sorted by name, text, then the children in order. */
    public static String canonical(XmlElement element) {
        StringBuilder out = new StringBuilder("<{").append(element.namespace()).append('}').append(element.name());
        new TreeMap<>(element.attributes()).forEach((k, v) -> out.append(' ').append(k).append("=\"")
                .append(XmlEscape.attribute(v)).append('"'));
        out.append('>').append(XmlEscape.text(element.text()));
        element.children().forEach(c -> out.append(canonical(c)));
        return out.append("</").append(element.name()).append('>').toString();
    }

    /** The sealed element of a message the test wrote. */
    public static XmlElement sealedIn(String sentXml, Sealed sealed) {
        return Offline.parseStanza(sentXml).child(sealed.element(), sealed.namespace())
                .orElseThrow(() -> new IllegalStateException("the test's message lacks its " + sealed.element()));
    }

    /** Fails unless {@code arrived} holds exactly one sealed element, canonically equal to the one sent. */
    public static void assertSealedUnchanged(String sentXml, XmlElement arrived, Sealed sealed, String where) {
        List<XmlElement> copies = arrived.children(sealed.element(), sealed.namespace());
        assertEquals(1, copies.size(), "<" + sealed.element() + " xmlns='" + sealed.namespace() + "'/> elements in " + where
                + ": " + Offline.shown(arrived));
        assertEquals(canonical(sealedIn(sentXml, sealed)), canonical(copies.get(0)),
                "the " + sealed.element() + " element " + where + " differs from the one sent (canonical XML)");
    }

    // ---------------------------------------------------------------- routing

    /** Alice sends the message to Bob (online) at this address; Bob must get it, every child and the sealed element unchanged. */
    public static void routed(Lab lab, Sealed sealed, Route.Address address) {
        Route route = Route.open(lab);
        String template = sealed.template(bare(route.sender()), bare(route.recipient()));
        XmlElement delivered = route.carry(template, address, "the encrypted message");
        String id = delivered.attribute("id").orElseThrow();
        assertSealedUnchanged(template.formatted(id, route.address(address)), delivered, sealed, "the delivered message");
    }

    // ---------------------------------------------------------------- carbons

    /** Which copy of XEP-0280: of a message the user sent (§8), or of one the user received (§7). */
    public enum Copy {
        SENT("sent"), RECEIVED("received");

        final String element;

        Copy(String element) {
            this.element = element;
        }

        @Override
        public String toString() {
            return element;
        }
    }

    /** What a carbon test saw: the message as written, and the copy if one came before the marker's copy. */
    public record Carbon(String sentXml, Optional<XmlElement> original, Optional<XmlElement> wrapper) {
    }

    /**
     * Sends the message so that one resource of a user with carbons enabled should get a copy of this kind: for SENT,
     * Alice's phone sends to Bob and Alice's laptop watches; for RECEIVED, Alice sends to Bob's phone and Bob's laptop
     * watches. The watch ends when the copy, or the copy of a chat message sent after it, arrives, so no fixed wait
     * is needed to see that no copy came.
     */
    public static Carbon carbon(Lab lab, Sealed sealed, Copy copy) {
        lab.requireFeature(CARBONS);
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        RawSession alice = lab.raw().authenticate(aliceAccount).bind().available();
        RawSession bob = lab.raw().authenticate(bobAccount).bind().available();
        RawSession watcher = lab.raw().authenticate(copy == Copy.SENT ? aliceAccount : bobAccount).bind().available();
        enableCarbons(lab, watcher);
        if (copy == Copy.RECEIVED) {
            enableCarbons(lab, bob);
        }

        String template = sealed.template(aliceAccount.jid().toString(), bobAccount.jid().toString());
        String to = copy == Copy.SENT ? bobAccount.jid().toString() : bob.jid();
        String id = alice.newId("carbon");
        String xml = template.formatted(id, to);
        alice.send(xml);
        // The marker is a chat message with a body on the same route, so it is copied too, and the server copies
        // Alice's messages in the order it handles them. A marker sent straight to the watching resource would not
        // do: a copy is the server's own stanza, which it may deliver after a later direct message (ejabberd does).
        String marker = alice.newId("marker");
        alice.send("<message type='chat' id='" + marker + "' to='" + XmlEscape.attribute(to) + "'><body>" + marker + "</body></message>");
        XmlElement first = watcher.expect("a " + copy + " carbon of message '" + id + "', or of the chat message '" + marker
                + "' sent after it", e -> Stanzas.isStanza(e, "message")
                        && (originalIn(e, copy, marker).isPresent() || originalIn(e, copy, id).isPresent()));
        Optional<XmlElement> original = originalIn(first, copy, id);
        return new Carbon(xml, original, original.map(o -> first));
    }

    /** The forwarded original with this id inside a carbon copy of this kind. */
    public static Optional<XmlElement> originalIn(XmlElement message, Copy copy, String id) {
        return message.child(copy.element, CARBONS).flatMap(w -> w.child("forwarded", FORWARD))
                .flatMap(f -> f.child("message", XmppNamespaces.CLIENT)).filter(m -> Stanzas.hasId(m, id));
    }

    private static void enableCarbons(Lab lab, RawSession session) {
        lab.setUp("enabling carbons for " + session.jid(), () -> {
            String id = session.newId("carbons");
            XmlElement reply = session.request("<iq type='set' id='" + id + "'><enable xmlns='" + CARBONS + "'/></iq>", id);
            if (!Stanzas.hasType(reply, "result")) {
                throw new ServerFailure("enabling carbons was answered with " + Stanzas.describe(reply));
            }
        });
    }

    // ---------------------------------------------------------------- group chat

    /** What a room reflected: the message as Alice wrote it, and what Bob (another occupant) got from her occupant JID. */
    public record Reflected(String sentXml, XmlElement delivered) {
    }

    /**
     * A non-anonymous room (whois anyone, as XEP-0384 §5.8 requires for OMEMO) made by an owner; Alice and Bob enter
     * over the wire driver, Alice sends the groupchat message, and Bob must get it from her occupant JID.
     */
    public static Reflected reflected(Lab lab, Sealed sealed) {
        org.stanzalab.engine.Session owner = lab.newUser().connect().available();
        org.stanzalab.suites.xep0045.Room room = org.stanzalab.suites.xep0045.Room.reserved(lab, owner, "owner",
                org.stanzalab.suites.xep0045.Room.fields("muc#roomconfig_whois", "anyone"));
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        RawSession alice = lab.raw().authenticate(aliceAccount).bind().available();
        RawSession bob = lab.raw().authenticate(bobAccount).bind().available();
        enter(lab, alice, room, "alice");
        enter(lab, bob, room, "bob");

        String id = alice.newId("groupchat");
        String xml = sealed.template(aliceAccount.jid().toString(), bobAccount.jid().toString()).formatted(id, room.jid.toString())
                .replaceFirst("type='chat'", "type='groupchat'");
        alice.send(xml);
        String from = room.occupant("alice").toString();
        XmlElement delivered = bob.expect("alice's groupchat message reflected by the room", e -> Stanzas.isStanza(e, "message")
                && from.equals(e.attribute("from").orElse(null)) && e.hasChild(sealed.element(), sealed.namespace()));
        return new Reflected(xml, delivered);
    }

    private static void enter(Lab lab, RawSession session, org.stanzalab.suites.xep0045.Room room, String nick) {
        String occupant = room.occupant(nick).toString();
        lab.setUp(nick + " enters " + room.jid, () -> {
            session.send("<presence to='" + XmlEscape.attribute(occupant) + "'><x xmlns='" + org.stanzalab.suites.xep0045.Room.MUC + "'/></presence>");
            XmlElement self = session.expect("the room's self-presence for " + occupant, e -> Stanzas.isStanza(e, "presence")
                    && occupant.equals(e.attribute("from").orElse(null)));
            if (Stanzas.hasType(self, "error")) {
                throw new ServerFailure(nick + " could not enter " + room.jid + ": " + Stanzas.describe(self));
            }
        });
    }

    // ---------------------------------------------------------------- offline storage and the archive

    /** Alice sends the message to Bob while he is offline; Bob logs in; the message he is given (it must come). */
    public static Map.Entry<String, XmlElement> keptOffline(Lab lab, Sealed sealed) {
        RawSession alice = Offline.sender(lab);
        User bob = lab.newUser();
        String template = sealed.template(bare(alice), bob.jid().toString());
        String id = Offline.send(alice, bob, template, "kept");
        Offline.expectKept(alice, id, "the encrypted message");

        RawSession phone = Offline.comeOnline(lab, bob);
        XmlElement delivered = Offline.expectMessage(phone, id, "the encrypted message kept while " + bob.role() + " was offline");
        return Map.entry(template.formatted(id, bob.jid()), delivered);
    }

    /** What an archive test saw: the message as written, and Bob's archive of his conversation with Alice. */
    public record Archived(String sentXml, String id, List<XmlElement> archive) {
        public Optional<XmlElement> message() {
            return archive.stream().filter(m -> Stanzas.hasId(m, id)).findFirst();
        }
    }

    /** Alice sends the message to Bob (online, with an archive); Bob then queries his archive for Alice. */
    public static Archived archived(Lab lab, Sealed sealed) {
        Route route = Route.open(lab);
        RawSession bob = route.recipient();
        Archive.require(lab, bob);
        String template = sealed.template(bare(route.sender()), bare(bob));
        XmlElement delivered = route.carry(template, Route.Address.BARE, "the encrypted message");
        String id = delivered.attribute("id").orElseThrow();
        List<XmlElement> archive = Archive.messagesWith(bob, bare(route.sender()));
        return new Archived(template.formatted(id, bare(bob)), id, archive);
    }

    public static String bare(RawSession session) {
        return session.user().jid().toString();
    }
}
