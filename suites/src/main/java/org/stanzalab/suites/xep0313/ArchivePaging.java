package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.jivesoftware.smack.packet.StanzaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0313.Archive.Page;

/** XEP-0313 §4.3 with XEP-0059: paging through an archive with RSM. Each test's archive holds five messages. */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class ArchivePaging {

    /** Five messages between alice and bob, and the archive read whole once (set-up), for its ids. */
    private record Five(Session alice, List<String> bodies, List<String> ids) {
    }

    private static Five five(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 5, "page");
        Page all = lab.setUp("reading the five messages back", () -> {
            Page p = Archive.runOk(alice, Archive.query());
            assertEquals(bodies, p.bodies(), "the whole archive: " + p.describe());
            return p;
        });
        return new Five(alice, bodies, all.ids());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.1", level = MUST,
          requirement = "an RSM max limits a page to at most that many results, the oldest first")
    @Test
    void maxLimitsThePage(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(2));

        assertFalse(page.results.isEmpty(), "max=2 brought no result at all: " + page.describe());
        assertTrue(page.results.size() <= 2, "max=2 brought " + page.results.size() + " results: " + page.describe());
        assertEquals(five.bodies.subList(0, page.results.size()), page.bodies(), "the first page holds the oldest messages: " + page.describe());
    }

    @Spec(document = "XEP-0059", version = "1.0", section = "2.2", level = MUST,
          requirement = "a page requested with RSM after an id begins with the item right after that id")
    @Test
    void afterReturnsTheNextItems(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(2).after(five.ids.get(1)));

        assertFalse(page.results.isEmpty(), "the page after the second message is empty: " + page.describe());
        assertEquals(five.bodies.subList(2, 2 + page.results.size()), page.bodies(), "the page after the second message: " + page.describe());
    }

    @Spec(document = "XEP-0059", version = "1.0", section = "2.3", level = MUST,
          requirement = "a page requested with RSM before an id ends with the item right before that id")
    @Test
    void beforeReturnsThePreviousItems(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(2).before(five.ids.get(3)));

        assertEquals(five.bodies.subList(1, 3), page.bodies(), "the two messages before the fourth, oldest first: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.1", level = MUST,
          requirement = "an empty RSM before asks for the last page: the most recent messages, oldest first")
    @Test
    void emptyBeforeReturnsTheLastPage(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(2).lastPage());

        assertEquals(five.bodies.subList(3, 5), page.bodies(), "the last page of two: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = MUST,
          requirement = "paging forward with RSM after the last id of each page returns every message once, in chronological order")
    @Test
    void pagingForwardReturnsTheWholeArchiveInOrder(Lab lab) {
        Five five = five(lab);

        List<String> seen = new ArrayList<>();
        String after = null;
        Page page;
        int pages = 0;
        do {
            Archive.Query query = Archive.query().max(2);
            if (after != null) {
                query.after(after);
            }
            page = Archive.runOk(five.alice, query);
            seen.addAll(page.bodies());
            after = page.rsmText("last");
            pages++;
        } while (!page.isComplete() && after != null && !page.results.isEmpty() && pages < 6);

        assertEquals(five.bodies, seen, "the messages of all pages together, after " + pages + " page(s); the last: " + page.describe());
        assertTrue(page.isComplete(), "the last page must say complete='true': " + page.describe());
    }

    @Spec(document = "XEP-0059", version = "1.0", section = "2.2", level = MUST,
          requirement = "a page without items (max 0) carries no first and last elements")
    @Test
    void emptyPageHasNoFirstOrLast(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(0));

        assertEquals(List.of(), page.bodies(), "max=0 must bring no result: " + page.describe());
        assertFalse(page.hasRsm("first") || page.hasRsm("last"), "an empty page must not name a first or last item: " + page.describe());
    }

    @Spec(document = "XEP-0059", version = "1.0", section = "2.2", level = SHOULD,
          requirement = "a page states the number of items in the whole result set in an RSM count")
    @Test
    void pageGivesTheCount(Lab lab) {
        Five five = five(lab);

        Page page = Archive.runOk(five.alice, Archive.query().max(2));

        String count = page.rsmText("count");
        assertNotNull(count, "the RSM set has no <count/>: " + page.describe());
        // The count may be approximate (XEP-0059 §2.2); an exact one is noted, any integer passes.
        assertTrue(count.strip().matches("\\d+"), "the count is no number: " + count);
        lab.transcript().note("count", "count " + count.strip() + " for an archive of " + five.bodies.size() + " messages");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.2", level = MUST,
          requirement = "paging backward from the last page with RSM before returns every message once, each page in chronological order")
    @Test
    void pagingBackwardReturnsTheWholeArchive(Lab lab) {
        Five five = five(lab);

        List<String> seen = new ArrayList<>();
        Page page = Archive.runOk(five.alice, Archive.query().max(2).lastPage());
        seen.addAll(0, page.bodies());
        int pages = 1;
        while (!page.results.isEmpty() && page.rsmText("first") != null && seen.size() < 5 && pages < 6) {
            page = Archive.runOk(five.alice, Archive.query().max(2).before(page.rsmText("first")));
            seen.addAll(0, page.bodies());
            pages++;
        }

        assertEquals(five.bodies, seen, "the pages read backwards and put together, after " + pages + " page(s)");
        assertEquals(5, new HashSet<>(seen).size(), "no message twice: " + seen);
    }

    /** The RSM element naming an id the archive does not have. */
    enum Anchor { after, before }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.2", level = MUST,
          requirement = "an RSM after or before naming an id that is not in the archive is refused with item-not-found")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Anchor.class)
    void unknownRsmIdIsItemNotFound(Anchor anchor, Lab lab) {
        Five five = five(lab);
        String unknown = "no-such-id-" + Archive.body("x").substring(2);

        Archive.Query query = Archive.query().max(2);
        Page page = Archive.run(five.alice, anchor == Anchor.after ? query.after(unknown) : query.before(unknown));

        assertTrue(page.isError(), "a query with <" + anchor + ">" + unknown + "</" + anchor + "> must be refused: " + page.describe());
        assertEquals(StanzaError.Condition.item_not_found, page.condition(), "condition: " + page.describeError());
    }
}
