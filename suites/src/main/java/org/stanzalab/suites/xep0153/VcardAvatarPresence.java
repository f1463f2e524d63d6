package org.stanzalab.suites.xep0153;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0045.Room;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0153 vCard-based avatars as the server carries them: the update element a client puts into its presence (the
 * SHA-1 of its vCard photo, an empty photo for "no avatar", or an empty element for "not ready yet") reaches
 * contacts, the user's other resources, the addressee of directed presence and the occupants of a room, and the
 * vCard a contact then fetches is the one the hash names. A server that converts avatars (XEP-0398) may put its own
 * hash into presence, which is the same hash here, since the tests store the photo in the vCard first. Avatars live
 * in fresh accounts; the vCard is emptied at the end.
 */
@StanzalabTest
@FreshAccounts("the account's vCard must hold only the photo this test stored")
class VcardAvatarPresence {
    private static final String VERSION = "1.1.1";
    private static final String VCARD = "vcard-temp";
    private static final String UPDATE = "vcard-temp:x:update";
    /** A 1x1 PNG. */
    private static final String PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final byte[] PNG = Base64.getDecoder().decode(PNG_BASE64);
    private static final String HASH = sha1(PNG);

    @Spec(document = "XEP-0153", version = VERSION, section = "4.1", level = MUST,
          requirement = "the photo hash a client puts into its presence broadcast reaches its contacts")
    @Test
    void photoHashReachesContacts(Lab lab) {
        Session alice = withPhoto(lab, lab.newUser().connect());
        Session bob = subscribedTo(lab, alice);

        alice.send(presence("with avatar", HASH).build());

        assertPhoto(bob.expectPresence("the presence of " + alice.jid() + " with status 'with avatar'", from(alice, "with avatar")), HASH);
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "4.1", level = MUST,
          requirement = "an empty photo element (the user has no avatar) reaches contacts as an empty photo element, neither"
                  + " dropped nor filled in")
    @Test
    void emptyPhotoReachesContactsEmpty(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = subscribedTo(lab, alice);

        alice.send(presence("no avatar", "").build());

        assertPhoto(bob.expectPresence("the presence of " + alice.jid() + " with status 'no avatar'", from(alice, "no avatar")), "");
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "4.1", level = MUST,
          requirement = "an empty update element (the client is not ready to advertise an image) reaches contacts as an"
                  + " update element; a photo a server adds there is empty for a user without avatar")
    @Test
    void emptyUpdateElementReachesContacts(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = subscribedTo(lab, alice);

        alice.send(PresenceBuilder.buildPresence("not-ready").setStatus("not ready")
                .addExtension(StandardExtensionElement.builder("x", UPDATE).build()).build());

        Presence received = bob.expectPresence("the presence of " + alice.jid() + " with status 'not ready'", from(alice, "not ready"));
        XmlElement x = update(received).orElseThrow(() -> new AssertionError("the update element was lost: " + received.toXML()));
        x.childText("photo", UPDATE).ifPresent(photo -> assertEquals("", photo.trim(),
                "a photo hash for a user without avatar: " + received.toXML()));
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "4.3", level = MUST,
          requirement = "a presence with the photo hash from one resource reaches the user's other resources, which must"
                  + " compare it with their own")
    @Test
    void photoHashReachesOwnOtherResources(Lab lab) {
        User aliceAccount = lab.newUser();
        Session phone = withPhoto(lab, aliceAccount.connect());
        Session desktop = aliceAccount.connect().available();

        phone.send(presence("phone avatar", HASH).build());

        assertPhoto(desktop.expectPresence("the presence of " + phone.jid() + " on the other resource", from(phone, "phone avatar")), HASH);
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "4.1", level = SHOULD,
          requirement = "directed presence carrying the photo hash reaches its addressee with the hash")
    @Test
    void photoHashInDirectedPresenceReachesAddressee(Lab lab) {
        Session alice = withPhoto(lab, lab.newUser().connect());
        Session bob = lab.newUser().connect().available();

        alice.send(presence("directed avatar", HASH).to(bob.jid()).build());

        assertPhoto(bob.expectPresence("the directed presence of " + alice.jid(), from(alice, "directed avatar")), HASH);
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "4.1", level = SHOULD,
          requirement = "the photo hash in the presence with which a user enters a room reaches the other occupants")
    @Test
    void photoHashInRoomJoinReachesOccupants(Lab lab) {
        Session owner = lab.newUser().connect().available();
        Room room = Room.instant(lab, owner, "owner");
        Session alice = withPhoto(lab, lab.newUser().connect());

        alice.send(presence("joining", HASH).to(room.occupant("alice"))
                .addExtension(StandardExtensionElement.builder("x", Room.MUC).build()).build());

        Presence joined = room.expectFrom(owner, "alice", "alice's entry with the photo hash", p -> p.getType() == Presence.Type.available);
        assertPhoto(joined, HASH);
    }

    @Spec(document = "XEP-0153", version = VERSION, section = "3.2", level = SHOULD,
          requirement = "a contact who sees a photo hash it does not know fetches the user's vCard from the server and finds"
                  + " there the photo the hash names")
    @Test
    void contactRetrievesThePhotoTheHashNames(Lab lab) {
        Session alice = withPhoto(lab, lab.newUser().connect());
        Session bob = subscribedTo(lab, alice);
        alice.send(presence("with avatar", HASH).build());
        Presence seen = bob.expectPresence("(setup) the presence of " + alice.jid() + " with the hash", from(alice, "with avatar"));
        String hash = update(seen).flatMap(x -> x.childText("photo", UPDATE)).map(String::trim).orElse("");
        lab.requireThat(!hash.isEmpty(), "the presence carried no photo hash (tested by photoHashReachesContacts)");

        IQ reply = bob.requestResult(new RawIq(IQ.Type.get, alice.bareJid(), "vCard", VCARD, ""));

        XmlElement vcard = StanzaXml.payload(reply).orElseThrow(() -> new ServerFailure("the vCard result is empty: " + reply.toXML()));
        String binval = vcard.child("PHOTO", VCARD).flatMap(p -> p.childText("BINVAL", VCARD)).orElse("").replaceAll("\\s+", "");
        byte[] photo = Base64.getMimeDecoder().decode(binval);
        assertArrayEquals(PNG, photo, "the vCard " + bob.bareJid() + " fetched holds another photo: " + vcard.toXml());
        assertEquals(hash, sha1(photo), "the hash in presence does not name the vCard photo");
    }

    // ---- helpers ----

    /** Stores the test image as the vCard photo (§3.1, as set-up); the vCard is emptied at the end. */
    private static Session withPhoto(Lab lab, Session session) {
        lab.cleanup("the vCard of " + session.bareJid(), () -> session.request(new RawIq(IQ.Type.set, null, "vCard", VCARD, "")));
        lab.setUp("store a vCard with a photo for " + session.bareJid(), () -> session.requestResult(new RawIq(IQ.Type.set, null,
                "vCard", VCARD, "<FN>Avatar Test</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>" + PNG_BASE64 + "</BINVAL></PHOTO>")));
        return session;
    }

    /** A fresh available session of another account, subscribed to {@code contact}'s presence. */
    private static Session subscribedTo(Lab lab, Session contact) {
        contact.available();
        Session bob = lab.newUser().connect().available();
        Subscription.establish(lab, bob, contact, true);
        return bob;
    }

    /** An available presence with this status and an update element holding a photo element with this text. */
    private static PresenceBuilder presence(String status, String photo) {
        StandardExtensionElement.Builder photoElement = StandardExtensionElement.builder("photo", UPDATE);
        if (!photo.isEmpty()) {
            photoElement.setText(photo);
        }
        return PresenceBuilder.buildPresence("avatar-" + status.replace(' ', '-')).setStatus(status)
                .addExtension(StandardExtensionElement.builder("x", UPDATE).addElement(photoElement.build()).build());
    }

    private static java.util.function.Predicate<Presence> from(Session sender, String status) {
        Jid jid = sender.jid();
        return p -> jid.equals(p.getFrom()) && status.equals(p.getStatus());
    }

    private static Optional<XmlElement> update(Presence presence) {
        return StanzaXml.of(presence).child("x", UPDATE);
    }

    private static void assertPhoto(Presence presence, String expected) {
        XmlElement x = update(presence).orElseThrow(() -> new AssertionError("the update element was lost: " + presence.toXML()));
        Optional<String> photo = x.childText("photo", UPDATE).map(String::trim);
        assertTrue(photo.isPresent(), "the update element arrived without its photo element: " + presence.toXML());
        assertEquals(expected, photo.get(), "the photo in the update element: " + presence.toXML());
    }

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
