package org.stanzalab.report.badge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.report.compare.TestRuns;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

class BadgeTest {

    @Test
    void runBadgeCountsPassedTestsAndIsRedWhenAnyFailed() {
        Badge failing = Badge.forRun(TestRuns.run("a=passed", "b=failed:x", "c=impossible:y"));
        assertEquals("stanzalab", failing.label());
        assertEquals("1/3 passed", failing.message());
        assertEquals(Badge.RED, failing.color());
        assertEquals(Badge.GREEN, Badge.forRun(TestRuns.run("a=passed", "c=impossible:y")).color());
        assertEquals(Badge.GREY_YELLOW, Badge.forRun(TestRuns.run("a=passed", "c=error:y")).color());
        assertEquals("no tests", Badge.forRun(TestRuns.run()).message());
    }

    @Test
    void profileBadgeShowsTheVerdictWord() {
        Badge badge = Badge.forProfile(profile("xep0479-im-core", RowOutcome.UNDECIDED));
        assertEquals("xep0479-im-core", badge.label());
        assertEquals("undecided", badge.message());
        assertEquals(Badge.GREY_YELLOW, badge.color());
        assertEquals(Badge.GREEN, Badge.forProfile(profile("p", RowOutcome.PASSED)).color());
        assertEquals(Badge.RED, Badge.forProfile(profile("p", RowOutcome.FAILED)).color());
    }

    @Test
    void svgIsWellFormedSelfContainedAndTitled() throws Exception {
        Badge badge = new Badge("a & <b>", "\"quoted\" 'x'", Badge.RED);
        String svg = badge.svg();
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        Element root = doc.getDocumentElement();
        assertEquals("svg", root.getTagName());
        assertEquals("img", root.getAttribute("role"));
        assertEquals("a & <b>: \"quoted\" 'x'", doc.getElementsByTagName("title").item(0).getTextContent());
        assertEquals(String.valueOf((long) badge.width()), root.getAttribute("width"));
        assertFalse(svg.contains("href"), "no links or external images");
        assertFalse(svg.contains("@import") || svg.contains("@font-face"), "no external fonts");
        assertEquals(1, svg.split("http", -1).length - 1, "the SVG namespace is the only URI");
    }

    @Test
    void widthGrowsWithTheTextAndLeavesRoomForIt() {
        Badge shorter = new Badge("stanzalab", "8/9 passed", Badge.GREEN);
        Badge longer = new Badge("stanzalab", "826/898 passed", Badge.GREEN);
        assertTrue(longer.width() > shorter.width());
        assertTrue(new Badge("WWWW", "x", Badge.GREEN).labelWidth() > new Badge("iiii", "x", Badge.GREEN).labelWidth(),
                "wide letters get more room than narrow ones");
        assertTrue(longer.messageWidth() >= TextWidth.of("826/898 passed") + 10);
        assertTrue(TextWidth.of("€✓") > 0, "characters outside the table still count");
    }

    @Test
    void xmlEscapingDropsCharactersXmlCannotCarry() {
        assertEquals("a&amp;b&lt;c&gt;&quot;&apos;d", Badge.xml("a&b<c>\"'d\u0000"));
    }

    private static ProfileVerdict profile(String id, RowOutcome verdict) {
        return new ProfileVerdict(id, "title", "source", verdict, List.of());
    }
}
