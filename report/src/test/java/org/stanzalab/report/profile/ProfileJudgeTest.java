package org.stanzalab.report.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

class ProfileJudgeTest {

    private static TestResult test(String id, String document, Level level, Outcome outcome) {
        return new TestResult(id, id, new SpecRef(document, "", "1", level, "a requirement in words"), outcome, 1,
                outcome == Outcome.PASSED ? null : "why " + id + " did not pass", List.of());
    }

    private static Profile.Row row(String id, List<String> tests) {
        return new Profile.Row(id, "row " + id, List.of("RFC 6120"), tests, null, null);
    }

    @Test
    void aMustFailureFailsTheRowAndNamesTheTest() {
        var verdict = ProfileJudge.judge(row("core", List.of("spec:RFC 6120")), List.of(
                test("rfc6120.A.a", "RFC 6120", Level.MUST, Outcome.PASSED),
                test("rfc6120.A.b", "RFC 6120", Level.MUST, Outcome.FAILED)));
        assertEquals(RowOutcome.FAILED, verdict.verdict());
        assertEquals(List.of("rfc6120.A.b"), verdict.decidedBy());
    }

    @Test
    void shouldFailuresAndImpossibleTestsDoNotFailARowThatOtherwisePassed() {
        var verdict = ProfileJudge.judge(row("core", List.of("rfc6120.*")), List.of(
                test("rfc6120.A.a", "RFC 6120", Level.MUST, Outcome.PASSED),
                test("rfc6120.A.b", "RFC 6120", Level.SHOULD, Outcome.FAILED),
                test("rfc6120.A.c", "RFC 6120", Level.MUST, Outcome.IMPOSSIBLE),
                test("xep0030.B.a", "XEP-0030", Level.MUST, Outcome.FAILED)));
        assertEquals(RowOutcome.PASSED, verdict.verdict());
        assertTrue(verdict.note().contains("1 failed a SHOULD or MAY"), verdict.note());
    }

    @Test
    void aRowOfAlternativesPassesByOneAndFailsOnlyWhenAllFail() {
        var web = new Profile.Row("web", "WebSocket or BOSH", List.of("RFC 7395", "XEP-0206"), List.of(),
                List.of(List.of("spec:RFC 7395"), List.of("spec:XEP-0206")), null, null);
        var oneFails = ProfileJudge.judge(web, List.of(
                test("rfc7395.W.a", "RFC 7395", Level.MUST, Outcome.PASSED),
                test("xep0206.B.a", "XEP-0206", Level.MUST, Outcome.FAILED)));
        assertEquals(RowOutcome.PASSED, oneFails.verdict());
        assertTrue(oneFails.note().startsWith("passes by spec:RFC 7395"), oneFails.note());
        var bothFail = ProfileJudge.judge(web, List.of(
                test("rfc7395.W.a", "RFC 7395", Level.MUST, Outcome.FAILED),
                test("xep0206.B.a", "XEP-0206", Level.MUST, Outcome.IMPOSSIBLE)));
        assertEquals(RowOutcome.FAILED, bothFail.verdict());
        assertEquals(List.of("rfc7395.W.a", "xep0206.B.a"), bothFail.decidedBy());
        var oneUnknown = ProfileJudge.judge(web, List.of(test("xep0206.B.a", "XEP-0206", Level.MUST, Outcome.FAILED)));
        assertEquals(RowOutcome.UNDECIDED, oneUnknown.verdict(), "the other alternative did not run");
        assertThrows(IllegalArgumentException.class, () -> new Profile.Row("x", "X", List.of(), List.of("spec:RFC 6120"),
                List.of(List.of("spec:RFC 7395")), null, null), "tests and anyOf together");
    }

    @Test
    void aRowWhoseTestsAreAllImpossibleFailsBecauseTheServerLacksIt() {
        var verdict = ProfileJudge.judge(row("ping", List.of("spec:XEP-0199")), List.of(
                test("xep0199.P.a", "XEP-0199", Level.MUST, Outcome.IMPOSSIBLE)));
        assertEquals(RowOutcome.FAILED, verdict.verdict());
    }

    @Test
    void errorsNoTestsPendingAndUndecidableRowsStayUndecidedAndSoDoesTheProfile() {
        var errors = ProfileJudge.judge(row("core", List.of("spec:RFC 6120")), List.of(
                test("rfc6120.A.a", "RFC 6120", Level.MUST, Outcome.PASSED), test("rfc6120.A.b", "RFC 6120", Level.MUST, Outcome.ERROR)));
        assertEquals(RowOutcome.UNDECIDED, errors.verdict());
        assertEquals(RowOutcome.UNDECIDED, ProfileJudge.judge(row("none", List.of("spec:RFC 9999")), List.of()).verdict());
        var pending = new Profile.Row("muc", "Group chat", List.of("XEP-0045"), List.of(), "xep0045 (Multi-User Chat)", null);
        var profile = new Profile("p", "P", null, List.of(row("core", List.of("spec:RFC 6120")), pending));
        var verdict = ProfileJudge.judge(profile, List.of(test("rfc6120.A.a", "RFC 6120", Level.MUST, Outcome.PASSED)));
        assertEquals(RowOutcome.UNDECIDED, verdict.verdict());
        assertEquals(RowOutcome.PASSED, verdict.rows().get(0).verdict());
        assertTrue(verdict.rows().get(1).note().contains("xep0045"), verdict.rows().get(1).note());
    }

    @Test
    void aProfileIncludesTheRowsOfAnotherAndRefusesRowsWithoutAWayToDecideThem(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("base.yaml"), """
                id: base
                title: Base
                rows:
                  - {id: core, title: Core, standards: [RFC 6120], tests: ["spec:RFC 6120"]}
                """);
        Files.writeString(dir.resolve("im.yaml"), """
                id: im
                title: IM
                includes: [base]
                rows:
                  - {id: im, title: IM, standards: [RFC 6121], tests: ["spec:RFC 6121"]}
                """);
        Files.writeString(dir.resolve("bad.yaml"), """
                id: bad
                title: Bad
                rows:
                  - {id: muc, title: MUC, standards: [XEP-0045]}
                """);
        Profile im = Profile.load("im", dir);
        assertEquals(List.of("core", "im"), im.rows().stream().map(Profile.Row::id).toList());
        assertEquals(List.of("spec:RFC 6120", "spec:RFC 6121"), im.selectors());
        IOException bad = assertThrows(IOException.class, () -> Profile.load("bad", dir));
        assertTrue(bad.getMessage().contains("exactly one of tests (or anyOf), pending"), bad.getMessage());
        assertThrows(IOException.class, () -> Profile.load("missing", dir));
    }

    @Test
    void aRowHoldsItsStrictTestsToAnyFailureButOthersOnlyToMust() {
        var row = new Profile.Row("transport", "TLS 1.2 or later only", List.of("RFC 7590"), List.of("rfc7590.*"),
                List.of(), null, null, List.of("rfc7590.*tls10*"));
        var tls10 = test("rfc7590.TlsPosture.tls10IsRefused[c2s]", "RFC 7525", Level.SHOULD, Outcome.FAILED);
        var rsa = test("rfc7590.TlsPosture.noRsaKeyTransport[c2s]", "RFC 7525", Level.SHOULD, Outcome.FAILED);
        var tls12 = test("rfc7590.TlsPosture.tls12IsAccepted[c2s]", "RFC 7525", Level.MUST, Outcome.PASSED);

        var strictFailure = ProfileJudge.judge(row, List.of(tls10, rsa, tls12));
        assertEquals(RowOutcome.FAILED, strictFailure.verdict());
        assertEquals(List.of(tls10.id()), strictFailure.decidedBy());

        var onlyShould = ProfileJudge.judge(row, List.of(rsa, tls12,
                test("rfc7590.TlsPosture.tls10IsRefused[c2s]", "RFC 7525", Level.SHOULD, Outcome.PASSED)));
        assertEquals(RowOutcome.PASSED, onlyShould.verdict(), "a SHOULD failure the row does not hold strictly is only noted");
        assertTrue(row.selectors().contains("rfc7590.*tls10*"));
    }

    @Test
    void theNta7532ProfileHoldsOldTlsVersionsStrictly() throws IOException {
        Profile nta = Profile.load("nta7532", Path.of("..", "profiles"));
        Profile.Row transport = nta.rows().stream().filter(r -> r.id().equals("transport-encryption")).findFirst().orElseThrow();
        var verdict = ProfileJudge.judge(transport, List.of(
                test("rfc7590.TlsPosture.tls11IsRefused[s2s]", "RFC 7525", Level.SHOULD, Outcome.FAILED)));
        assertEquals(RowOutcome.FAILED, verdict.verdict(), verdict.note());
    }
}
