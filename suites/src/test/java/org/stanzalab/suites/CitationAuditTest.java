package org.stanzalab.suites;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Spec;
import org.stanzalab.model.TestId;

/**
 * Every @Spec has been read against the specification's text by a person, and the record says so: one line per
 * test method in catalogs/citation-audit/*.tsv with the citation as it was audited, a finding and a note. A citation
 * changed after its audit no longer matches its line, so this check fails until someone audits it again; a new test
 * fails until its citation is audited.
 */
class CitationAuditTest {
    static final String AUDIT_DIR = "catalogs/citation-audit";
    static final Set<String> FINDINGS = Set.of("right", "fixed", "index-differs");

    record Audited(String file, String document, String section, String level, String finding, String note) {
        String citation() {
            return document + " §" + section + " " + level;
        }
    }

    @Test
    void everyCitationHasBeenAuditedAsItStands() {
        List<String> problems = new ArrayList<>();
        Map<String, Audited> audited = readAudit(problems);
        Map<String, String> current = new TreeMap<>();
        for (Method m : SpecMetadataTest.complianceTests()) {
            Spec spec = m.getAnnotation(Spec.class);
            if (spec != null) {
                current.put(TestId.of(m.getDeclaringClass().getName(), m.getName(), null),
                        spec.document() + " §" + spec.section() + " " + spec.level().name());
            }
        }
        int standing = 0;
        for (Map.Entry<String, String> entry : current.entrySet()) {
            String test = entry.getKey();
            String citation = entry.getValue();
            Audited line = audited.get(test);
            if (line != null && line.citation().equals(citation)) {
                standing++;
            } else if (line == null) {
                problems.add(test + " (" + citation + "): not audited; read the section and add a line");
            } else if (!line.citation().equals(citation)) {
                problems.add(test + ": cites " + citation + " but was audited as " + line.citation() + " (" + line.file()
                        + "); audit it again");
            }
        }
        audited.keySet().stream().filter(test -> !current.containsKey(test))
                .forEach(test -> problems.add(test + ": audited in " + audited.get(test).file() + " but no such test"));
        System.out.printf("Citations audited by hand as they stand: %d of %d%n", standing, current.size());
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** Test id to its audit line, from every file of the audit directory; malformed lines are problems. */
    static Map<String, Audited> readAudit(List<String> problems) {
        Path dir = CitationIndexTest.findInProject(AUDIT_DIR + "/README.md").getParent();
        Map<String, Audited> audited = new TreeMap<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList()) {
                String name = file.getFileName().toString();
                for (String line : Files.readAllLines(file)) {
                    if (line.isBlank() || line.startsWith("#") || line.startsWith("test\t")) {
                        continue;
                    }
                    String[] cells = line.split("\t", -1);
                    if (cells.length != 6 || !FINDINGS.contains(cells[4]) || cells[5].isBlank()) {
                        problems.add(name + ": needs six cells, a finding of " + FINDINGS + " and a note: " + line);
                        continue;
                    }
                    Audited previous = audited.put(cells[0],
                            new Audited(name, cells[1], cells[2], cells[3], cells[4], cells[5]));
                    if (previous != null) {
                        problems.add(cells[0] + ": audited twice (" + previous.file() + ", " + name + ")");
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return audited;
    }
}
