package org.stanzalab.suites.xep0402;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.Subscription;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0060.Pubsub;
import org.stanzalab.suites.xep0163.Caps;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0402 bookmarks as other clients of the user learn of them: a client that asks for bookmarks+notify in its
 * entity capabilities (the XEP's §3.1) is told of a bookmark added or removed by another client, and nobody else is.
 */
@StanzalabTest
@FreshAccounts("the account's bookmarks must be only those this test made")
class BookmarkNotifications {
    private static final String NODE = "urn:xmpp:bookmarks:1";

    private static Map<String, String> options() {
        Map<String, String> options = PepNodes.privateOptions();
        options.put("pubsub#max_items", "max");
        options.put("pubsub#send_last_published_item", "never");
        return options;
    }

    private static String room(Lab lab) {
        return "room-" + UUID.randomUUID().toString().substring(0, 8) + "@conference." + lab.domain();
    }

    private static String conference() {
        return "<conference xmlns='" + NODE + "' name='Stanzalab room' autojoin='true'><nick>tester</nick></conference>";
    }

    /** A resource of the user that asks for bookmark notifications. */
    private static RawSession interested(Lab lab, User user) {
        RawSession session = lab.raw().authenticate(user).bind();
        Caps.announce(session, List.of(Caps.notify(NODE)));
        return session;
    }

    private static void add(Lab lab, RawSession session, String room) {
        PepNodes.deletedAtEnd(lab, session, NODE);
        XmlElement reply = PepNodes.publish(session, NODE, room, conference(), options());
        lab.requireThat(Pubsub.isResult(reply), "the server does not take a bookmark published with the XEP's publish-options"
                + " (see NativeBookmarks.addedBookmarkIsStoredWhole): " + Pubsub.describe(reply));
    }

    @Spec(document = "XEP-0163", version = "1.2.2", section = "4.3.3", level = MUST,
          requirement = "a bookmark one client adds is notified to the user's other online client that asks for"
                  + " bookmarks+notify, with the conference payload")
    @Test
    void addedBookmarkIsNotifiedToOtherClients(Lab lab) {
        User alice = lab.newUser();
        RawSession laptop = interested(lab, alice);
        RawSession phone = lab.raw().authenticate(alice).bind();
        phone.available();
        String room = room(lab);

        add(lab, phone, room);

        XmlElement notification = laptop.expect("a bookmarks notification of " + room, Pubsub.itemPublished(NODE, room));
        assertEquals("Stanzalab room", Pubsub.eventItem(notification, room).flatMap(i -> i.child("conference", NODE))
                .flatMap(c -> c.attribute("name")).orElse(null), "the notified bookmark: " + notification.toXml());
    }

    @Spec(document = "XEP-0060", version = "1.30.0", section = "7.2.2.1", level = MUST,
          requirement = "a bookmark one client removes (retract with notify) is notified as a retraction to the user's"
                  + " other client that asks for bookmarks+notify")
    @Test
    void removedBookmarkIsNotifiedToOtherClients(Lab lab) {
        User alice = lab.newUser();
        RawSession laptop = interested(lab, alice);
        RawSession phone = lab.raw().authenticate(alice).bind();
        phone.available();
        String room = room(lab);
        add(lab, phone, room);
        laptop.expect("the notification of the new bookmark", Pubsub.itemPublished(NODE, room));

        lab.setUp("the phone removes the bookmark", () -> {
            XmlElement reply = PepNodes.retract(phone, NODE, room);
            if (!Pubsub.isResult(reply)) {
                throw new AssertionError("the retraction was answered with " + Pubsub.describe(reply));
            }
        });

        laptop.expect("a retract notification of " + room, Pubsub.eventFor(NODE, "items",
                items -> items.children("retract", Pubsub.EVENT).stream().anyMatch(r -> room.equals(r.attribute("id").orElse(null)))));
    }

    @Spec(document = "XEP-0223", version = "1.1.1", section = "2", level = MUST,
          requirement = "bookmarks are private: a contact that asks for bookmarks+notify is not notified of the user's"
                  + " new bookmark")
    @Test
    void contactsAreNotNotifiedOfBookmarks(Lab lab) {
        User aliceAccount = lab.newUser();
        User bobAccount = lab.newUser();
        lab.setUp("alice and bob subscribed to each other's presence", () -> {
            Session a = aliceAccount.connect().available();
            Session b = bobAccount.connect().available();
            Subscription.establish(lab, a, b, true);
            Subscription.establish(lab, b, a, true);
            a.close();
            b.close();
        });
        RawSession alice = lab.raw().authenticate(aliceAccount).bind();
        Caps.announce(alice, List.of());
        RawSession bob = interested(lab, bobAccount);
        String room = room(lab);

        add(lab, alice, room);

        bob.expectNothingFrom(alice, "a notification of alice's private bookmarks", e -> Pubsub.event(e).isPresent());
    }
}
