package org.stanzalab.report.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Direction;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TargetInfo;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;

class HtmlReportTest {
    static final Pattern SRC_OR_HREF = Pattern.compile("(?i)\\b(src|href)\\s*=\\s*[\"']?([^\"'\\s>]*)");

    static TestResult test(String id, String document, Outcome outcome, String reason) {
        SpecRef spec = new SpecRef(document, "", "8.4", Level.MUST, "unknown payloads get service-unavailable");
        List<TranscriptEntry> transcript = List.of(
                new TranscriptEntry(3, "alice#1", Direction.SENT, "<message to='bob@example.test'><body>hi & bye</body></message>"),
                new TranscriptEntry(9, "alice#1", Direction.RECEIVED, "<iq type='error' id='x'><error type='cancel'/></iq>"));
        return new TestResult(id, id, spec, outcome, 12, reason, transcript);
    }

    static RunResult run(String domain, String startedAt, TestResult... tests) {
        List<TestResult> list = List.of(tests);
        return new RunResult(RunResult.SCHEMA, "stanzalab", startedAt, new TargetInfo(domain, "127.0.0.1", 5222, "starttls", "CA file ca.crt"), null,
                Summary.of(list, 1.5), List.of("the server went away once"), List.of(), list);
    }

    static final RunResult RUN = run("example.test", "2026-11-21T00:00:00Z",
            test("rfc6120.Iq.unknownPayload", "RFC 6120", Outcome.FAILED, "got <bad-request/> & more"),
            test("rfc6120.Iq.other", "RFC 6120", Outcome.PASSED, null),
            test("xep0199.Ping.answers", "XEP-0199", Outcome.ERROR, "connection reset"),
            test("rfc6121.Roster.get", "RFC 6121", Outcome.IMPOSSIBLE, "the server does not offer roster versioning (offered: [])"),
            test("rfc6120.Scram.sha256", "RFC 5802", Outcome.PASSED, null));

    static String write(RunResult run, Path dir) throws Exception {
        Path file = dir.resolve("report.html");
        HtmlReport.write(run, file);
        return Files.readString(file);
    }

    static void assertSelfContained(String html) {
        Matcher m = SRC_OR_HREF.matcher(html);
        while (m.find()) {
            assertFalse(m.group(2).matches("(?i)(https?:)?//.*"), "external reference: " + m.group());
        }
        assertFalse(html.contains("<link"), "no linked style sheets");
        assertFalse(html.matches("(?s).*<script[^>]+src.*"), "no external scripts");
        assertFalse(html.contains("@import"), "no imported styles");
    }

    @Test
    void isOneFileWithoutExternalReferences(@TempDir Path dir) throws Exception {
        assertSelfContained(write(RUN, dir));
    }

    @Test
    void transcriptXmlIsEscaped(@TempDir Path dir) throws Exception {
        String html = write(RUN, dir);
        assertTrue(html.contains("&lt;message to=&#39;bob@example.test&#39;&gt;&lt;body&gt;hi &amp; bye&lt;/body&gt;&lt;/message&gt;"));
        assertFalse(html.contains("<message"), "a transcript's element must not become markup");
        assertFalse(html.contains("<bad-request"), "nor a reason's");
    }

    @Test
    void hasOverallVerdictCountsAndTarget(@TempDir Path dir) throws Exception {
        String html = write(RUN, dir);
        assertTrue(html.contains("id=\"overall\"><strong>FAILED</strong> 1 of 5 tests failed, 1 ended in error, 1 could not decide."));
        assertTrue(html.contains("example.test") && html.contains("127.0.0.1:5222") && html.contains("CA file ca.crt"));
        assertTrue(html.contains("2026-11-21 00:00:00 UTC"));
        assertTrue(html.contains("the server went away once"), "notices are shown");
    }

    @Test
    void hasOneTablePerSpecificationInReadingOrderAndTheFilters(@TempDir Path dir) throws Exception {
        String html = write(RUN, dir);
        int rfc6120 = html.indexOf("data-spec=\"RFC 6120\"");
        int rfc5802 = html.indexOf("data-spec=\"RFC 5802\"");
        int rfc6121 = html.indexOf("data-spec=\"RFC 6121\"");
        int xep0199 = html.indexOf("data-spec=\"XEP-0199\"");
        assertTrue(rfc6120 > 0 && rfc6120 < rfc5802 && rfc5802 < rfc6121 && rfc6121 < xep0199,
                "RFC 6120 (with the RFC 5802 its suite cites), RFC 6121, XEP-0199");
        assertEquals(4, html.split("<table class=\"tests\"").length - 1);
        for (String word : new String[] {"passed", "failed", "impossible", "error"}) {
            assertTrue(html.contains("name=\"outcome\" value=\"" + word + "\""), "checkbox " + word);
        }
        assertTrue(html.contains("<select id=\"f-spec\">"));
        assertTrue(html.contains("<input type=\"search\" id=\"f-text\""));
        assertTrue(html.contains("id=\"f-count\""));
    }

    @Test
    void nonPassingTestsOpenToRequirementReasonHintAndTranscriptPassedOnesCarryNoTranscript(@TempDir Path dir) throws Exception {
        String html = write(RUN, dir);
        assertEquals(3, html.split("<details class=\"test\"").length - 1, "one per non-passing test");
        assertEquals(3, html.split("<ol class=\"transcript\">").length - 1, "no transcript for passed tests");
        assertTrue(html.contains("aria-expanded=\"false\""));
        assertTrue(html.contains("Change the server so that unknown payloads get service-unavailable."), "failure hint");
        assertTrue(html.contains("the server does not offer roster versioning, which this test needs"), "impossible hint names the feature");
        assertTrue(html.contains("An error is no verdict on the server"), "error hint");
        assertTrue(html.contains("Passed tests are listed without transcripts"));
    }

    @Test
    void aSecurityRelevantFailureIsListedApartAndBadgedOnlyWhenItFailed(@TempDir Path dir) throws Exception {
        SpecRef authzid = new SpecRef("RFC 6120", "", "6.5.6", Level.MUST, "another user's authzid is refused");
        TestResult failed = new TestResult("rfc6120.Sasl.authzid", "authzid", authzid, Outcome.FAILED, 3, "bound <bob>", List.of(), true);
        TestResult passed = new TestResult("rfc6120.Sasl.wrongPassword", "wrongPassword", authzid, Outcome.PASSED, 3, null, List.of(), true);
        String html = write(run("example.test", "2026-11-21T00:00:00Z", passed, failed), dir);

        int section = html.indexOf("<section class=\"security\"");
        assertTrue(section > 0 && section < html.indexOf("<main>"), "the security section comes before the tables");
        assertTrue(html.contains("Security-relevant failures (1)</h2>"));
        assertTrue(html.contains("<a class=\"test-link\" href=\"#test-1\"><code>rfc6120.Sasl.authzid</code></a> RFC 6120 §6.5.6 (MUST)"));
        assertEquals(4, html.split("<span class=\"b b-security\">").length - 1,
                "section heading, its problem, the failed row and its details");
        assertFalse(html.substring(html.indexOf("data-id=\"rfc6120.Sasl.wrongPassword\"")).split("</tr>")[0].contains("b-security"),
                "a passed security-relevant test carries no badge");
        assertSelfContained(html);
    }

    @Test
    void aRunWithoutSecurityFailuresHasNoSecuritySection(@TempDir Path dir) throws Exception {
        assertFalse(write(RUN, dir).contains("class=\"security\""));
    }

    @Test
    void profileRowsLinkToTheDecidingTests(@TempDir Path dir) throws Exception {
        ProfileVerdict profile = new ProfileVerdict("xep0479-im-core", "IM Core", "XEP-0479", RowOutcome.FAILED, List.of(
                new ProfileVerdict.RowVerdict("core", "Core", List.of("RFC 6120"), RowOutcome.FAILED,
                        List.of("rfc6120.Iq.unknownPayload"), "IQ semantics <broken>")));
        String html = write(RUN.withProfiles(List.of(profile)), dir);
        assertTrue(html.contains("xep0479-im-core"));
        assertTrue(html.contains("<a class=\"test-link\" href=\"#test-0\"><code>rfc6120.Iq.unknownPayload</code></a>"));
        assertTrue(html.contains("id=\"test-0\""), "the link's target exists");
        assertTrue(html.contains("IQ semantics &lt;broken&gt;"));
    }

    @Test
    void hintsNameTheMissingFeature() {
        assertEquals("SCRAM-SHA-256", Hints.missingFeature("the server does not offer SCRAM-SHA-256 (offered: [PLAIN])"));
        assertEquals("subscription pre-approval",
                Hints.missingFeature("the stream features do not offer subscription pre-approval (<sub/>, RFC 6121 §3.4)"));
        assertEquals(null, Hints.missingFeature("something else entirely"));
    }

    @Test
    void transportSecurityShowsEachPortsGradeWithItsCapsAndDeductions(@TempDir Path dir) throws Exception {
        org.stanzalab.model.Grade grade = org.stanzalab.model.Grade.of(
                List.of(new org.stanzalab.model.Grade.Deduction(6, "protocol support: the oldest version is TLSv1.0")),
                List.of(new org.stanzalab.model.Grade.Cap(org.stanzalab.model.Grade.Letter.B, "TLS 1.0 or 1.1 is accepted")));
        org.stanzalab.model.PortPosture port = new org.stanzalab.model.PortPosture("prosody", "s2s", "127.0.0.1:5269",
                "STARTTLS (jabber:server)", null, List.of(new org.stanzalab.model.PortPosture.ProtocolSupport("TLSv1.0", true,
                        List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), null, null)), null, grade);
        RunResult withPorts = new RunResult(RUN.schema(), RUN.tool(), RUN.startedAt(), RUN.target(), RUN.servers(), RUN.summary(),
                RUN.notices(), RUN.profiles(), RUN.tests(), null, null, List.of(), List.of(port));

        String html = write(withPorts, dir);

        assertTrue(html.contains("Transport security"));
        assertTrue(html.contains("grade-B"), "the letter is shown");
        assertTrue(html.contains("TLS 1.0 or 1.1 is accepted"), "every cap is explained");
        assertTrue(html.contains("protocol support: the oldest version is TLSv1.0"), "every deduction is explained");
        assertSelfContained(html);
        assertFalse(write(RUN, dir).contains("Transport security"), "a run without scans has no such section");
    }

    @Test
    void aFederatedRunShowsEachDirection(@TempDir Path dir) throws Exception {
        String html = write(MatrixReportTest.federated(), dir);
        assertTrue(html.contains("<h2 id=\"ways-h\">Across the federation</h2>"), html);
        assertTrue(html.contains("<tr data-way=\"prosody.test -&gt; ejabberd.test\"><th scope=\"row\">prosody.test -&gt; ejabberd.test</th><td>2</td>"),
                "first-to-second is the first server's users starting");
        assertTrue(html.contains("<tr data-way=\"ejabberd.test -&gt; prosody.test\"><th scope=\"row\">ejabberd.test -&gt; prosody.test</th><td>2</td>"));
        assertTrue(html.contains("<code>federation.rfc6120.C.message[second-to-first]</code></a> <span class=\"b b-failed\">failed</span>"),
                "the failure is listed under its direction");
        assertTrue(html.contains("data-id=\"federation.rfc6120.C.iq[first-to-second]\" data-way=\"prosody.test -&gt; ejabberd.test\""));
        assertTrue(html.contains("<span class=\"way\">ejabberd.test -&gt; prosody.test</span>"), "each row is labelled");
        assertTrue(html.contains("<p class=\"way\">Direction: ejabberd.test -&gt; prosody.test</p>"), "and each detail");
        assertFalse(write(RUN, dir).contains("Across the federation"), "not in a run without cross-domain tests");
    }
}
