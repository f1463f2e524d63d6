package org.stanzalab.suites.xep0398;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.packet.Presence;
import org.jivesoftware.smack.packet.PresenceBuilder;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0398 User Avatar to vCard-Based Avatars Conversion: a server that announces the conversion keeps the PEP avatar
 * (XEP-0084) and the vCard photo (XEP-0153) in step and puts the avatar's hash into its users' presence. Avatars live
 * in fresh accounts; the nodes and the vCard photo are removed at the end.
 */
@StanzalabTest
@FreshAccounts("the account's avatar and vCard must be only what this test stored")
class AvatarConversion {
    private static final String VERSION = "1.0.0";
    private static final String FEATURE = "urn:xmpp:pep-vcard-conversion:0";
    private static final String DATA = "urn:xmpp:avatar:data";
    private static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final String VCARD = "vcard-temp";
    private static final String UPDATE = "vcard-temp:x:update";
    /** A 1x1 PNG. */
    private static final String PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";
    private static final byte[] PNG = Base64.getDecoder().decode(PNG_BASE64);
    private static final String SHA1 = sha1(PNG);

    private static String sha1(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    /** The conversion is announced on the account (§2); without it the server makes no promise here. */
    private static void requireConversion(Lab lab, RawSession session) {
        lab.requireThat(PepNodes.hasFeature(PepNodes.info(session, null), FEATURE), "the account does not announce " + FEATURE);
    }

    /** Publishes the avatar the XEP-0084 way, data first and then metadata, as set-up. */
    private static void publishPepAvatar(Lab lab, RawSession session) {
        PepNodes.published(lab, session, DATA, SHA1, "<data xmlns='" + DATA + "'>" + PNG_BASE64 + "</data>", null);
        PepNodes.published(lab, session, METADATA, SHA1, "<metadata xmlns='" + METADATA + "'><info bytes='" + PNG.length
                + "' id='" + SHA1 + "' height='1' width='1' type='image/png'/></metadata>", null);
        lab.cleanup("the vCard photo of " + session.jid(), () -> setVcard(session, ""));
    }

    private static XmlElement getVcard(RawSession session) {
        String id = session.newId("vcard-get");
        return session.request("<iq type='get' id='" + id + "'><vCard xmlns='" + VCARD + "'/></iq>", id);
    }

    private static XmlElement setVcard(RawSession session, String content) {
        String id = session.newId("vcard-set");
        return session.request("<iq type='set' id='" + id + "'><vCard xmlns='" + VCARD + "'>" + content + "</vCard></iq>", id);
    }

    @Spec(document = "XEP-0398", version = VERSION, section = "3.1", level = MUST,
          requirement = "after an avatar is published to the PEP data and metadata nodes, the user's vCard carries it as"
                  + " its photo")
    @Test
    void pepAvatarBecomesTheVcardPhoto(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        requireConversion(lab, alice);

        publishPepAvatar(lab, alice);

        XmlElement reply = getVcard(alice);
        XmlElement photo = reply.child("vCard", VCARD).flatMap(v -> v.child("PHOTO", VCARD)).orElseThrow(() -> new AssertionError(
                "the vCard has no PHOTO after the PEP avatar was published: " + reply.toXml()));
        String binval = photo.childText("BINVAL", VCARD).orElse("").replaceAll("\\s+", "");
        assertArrayEquals(PNG, Base64.getMimeDecoder().decode(binval), "the vCard photo is not the published avatar: " + photo.toXml());
        assertEquals("image/png", photo.childText("TYPE", VCARD).map(String::trim).orElse(null), "TYPE of the photo: " + photo.toXml());
    }

    @Spec(document = "XEP-0398", version = VERSION, section = "3.2", level = MUST,
          requirement = "a server that converts a vCard photo to PEP publishes the data item under the image's SHA-1, then"
                  + " metadata with one info element of the vCard's type")
    @Test
    void vcardPhotoBecomesThePepAvatar(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        requireConversion(lab, alice);
        PepNodes.deletedAtEnd(lab, alice, DATA);
        PepNodes.deletedAtEnd(lab, alice, METADATA);
        lab.cleanup("the vCard of " + alice.jid(), () -> setVcard(alice, ""));

        XmlElement set = setVcard(alice, "<FN>Juliet</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>" + PNG_BASE64 + "</BINVAL></PHOTO>");

        assertTrue(Stanzas.hasType(set, "result"), "the vCard with a photo was refused: " + set.toXml());
        XmlElement dataReply = PepNodes.items(alice, null, DATA);
        List<XmlElement> data = Stanzas.hasType(dataReply, "result") ? PepNodes.itemsOf(dataReply) : List.of();
        lab.requireThat(!data.isEmpty(), "the server does not convert vCard photos to PEP, which §3 leaves optional");
        assertTrue(PepNodes.item(data, SHA1).isPresent(), "no data item under the photo's SHA-1 " + SHA1 + ": " + data);
        List<XmlElement> metadata = PepNodes.itemsOf(PepNodes.items(alice, null, METADATA));
        List<XmlElement> infos = metadata.stream().flatMap(i -> i.child("metadata", METADATA).stream())
                .flatMap(m -> m.children("info", METADATA).stream()).toList();
        Optional<XmlElement> info = infos.stream().filter(i -> SHA1.equals(i.attribute("id").orElse(null))).findFirst();
        assertTrue(info.isPresent(), "no metadata info for " + SHA1 + ": " + metadata);
        assertEquals("image/png", info.get().attribute("type").orElse(null), "type in the metadata: " + info.get().toXml());
    }

    enum PresenceKind {
        NO_X, EMPTY_X, DIRECTED;

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0398", version = VERSION, section = "4", level = MUST,
          requirement = "the server puts the avatar's hash into the user's available presence (broadcast without an x"
                  + " element or with an empty one, and directed presence too)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(PresenceKind.class)
    void presenceCarriesTheAvatarHash(PresenceKind kind, Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession publisher = login(lab, aliceAccount);
        requireConversion(lab, publisher);
        publishPepAvatar(lab, publisher);
        Session alice = aliceAccount.connect();
        Session watcher = lab.newUser().connect().available();
        if (kind != PresenceKind.DIRECTED) {
            alice.available();
            Subscription.establish(lab, watcher, alice, true);
        }
        watcher.forget();

        PresenceBuilder presence = PresenceBuilder.buildPresence("avatar-" + kind).ofType(Presence.Type.available).setStatus("with avatar");
        if (kind == PresenceKind.EMPTY_X) {
            presence.addExtension(StandardExtensionElement.builder("x", UPDATE).build());
        }
        if (kind == PresenceKind.DIRECTED) {
            presence.to(watcher.jid());
        }
        alice.send(presence.build());

        Presence received = watcher.expectPresence("the presence of " + alice.jid() + " with status 'with avatar'",
                p -> alice.jid().equals(p.getFrom()) && "with avatar".equals(p.getStatus()));
        XmlElement xml = StanzaXml.of(received);
        String photo = xml.child("x", UPDATE).flatMap(x -> x.childText("photo", UPDATE)).map(String::trim).orElse(null);
        assertEquals(SHA1, photo, "the avatar hash in the presence: " + received.toXML());
    }
}
