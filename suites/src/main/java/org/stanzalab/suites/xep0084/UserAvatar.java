package org.stanzalab.suites.xep0084;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0084 User Avatar, the server's part: the user's PEP service keeps the avatar data and metadata a client
 * publishes and serves them to the user's contacts. The avatar lives in a fresh account; its nodes are deleted at
 * the end.
 */
@StanzalabTest
@FreshAccounts("the account's PEP nodes must be only those this test made")
class UserAvatar {
    private static final String VERSION = "1.1.4";
    private static final String DATA = "urn:xmpp:avatar:data";
    private static final String METADATA = "urn:xmpp:avatar:metadata";
    private static final String DISCO_ITEMS = "http://jabber.org/protocol/disco#items";
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

    /** Alice publishes an avatar the XEP's way; bob is subscribed to her presence. Returns bob's raw session. */
    private static RawSession avatarAndContact(Lab lab, User aliceAccount) {
        User bobAccount = lab.newUser();
        lab.setUp("bob subscribed to alice's presence", () -> {
            Session alice = aliceAccount.connect().available();
            Session bob = bobAccount.connect().available();
            Subscription.establish(lab, bob, alice, true);
            alice.close();
            bob.close();
        });
        RawSession alice = lab.raw().authenticate(aliceAccount).bind();
        PepNodes.published(lab, alice, DATA, SHA1, "<data xmlns='" + DATA + "'>" + PNG_BASE64 + "</data>", null);
        PepNodes.published(lab, alice, METADATA, SHA1, "<metadata xmlns='" + METADATA + "'><info bytes='" + PNG.length
                + "' id='" + SHA1 + "' height='1' width='1' type='image/png'/></metadata>", null);
        return lab.raw().authenticate(bobAccount).bind();
    }

    @Spec(document = "XEP-0084", version = VERSION, section = "3.4", level = SHOULD,
          requirement = "a contact retrieving the avatar data item by its id (the SHA-1 the metadata names) gets the"
                  + " image as published")
    @Test
    void contactRetrievesAvatarDataById(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = avatarAndContact(lab, alice);

        String id = bob.newId("avatar-data");
        XmlElement reply = bob.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(alice.jid().toString()) + "'><pubsub xmlns='"
                + PepNodes.PUBSUB + "'><items node='" + DATA + "'><item id='" + SHA1 + "'/></items></pubsub></iq>", id);

        assertTrue(Stanzas.hasType(reply, "result"), "a contact's request for the avatar data was answered with " + Stanzas.describe(reply));
        XmlElement item = PepNodes.item(PepNodes.itemsOf(reply), SHA1).orElseThrow(() -> new AssertionError("no item " + SHA1 + ": " + reply.toXml()));
        String data = item.childText("data", DATA).orElse("").replaceAll("\\s+", "");
        assertArrayEquals(PNG, Base64.getMimeDecoder().decode(data), "the avatar data served is not the image published");
    }

    @Spec(document = "XEP-0084", version = VERSION, section = "3.4", level = SHOULD,
          requirement = "a contact reading the metadata node gets the current metadata, whose info names the published"
                  + " image by its SHA-1")
    @Test
    void contactRetrievesCurrentMetadata(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = avatarAndContact(lab, alice);

        XmlElement reply = PepNodes.items(bob, alice.jid().toString(), METADATA);

        List<XmlElement> items = PepNodes.itemsOf(reply);
        assertTrue(items.stream().flatMap(i -> i.child("metadata", METADATA).stream()).flatMap(m -> m.children("info", METADATA).stream())
                .anyMatch(info -> SHA1.equals(info.attribute("id").orElse(null))), "the metadata a contact reads does not name " + SHA1 + ": " + reply.toXml());
    }

    @Spec(document = "XEP-0084", version = VERSION, section = "6.1", level = MUST,
          requirement = "a disco#items request to the bare JID of a user who publishes an avatar lists the avatar nodes")
    @Test
    void itemsOfThePublisherListTheAvatarNodes(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = avatarAndContact(lab, alice);

        String id = bob.newId("items");
        XmlElement reply = bob.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(alice.jid().toString())
                + "'><query xmlns='" + DISCO_ITEMS + "'/></iq>", id);

        assertTrue(Stanzas.hasType(reply, "result"), "disco#items of the publisher was answered with " + Stanzas.describe(reply));
        List<String> nodes = reply.child("query", DISCO_ITEMS).map(q -> q.children("item", DISCO_ITEMS).stream()
                .map(i -> i.attribute("node").orElse("")).toList()).orElse(List.of());
        assertTrue(nodes.contains(DATA) && nodes.contains(METADATA), "disco#items of the publisher lists the nodes " + nodes
                + ", not both avatar nodes: " + reply.toXml());
    }
}
