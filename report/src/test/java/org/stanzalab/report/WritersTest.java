package org.stanzalab.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.xml.parsers.DocumentBuilderFactory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.model.RunResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

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
