package org.stanzalab.model;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** results.json and the values in it survive a write and a read; files of older schemas still read. */
class ResultsJsonTest {

    @Test
    void aRunOverTwoServersRoundTrips(@TempDir Path dir) throws IOException {
        TargetInfo prosody = new TargetInfo("prosody", "prosody.test", "127.0.0.1", 5222, "starttls", "CA file ca.crt");
        TargetInfo ejabberd = new TargetInfo("ejabberd", "ejabberd.test", "127.0.0.2", 5222, "starttls", "CA file ca.crt");
        TestResult test = new TestResult("xep0199.Ping.answers", "answers", new SpecRef("XEP-0199", "2.0.1", "4.2", Level.MUST,
                "answers a ping"), Outcome.PASSED, 12, null,
                List.of(new TranscriptEntry(3, "alice#1", Direction.SENT, "<iq type='get'/>")));
        RunResult run = new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-30T15:00:00Z", prosody, List.of(prosody, ejabberd),
                Summary.of(List.of(test), 1.5), List.of(), List.of(), List.of(test));
        Path file = dir.resolve("results.json");
        ResultsJson.write(run, file);
        assertEquals(run, ResultsJson.read(file));
    }

    @Test
    void aFileFromBeforeSeveralServersHasItsTargetAsItsOnlyServer(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("results.json"), """
                {"schema": 2, "tool": "stanzalab", "startedAt": "2026-11-21T00:00:00Z",
                 "target": {"domain": "example.test", "host": "127.0.0.1", "port": 5222, "tls": "starttls", "trust": "system"},
                 "summary": {"total": 0, "passed": 0, "failed": 0, "impossible": 0, "errors": 0, "wallSeconds": 0.5},
                 "notices": [], "profiles": [], "tests": []}
                """);
        RunResult run = ResultsJson.read(file);
        assertAll(
                () -> assertEquals(1, run.servers().size()),
                () -> assertEquals("example.test", run.servers().get(0).domain()),
                () -> assertEquals(run.target(), run.servers().get(0)),
                () -> assertEquals(null, run.target().name()));
    }

    @Test
    void theSecurityMarkRoundTripsAndAnOlderFileReadsAsNotSecurityRelevant(@TempDir Path dir) throws IOException {
        SpecRef authzid = new SpecRef("RFC 6120", "", "6.5.6", Level.MUST, "another user's authzid is refused");
        TestResult failed = new TestResult("rfc6120.Sasl.authzid", "authzid", authzid, Outcome.FAILED, 3, "bound another's JID",
                List.of(), true);
        assertAll(
                () -> assertEquals(failed, ResultsJson.fromJson(ResultsJson.toJson(failed), TestResult.class)),
                () -> assertTrue(ResultsJson.toJson(failed).contains("\"securityRelevant\" : true")),
                () -> assertTrue(failed.isSecurityFailure()),
                () -> assertFalse(new TestResult("a.B.c", "c", authzid, Outcome.FAILED, 1, "wrong condition", List.of()).isSecurityFailure(),
                        "a failure that is not the breach itself is no security failure"));

        Path file = Files.writeString(dir.resolve("results.json"), """
                {"schema": 3, "tool": "stanzalab", "startedAt": "2026-11-21T00:00:00Z",
                 "target": {"domain": "example.test", "host": "127.0.0.1", "port": 5222, "tls": "starttls", "trust": "system"},
                 "summary": {"total": 1, "passed": 0, "failed": 1, "impossible": 0, "errors": 0, "wallSeconds": 0.5},
                 "notices": [], "profiles": [], "tests": [{"id": "rfc6120.Sasl.authzid", "name": "authzid", "outcome": "FAILED",
                   "spec": {"document": "RFC 6120", "version": "", "section": "6.5.6", "level": "MUST", "requirement": "r"},
                   "durationMs": 3, "reason": "r", "transcript": []}]}
                """);
        TestResult old = ResultsJson.read(file).tests().get(0);
        assertAll(
                () -> assertFalse(old.securityRelevant()),
                () -> assertFalse(old.isSecurityFailure()));
    }

    @Test
    void aGradeWithItsDeductionsAndCapsRoundTrips() {
        Grade grade = Grade.of(
                List.of(new Grade.Deduction(10, "TLS 1.1 is still offered"), new Grade.Deduction(5, "no forward secrecy with RSA key exchange")),
                List.of(new Grade.Cap(Grade.Letter.C, "the certificate chain is incomplete")));
        assertAll(
                () -> assertEquals(85, grade.score()),
                () -> assertEquals(Grade.Letter.C, grade.letter(), "the cap holds the B of 85 points down to C"));
        String json = ResultsJson.toJson(grade);
        assertEquals(grade, ResultsJson.fromJson(json, Grade.class));
        assertEquals(Grade.Letter.B, Grade.of(List.of(new Grade.Deduction(15, "weak ciphers")), List.of()).letter());
        assertEquals(Grade.Letter.F, Grade.of(List.of(new Grade.Deduction(150, "everything")), List.of()).letter());
    }

    @Test
    void aNegativeDeductionOrAnUnknownLetterIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Grade.Deduction(-5, "a bonus in disguise"));
        assertThrows(IllegalArgumentException.class, () -> Grade.Letter.parse("A+"));
    }

    @Test
    void portScansRoundTripAndAnOlderFileHasNone(@TempDir Path dir) throws IOException {
        Grade grade = Grade.of(List.of(new Grade.Deduction(4, "cipher strength")), List.of(new Grade.Cap(Grade.Letter.B, "TLS 1.0 is accepted")));
        PortPosture port = new PortPosture("prosody", "c2s", "127.0.0.1:5222", "STARTTLS (jabber:client)", null,
                List.of(new PortPosture.ProtocolSupport("TLSv1.0", true, List.of("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"), null, null),
                        new PortPosture.ProtocolSupport("SSLv3", false, List.of(), null, "alert handshake_failure")),
                new PortPosture.CertificateSummary("CN=prosody.test", "CN=CA", "RSA", 2048, "SHA256withRSA", "2026-01-01T00:00:00Z",
                        "2027-01-01T00:00:00Z", 2, false, "unknown issuer", List.of("prosody.test"), List.of("_xmpp-server.prosody.test"),
                        List.of(), List.of("prosody.test"), List.of("the chain does not pass the run's trust")), grade);
        RunResult run = new RunResult(RunResult.SCHEMA, "stanzalab", "2026-11-21T00:00:00Z",
                new TargetInfo("prosody", "prosody.test", "127.0.0.1", 5222, "starttls", "system"), null, null, List.of(), List.of(),
                List.of(), null, null, List.of(), List.of(port));
        Path file = dir.resolve("results.json");
        ResultsJson.write(run, file);
        RunResult read = ResultsJson.read(file);
        assertEquals(List.of(port), read.ports());
        assertEquals(Grade.Letter.B, read.ports().get(0).grade().letter());

        Path old = Files.writeString(dir.resolve("old.json"), """
                {"schema": 5, "tool": "stanzalab", "startedAt": "2026-11-21T00:00:00Z",
                 "target": {"domain": "example.test", "host": "127.0.0.1", "port": 5222, "tls": "starttls", "trust": "system"},
                 "notices": [], "profiles": [], "tests": []}
                """);
        assertEquals(List.of(), ResultsJson.read(old).ports());
    }
}
