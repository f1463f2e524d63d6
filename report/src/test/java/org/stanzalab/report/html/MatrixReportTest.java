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

    /** A run over prosody.test and ejabberd.test: two cross-domain tests in both directions, and one of the primary. */
    static RunResult federated() {
        List<org.stanzalab.model.TestResult> tests = List.of(
                test("federation.rfc6120.C.message[first-to-second]", "RFC 6120", Outcome.PASSED, null),
                test("federation.rfc6120.C.message[second-to-first]", "RFC 6120", Outcome.FAILED, "no message within 10 s; remote-server-not-found"),
                test("federation.rfc6120.C.iq[first-to-second]", "RFC 6120", Outcome.PASSED, null),
                test("federation.rfc6120.C.iq[second-to-first]", "RFC 6120", Outcome.PASSED, null),
                test("rfc6120.A.same", "RFC 6120", Outcome.PASSED, null));
        return new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T12:00:00Z",
                new org.stanzalab.model.TargetInfo("prosody", "prosody.test", "127.0.0.1", 5222, "starttls", "ca"),
                List.of(new org.stanzalab.model.TargetInfo("prosody", "prosody.test", "127.0.0.1", 5222, "starttls", "ca"),
                        new org.stanzalab.model.TargetInfo("ejabberd", "ejabberd.test", "127.0.0.2", 5222, "starttls", "ca")),
                org.stanzalab.model.Summary.of(tests, 2), List.of(), List.of(), tests);
    }

    @Test
    void eachDirectionOfAFederatedRunIsAColumnOfItsOwn(@TempDir Path dir) throws Exception {
        String html = write(List.of(federated()), dir);
        assertTrue(html.contains("<th scope=\"col\" class=\"cell\">prosody.test</th>"
                + "<th scope=\"col\" class=\"cell\">prosody.test -&gt; ejabberd.test</th>"
                + "<th scope=\"col\" class=\"cell\">ejabberd.test -&gt; prosody.test</th>"), html);
        assertTrue(html.contains("<tr class=\"differ\"><th scope=\"row\"><code>federation.rfc6120.C.message</code>"),
                "one row per requirement, the directions side by side; they differ");
        assertTrue(html.contains("<tr class=\"same\"><th scope=\"row\"><code>federation.rfc6120.C.iq</code>"),
                "n/a in the primary's column is no difference");
        assertTrue(html.contains("title=\"no message within 10 s; remote-server-not-found\"><span class=\"b b-failed\""));
        assertTrue(html.contains(">n/a<"));
        assertTrue(html.contains("<tr class=\"same\"><th scope=\"row\"><code>rfc6120.A.same</code>"),
                "a test of the primary alone is n/a in the direction columns");
        assertTrue(html.contains("<strong>1</strong> of 3 tests differ between the 3 columns (1 runs)"), html);
    }

    @Test
    void aFederatedRunNextToOneServersRunsKeepsEveryColumn(@TempDir Path dir) throws Exception {
        String html = write(List.of(federated(), prosody, ejabberd), dir);
        assertTrue(html.contains("prosody.test -&gt; ejabberd.test</th><th scope=\"col\" class=\"cell\">ejabberd.test -&gt; prosody.test</th>"
                + "<th scope=\"col\" class=\"cell\">prosody.test 2026-11-21 10:00:00 UTC</th>"), "columns in run order, same-named ones told apart");
        assertTrue(html.contains("<tr class=\"differ\"><th scope=\"row\"><code>federation.rfc6120.C.message</code>"));
    }
}
