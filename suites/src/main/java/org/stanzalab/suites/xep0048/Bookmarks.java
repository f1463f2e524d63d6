package org.stanzalab.suites.xep0048;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.suites.xep0223.PepNodes;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0048 Bookmarks as its current version recommends storing them: one storage element in the user's private PEP
 * node storage:bookmarks (XEP-0223). Private XML storage, the older way, is XEP-0049's suite; the conversion to
 * native bookmarks is XEP-0402's.
 */
@StanzalabTest
@FreshAccounts("the account's bookmarks must be only those this test made")
class Bookmarks {
    private static final String VERSION = "1.2";
    private static final String NS = "storage:bookmarks";

    @Spec(document = "XEP-0048", version = VERSION, section = "3", level = SHOULD,
          requirement = "bookmarks published to the private PEP node storage:bookmarks are kept and returned whole on a"
                  + " later retrieve-items")
    @Test
    void pepBookmarksAreKeptAndReturned(Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String room = "room-" + UUID.randomUUID().toString().substring(0, 8) + "@conference." + lab.domain();
        PepNodes.deletedAtEnd(lab, alice, NS);

        XmlElement published = PepNodes.publish(alice, NS, "current", "<storage xmlns='" + NS + "'><conference name='Council of Oberon'"
                + " autojoin='true' jid='" + room + "'><nick>Puck</nick></conference><url name='Stanzalab'"
                + " url='https://stanzalab.example/'/></storage>", PepNodes.privateOptions());

        assertTrue(Stanzas.hasType(published, "result"), "publishing bookmarks to " + NS + " was answered with " + Stanzas.describe(published));
        XmlElement storage = PepNodes.item(PepNodes.itemsOf(PepNodes.items(alice, null, NS)), "current")
                .flatMap(i -> i.child("storage", NS)).orElseThrow(() -> new AssertionError("the bookmarks item is gone"));
        XmlElement conference = storage.child("conference", NS).orElseThrow(() -> new AssertionError("no conference kept: " + storage.toXml()));
        assertEquals(room, conference.attribute("jid").orElse(null), "conference jid: " + storage.toXml());
        assertEquals("Puck", conference.childText("nick", NS).map(String::trim).orElse(null), "nick: " + storage.toXml());
        assertTrue(storage.hasChild("url", NS), "the url bookmark was lost: " + storage.toXml());
    }
}
