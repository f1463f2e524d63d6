package org.stanzalab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.report.html.HtmlReportTest.run;
import static org.stanzalab.report.html.HtmlReportTest.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;

class MatrixReportTest {
    private final RunResult prosody = run("prosody.test", "2026-11-21T10:00:00Z",
            test("rfc6120.A.same", "RFC 6120", Outcome.PASSED, null),
            test("rfc6120.A.differs", "RFC 6120", Outcome.FAILED, "got <bad-request/>"),
            test("rfc6121.B.onlyHere", "RFC 6121", Outcome.PASSED, null));
    private final RunResult ejabberd = run("ejabberd.test", "2026-11-21T11:00:00Z",
            test("rfc6120.A.same", "RFC 6120", Outcome.PASSED, null),
            test("rfc6120.A.differs", "RFC 6120", Outcome.PASSED, null));

    private String write(List<RunResult> runs, Path dir) throws Exception {
        Path file = dir.resolve("matrix.html");
        MatrixReport.write(runs, file);
        return Files.readString(file);
    }

    @Test
    void marksTheRowsWhereRunsDifferAndShowsOnlyThemByDefault(@TempDir Path dir) throws Exception {
        String html = write(List.of(prosody, ejabberd), dir);
        assertTrue(html.contains("<tr class=\"same\"><th scope=\"row\"><code>rfc6120.A.same</code>"));
        assertTrue(html.contains("<tr class=\"differ\"><th scope=\"row\"><code>rfc6120.A.differs</code>"));
        assertTrue(html.contains("<tr class=\"differ\"><th scope=\"row\"><code>rfc6121.B.onlyHere</code>"), "absent counts as different");
        assertTrue(html.contains("<input type=\"checkbox\" id=\"only-diff\" checked>"));
        assertTrue(html.contains("<strong>2</strong> of 3 tests differ"));
        assertTrue(html.contains("title=\"got &lt;bad-request/&gt;\""), "the reason is the cell's escaped tooltip");
        assertTrue(html.contains(">absent<"));
        HtmlReportTest.assertSelfContained(html);
    }

    @Test
    void hasAColumnPerRunWithTotals(@TempDir Path dir) throws Exception {
        String html = write(List.of(prosody, ejabberd), dir);
        assertTrue(html.contains("<th scope=\"col\" class=\"cell\">prosody.test</th><th scope=\"col\" class=\"cell\">ejabberd.test</th>"));
        assertTrue(html.contains("<tfoot>"));
        assertTrue(html.contains("<th scope=\"row\" colspan=\"2\">failed</th><td class=\"cell\"><span class=\"b b-failed\">1</span></td>"
                + "<td class=\"cell\"><span class=\"b b-failed\">0</span></td>"));
    }

    @Test
    void labelsRunsOfTheSameDomainWithTheirDate() {
        RunResult later = run("prosody.test", "2026-11-22T09:00:00Z", test("rfc6120.A.same", "RFC 6120", Outcome.PASSED, null));
        assertEquals(List.of("prosody.test 2026-11-21", "ejabberd.test", "prosody.test 2026-11-22"),
                MatrixReport.labels(List.of(prosody, ejabberd, later)));
        RunResult sameDay = run("prosody.test", "2026-11-21T12:00:00Z", test("rfc6120.A.same", "RFC 6120", Outcome.PASSED, null));
        assertEquals(List.of("prosody.test 2026-11-21 10:00:00 UTC", "prosody.test 2026-11-21 12:00:00 UTC"),
                MatrixReport.labels(List.of(prosody, sameDay)));
    }

    @Test
    void aSingleRunHasTheToggleOff(@TempDir Path dir) throws Exception {
        String html = write(List.of(prosody), dir);
        assertTrue(html.contains("<input type=\"checkbox\" id=\"only-diff\">"));
    }
}
