package org.stanzalab.suites.xep0402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0402 PEP Native Bookmarks, as the server stores them, and its compatibility with XEP-0048 bookmarks in private
 * XML storage (XEP-0049). Bookmarks name rooms that need not exist; they live in fresh accounts and are removed at
 * the end of each test.
 */
@StanzalabTest
@FreshAccounts("the account's bookmarks must be only those this test made")
class NativeBookmarks {
    private static final String VERSION = "1.2.0";
    private static final String NODE = "urn:xmpp:bookmarks:1";
    private static final String COMPAT = NODE + "#compat";
    private static final String LEGACY = "storage:bookmarks";
    private static final String PRIVATE = "jabber:iq:private";

    /** The publish-options the XEP's examples use for the bookmarks node. */
    private static Map<String, String> options() {
        Map<String, String> options = PepNodes.privateOptions();
        options.put("pubsub#max_items", "max");
        options.put("pubsub#send_last_published_item", "never");
        return options;
    }

    private static String room(Lab lab) {
        return "room-" + UUID.randomUUID().toString().substring(0, 8) + "@conference." + lab.domain();
    }

    private static String conference(String name, String nick) {
        return "<conference xmlns='" + NODE + "' name='" + name + "' autojoin='true'><nick>" + nick + "</nick>"
                + "<extensions><state xmlns='urn:stanzalab:test:bookmark-state' minimized='true'/></extensions></conference>";
    }

    /**
     * Adds a bookmark as set-up. A server that refuses the XEP's own publish-options cannot hold bookmarks the XEP's
     * way at all, so the test is impossible (addedBookmarkIsStoredWhole fails on it).
     */
    private static void bookmarked(Lab lab, RawSession session, String room, String conference) {
        PepNodes.deletedAtEnd(lab, session, NODE);
        XmlElement reply = PepNodes.publish(session, NODE, room, conference, options());
        lab.requireThat(Stanzas.hasType(reply, "result"), "the server does not take a bookmark published with the XEP's"
                + " publish-options (see addedBookmarkIsStoredWhole): " + Stanzas.describe(reply));
    }

    private static RawSession login(Lab lab, User user) {
        return lab.raw().authenticate(user).bind();
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "3.3", level = MUST,
          requirement = "adding a bookmark (a publish with publish-options to the bookmarks node, the room as item id) is"
                  + " accepted, and the item comes back with its name, nick and extensions")
    @Test
    void addedBookmarkIsStoredWhole(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String room = room(lab);
        PepNodes.deletedAtEnd(lab, alice, NODE);

        XmlElement reply = PepNodes.publish(alice, NODE, room, conference("The Play", "Hamlet"), options());

        assertTrue(Stanzas.hasType(reply, "result"), "adding a bookmark was answered with " + Stanzas.describe(reply));
        XmlElement item = PepNodes.item(PepNodes.itemsOf(PepNodes.items(alice, null, NODE)), room)
                .orElseThrow(() -> new AssertionError("the bookmark " + room + " is not in the node"));
        XmlElement conference = item.child("conference", NODE).orElseThrow(() -> new AssertionError("the item has no conference: " + item.toXml()));
        assertEquals("The Play", conference.attribute("name").orElse(null), "name: " + item.toXml());
        assertEquals("Hamlet", conference.childText("nick", NODE).map(String::trim).orElse(null), "nick: " + item.toXml());
        assertTrue(conference.child("extensions", NODE).map(e -> e.hasChild("state", "urn:stanzalab:test:bookmark-state")).orElse(false),
                "the unknown element in <extensions/> was lost: " + item.toXml());
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "3.4", level = MUST,
          requirement = "editing a bookmark (publishing the same item id again, with publish-options) replaces it")
    @Test
    void editedBookmarkReplacesTheOldOne(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String room = room(lab);
        bookmarked(lab, alice, room, conference("The Orcard", "Hamlet"));

        XmlElement reply = PepNodes.publish(alice, NODE, room, conference("The Orchard", "Hamlet"), options());

        assertTrue(Stanzas.hasType(reply, "result"), "editing a bookmark was answered with " + Stanzas.describe(reply));
        List<XmlElement> items = PepNodes.itemsOf(PepNodes.items(alice, null, NODE));
        assertEquals(1, items.stream().filter(i -> room.equals(i.attribute("id").orElse(null))).count(), "items for " + room + ": " + items);
        assertEquals("The Orchard", PepNodes.item(items, room).flatMap(i -> i.child("conference", NODE)).flatMap(c -> c.attribute("name")).orElse(null),
                "name after the edit: " + items);
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "3.5", level = MUST,
          requirement = "removing a bookmark (retracting its item, which needs delete-items support) takes it out of the node")
    @Test
    void retractedBookmarkIsGone(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String room = room(lab);
        String other = room(lab);
        bookmarked(lab, alice, room, conference("To go", "Hamlet"));
        bookmarked(lab, alice, other, conference("To stay", "Hamlet"));

        XmlElement reply = PepNodes.retract(alice, NODE, room);

        assertTrue(Stanzas.hasType(reply, "result"), "removing a bookmark was answered with " + Stanzas.describe(reply));
        List<XmlElement> items = PepNodes.itemsOf(PepNodes.items(alice, null, NODE));
        assertTrue(PepNodes.item(items, room).isEmpty(), "the retracted bookmark is still there: " + items);
        assertTrue(PepNodes.item(items, other).isPresent(), "retracting one bookmark removed another: " + items);
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "5.1", level = MUST,
          requirement = "bookmarks are stored as XEP-0223 private data: another user cannot read them")
    @Test
    void bookmarksAreNotReadableByOthers(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = login(lab, aliceAccount);
        bookmarked(lab, alice, room(lab), conference("Secret room", "Hamlet"));
        RawSession bob = login(lab, lab.newUser());

        XmlElement reply = PepNodes.items(bob, aliceAccount.jid().toString(), NODE);

        if (Stanzas.hasType(reply, "result") && !PepNodes.itemsOf(reply).isEmpty()) {
            fail("another user read the bookmarks: " + reply.toXml());
        }
    }

    // ---- §5.3 compatibility with XEP-0048 in private XML storage ----

    private static XmlElement legacyBookmarks(RawSession session) {
        String id = session.newId("legacy-get");
        return session.request("<iq type='get' id='" + id + "'><query xmlns='" + PRIVATE + "'><storage xmlns='" + LEGACY
                + "'/></query></iq>", id);
    }

    private static Optional<XmlElement> legacyConference(XmlElement reply, String room) {
        return reply.child("query", PRIVATE).flatMap(q -> q.child("storage", LEGACY))
                .flatMap(s -> s.children("conference", LEGACY).stream().filter(c -> room.equals(c.attribute("jid").orElse(null))).findFirst());
    }

    private static XmlElement storeLegacy(RawSession session, String room, String name) {
        String id = session.newId("legacy-set");
        return session.request("<iq type='set' id='" + id + "'><query xmlns='" + PRIVATE + "'><storage xmlns='" + LEGACY
                + "'><conference jid='" + room + "' name='" + name + "' autojoin='false'><nick>Hamlet</nick></conference>"
                + "</storage></query></iq>", id);
    }

    private static void requireCompat(Lab lab, RawSession session) {
        lab.requireThat(PepNodes.hasFeature(PepNodes.info(session, null), COMPAT),
                "the account does not announce " + COMPAT + ", so the server does not unify the two kinds of bookmarks");
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "5.3.1", level = MAY,
          requirement = "a server that unifies bookmarks shows a bookmark added natively in the legacy storage:bookmarks"
                  + " private data, with the item id as its jid")
    @Test
    void nativeBookmarkAppearsInLegacyStorage(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        requireCompat(lab, alice);
        String room = room(lab);
        bookmarked(lab, alice, room, conference("Both ways", "Hamlet"));

        XmlElement reply = legacyBookmarks(alice);

        XmlElement conference = legacyConference(reply, room).orElseThrow(() -> new AssertionError(
                "the native bookmark " + room + " is not in storage:bookmarks: " + reply.toXml()));
        assertEquals("Both ways", conference.attribute("name").orElse(null), "name in the legacy storage: " + conference.toXml());
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "5.3.2", level = MAY,
          requirement = "a server that unifies bookmarks turns a legacy storage:bookmarks list stored in private XML into"
                  + " items of the native bookmarks node")
    @Test
    void legacyBookmarkAppearsAsNativeItem(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        requireCompat(lab, alice);
        String room = room(lab);
        PepNodes.deletedAtEnd(lab, alice, NODE);
        lab.setUp("storing a legacy bookmark", () -> {
            XmlElement stored = storeLegacy(alice, room, "Old style");
            assertTrue(Stanzas.hasType(stored, "result"), "the legacy bookmark was not stored: " + stored.toXml());
        });

        List<XmlElement> items = PepNodes.itemsOf(PepNodes.items(alice, null, NODE));

        XmlElement item = PepNodes.item(items, room).orElseThrow(() -> new AssertionError("the legacy bookmark " + room
                + " is not an item of " + NODE + ": " + items));
        assertEquals("Old style", item.child("conference", NODE).flatMap(c -> c.attribute("name")).orElse(null), "name: " + item.toXml());
    }

    @Spec(document = "XEP-0402", version = VERSION, section = "5.3", level = SHOULD,
          requirement = "a server that does unify private XML bookmarks with native ones announces the #compat feature on"
                  + " the account")
    @Test
    void unifyingServerAnnouncesCompat(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        String room = room(lab);
        PepNodes.deletedAtEnd(lab, alice, NODE);
        XmlElement stored = storeLegacy(alice, room, "Old style");
        lab.requireThat(Stanzas.hasType(stored, "result"), "the server does not store legacy bookmarks: " + stored.toXml());
        XmlElement native_ = PepNodes.items(alice, null, NODE);
        lab.requireThat(Stanzas.hasType(native_, "result") && PepNodes.item(PepNodes.itemsOf(native_), room).isPresent(),
                "the server does not unify the legacy bookmark into native ones, so it need not announce " + COMPAT);

        XmlElement info = PepNodes.info(alice, null);

        assertTrue(PepNodes.hasFeature(info, COMPAT), "the server unifies bookmarks but the account's disco#info lacks " + COMPAT + ": " + info.toXml());
    }
}
