package org.stanzalab.report;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.model.TestResult;
import org.stanzalab.model.TranscriptEntry;

/**
 * junit.xml in the shape CI systems' JUnit viewers read: one testsuite per specification, failures as
 * failure, errors as error, impossible tests as skipped with their reason, and the transcript as system-out.
 * A security-relevant failure carries the property security-relevant=true and {@link #SECURITY_PREFIX} in its message.
 * Written by hand rather than with JUnit's legacy XML listener because that one writes a file per engine
 * with JUnit's own ids and cannot carry our verdict words or transcripts.
 */
public final class JUnitXml {
    /** Starts the message of a security-relevant failure, so that it stands out in any JUnit viewer. */
    public static final String SECURITY_PREFIX = "[security-relevant] ";

    private JUnitXml() {
    }

    public static void write(RunResult run, Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file)) {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(out, "UTF-8");
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("testsuites");
            xml.writeAttribute("name", "stanzalab " + run.target().domain());
            counts(xml, run.tests(), run.summary().wallSeconds());
            for (Map.Entry<String, List<TestResult>> suite : bySpec(run.tests()).entrySet()) {
                xml.writeCharacters("\n  ");
                xml.writeStartElement("testsuite");
                xml.writeAttribute("name", suite.getKey());
                double seconds = suite.getValue().stream().mapToLong(TestResult::durationMs).sum() / 1000.0;
                counts(xml, suite.getValue(), seconds);
                for (TestResult test : suite.getValue()) {
                    testcase(xml, test);
                }
                xml.writeCharacters("\n  ");
                xml.writeEndElement();
            }
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static Map<String, List<TestResult>> bySpec(List<TestResult> tests) {
        Map<String, List<TestResult>> map = new LinkedHashMap<>();
        for (TestResult t : tests) {
            String key = t.spec() == null ? "unspecified" : t.spec().document();
            map.computeIfAbsent(key, k -> new java.util.ArrayList<>()).add(t);
        }
        return map;
    }

    private static void counts(XMLStreamWriter xml, List<TestResult> tests, double seconds) throws XMLStreamException {
        Summary s = Summary.of(tests, seconds);
        xml.writeAttribute("tests", String.valueOf(s.total()));
        xml.writeAttribute("failures", String.valueOf(s.failed()));
        xml.writeAttribute("errors", String.valueOf(s.errors()));
        xml.writeAttribute("skipped", String.valueOf(s.impossible()));
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", seconds));
    }

    private static void testcase(XMLStreamWriter xml, TestResult test) throws XMLStreamException {
        xml.writeCharacters("\n    ");
        xml.writeStartElement("testcase");
        int dot = test.id().lastIndexOf('.', test.id().contains("[") ? test.id().indexOf('[') : test.id().length());
        xml.writeAttribute("classname", dot > 0 ? test.id().substring(0, dot) : test.id());
        xml.writeAttribute("name", dot > 0 ? test.id().substring(dot + 1) : test.id());
        xml.writeAttribute("time", String.format(Locale.ROOT, "%.3f", test.durationMs() / 1000.0));
        if (test.isSecurityFailure()) {
            // As a property for tools that read them (the pytest and Jenkins dialects), and in the message for the rest.
            xml.writeStartElement("properties");
            xml.writeEmptyElement("property");
            xml.writeAttribute("name", "security-relevant");
            xml.writeAttribute("value", "true");
            xml.writeEndElement();
        }
        switch (test.outcome()) {
            case FAILED -> problem(xml, "failure", test);
            case ERROR -> problem(xml, "error", test);
            case IMPOSSIBLE -> {
                xml.writeEmptyElement("skipped");
                xml.writeAttribute("message", xmlSafe("impossible: " + test.reason()));
            }
            case PASSED -> { }
        }
        if (!test.transcript().isEmpty()) {
            xml.writeStartElement("system-out");
            xml.writeCharacters(xmlSafe(transcriptText(test.transcript())));
            xml.writeEndElement();
        }
        xml.writeEndElement();
    }

    private static void problem(XMLStreamWriter xml, String element, TestResult test) throws XMLStreamException {
        xml.writeStartElement(element);
        String prefix = test.isSecurityFailure() ? SECURITY_PREFIX : "";
        xml.writeAttribute("message", xmlSafe(prefix + Text.firstLine(test.reason(), Integer.MAX_VALUE)));
        xml.writeAttribute("type", test.outcome().word());
        xml.writeCharacters(xmlSafe(test.reason() == null ? "" : test.reason()));
        xml.writeEndElement();
    }

    /**
     * Text XML 1.0 can carry: characters it forbids (NUL, most C0 controls, unpaired surrogates, U+FFFE/U+FFFF),
     * which a test may well have sent to a server on purpose, are written as visible \\uXXXX escapes.
     */
    static String xmlSafe(String text) {
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD)
                    || (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1)))
                    || (Character.isLowSurrogate(c) && i > 0 && Character.isHighSurrogate(text.charAt(i - 1)));
            if (!allowed && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (sb != null) {
                sb.append(allowed ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return sb == null ? text : sb.toString();
    }

    static String transcriptText(List<TranscriptEntry> entries) {
        StringBuilder sb = new StringBuilder();
        for (TranscriptEntry e : entries) {
            String arrow = switch (e.direction()) {
                case SENT -> ">>";
                case RECEIVED -> "<<";
                case NOTE -> "--";
            };
            sb.append(String.format(Locale.ROOT, "%7d ms %-10s %s %s%n", e.atMillis(), e.connection(), arrow, e.xml()));
        }
        return sb.toString();
    }
}
