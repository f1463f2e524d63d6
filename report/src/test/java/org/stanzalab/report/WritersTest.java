package org.stanzalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Level;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class WritersTest {

    private final RunResult run = Samples.run(
            Samples.result("rfc6120.IqSemantics.unknownPayload", Outcome.FAILED, "RFC 6120 §8.4 (MUST): got <bad-request/> & more"),
            Samples.result("rfc6120.IqSemantics.other", Outcome.PASSED, null),
            Samples.result("xep0045.Rooms.create", Outcome.IMPOSSIBLE, "no MUC service in disco#items of example.test"),
            Samples.result("rfc6120.IqSemantics.broken", Outcome.ERROR, "connection reset"));

    @Test
    void resultsJsonHasTheDocumentedFields(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        ResultsJson.write(run, file);
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        JsonNode summary = root.get("summary");
        for (String field : new String[] {"total", "passed", "failed", "impossible", "errors", "wallSeconds"}) {
            assertTrue(summary.has(field), "summary." + field);
        }
        assertEquals(4, summary.get("total").asInt());
        assertEquals("example.test", root.at("/target/domain").asText());
        assertEquals(5222, root.at("/target/port").asInt());
        JsonNode first = root.get("tests").get(0);
        assertEquals("failed", first.get("outcome").asText());
        assertEquals("8.4", first.at("/spec/section").asText());
        assertEquals("MUST", first.at("/spec/level").asText());
        assertTrue(first.get("durationMs").isNumber());
        assertEquals(run, ResultsJson.read(file), "results.json reads back to the same result");
    }

    @Test
    void junitXmlIsWellFormedAndMapsVerdicts(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitXml.write(run, file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertEquals("4", root.getAttribute("tests"));
        assertEquals("1", root.getAttribute("failures"));
        assertEquals("1", root.getAttribute("errors"));
        assertEquals("1", root.getAttribute("skipped"));
        Element skipped = (Element) doc.getElementsByTagName("skipped").item(0);
        assertTrue(skipped.getAttribute("message").contains("no MUC service"), "impossible reason is kept");
        Element failure = (Element) doc.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").contains("§8.4"));
        assertTrue(doc.getElementsByTagName("system-out").item(0).getTextContent().contains("urn:unknown"), "transcript is attached");
        assertTrue(Files.readString(file).contains("&amp; more"), "text is escaped");
    }

    private static final TestResult AUTHZID_FAILURE = new TestResult("rfc6120.Sasl.authzid", "authzid",
            new SpecRef("RFC 6120", "", "6.5.6", Level.MUST, "another user's authzid is refused"), Outcome.FAILED, 3,
            "RFC 6120 §6.5.6 (MUST): bound bob", List.of(), true);

    @Test
    void junitXmlMarksASecurityRelevantFailureByPropertyAndMessagePrefix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("junit.xml");
        JUnitXml.write(Samples.run(run.tests().get(0), AUTHZID_FAILURE), file);
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        NodeList failures = doc.getElementsByTagName("failure");
        assertEquals("RFC 6120 §8.4 (MUST): got <bad-request/> & more", ((Element) failures.item(0)).getAttribute("message"));
        assertEquals("[security-relevant] RFC 6120 §6.5.6 (MUST): bound bob", ((Element) failures.item(1)).getAttribute("message"));
        NodeList properties = doc.getElementsByTagName("property");
        assertEquals(1, properties.getLength(), "only the security-relevant failure has the property");
        Element property = (Element) properties.item(0);
        assertEquals("security-relevant", property.getAttribute("name"));
        assertEquals("true", property.getAttribute("value"));
        assertEquals("authzid", ((Element) property.getParentNode().getParentNode()).getAttribute("name"));
    }

    @Test
    void resultsJsonWritesTheSecurityMark(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("results.json");
        ResultsJson.write(Samples.run(run.tests().get(0), AUTHZID_FAILURE), file);
        JsonNode tests = new ObjectMapper().readTree(file.toFile()).get("tests");
        assertFalse(tests.get(0).at("/securityRelevant").asBoolean());
        assertTrue(tests.get(1).at("/securityRelevant").asBoolean());
    }

    @Test
    void consoleListsSecurityRelevantFailuresWithTheirIds() {
        String nl = System.lineSeparator();
        assertEquals("security-relevant failures: 1" + nl + "  rfc6120.Sasl.authzid  RFC 6120 §6.5.6 (MUST)" + nl,
                SpecTable.securityFailures(List.of(run.tests().get(0), AUTHZID_FAILURE)));
        assertEquals("", SpecTable.securityFailures(run.tests()), "nothing to say without one");
    }

    @Test
    void charactersXmlCannotCarryAreEscapedNotFatal() {
        assertEquals("a\\u0000b\\u001Bc\\uFFFE \uD83D\uDE00 \\uD800", JUnitXml.xmlSafe("a\u0000b\u001Bc\uFFFE \uD83D\uDE00 \uD800"));
        assertEquals("plain <text> & tabs\t", JUnitXml.xmlSafe("plain <text> & tabs\t"));
    }

    @Test
    void specTableCountsPerDocument() {
        String table = SpecTable.render(run.tests());
        assertTrue(table.contains("RFC 6120"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("all") && l.replaceAll("\\s+", " ").equals("all 4 1 1 1 1")), table);
    }
}
