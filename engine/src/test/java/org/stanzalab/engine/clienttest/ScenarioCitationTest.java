package org.stanzalab.engine.clienttest;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.stanzalab.model.Level;
import org.stanzalab.model.SpecRef;

/**
 * The scenarios' citations are held to the suites' rules: each has an audit line in clients/citation-audit.tsv
 * matching it (document, section, level), and where the document is in the section index the section exists and
 * states a keyword of the cited level.
 */
class ScenarioCitationTest {
    private static final Map<Level, Set<String>> KEYWORDS = Map.of(
            Level.MUST, Set.of("MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT"),
            Level.SHOULD, Set.of("SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED"),
            Level.MAY, Set.of("MAY", "OPTIONAL"));

    @Test
    void everyGradedScenarioIsAuditedAndItsSectionStatesTheLevel() throws IOException {
        Map<String, String[]> audit = new HashMap<>();
        for (String line : Files.readAllLines(find("clients/citation-audit.tsv"))) {
            if (!line.isBlank() && !line.startsWith("#") && !line.startsWith("test\t")) {
                String[] cells = line.split("\t", -1);
                audit.put(cells[0], cells);
            }
        }
        Map<String, Map<String, List<String>>> index = new HashMap<>();
        for (String line : Files.readAllLines(find("catalogs/spec-index/sections.tsv"))) {
            String[] row = line.split("\t", -1);
            if (line.startsWith("#") || row.length < 3) {
                continue;
            }
            index.computeIfAbsent(row[0], d -> new HashMap<>()).put(row[1],
                    row.length > 3 && !row[3].isBlank() ? List.of(row[3].split(",")) : List.of());
        }
        List<String> problems = new ArrayList<>();
        for (BadScenario scenario : BadScenario.all()) {
            SpecRef spec = scenario.spec();
            String id = ClientVerdicts.testId(scenario);
            if (spec == null) {
                if (scenario.graded()) {
                    problems.add(id + ": graded without a citation");
                }
                continue;
            }
            String[] line = audit.remove(id);
            if (line == null || line.length != 6 || !line[1].equals(spec.document()) || !line[2].equals(spec.section())
                    || !line[3].equals(spec.level().name()) || !line[4].equals("right") || line[5].isBlank()) {
                problems.add(id + " (" + spec.citation() + "): no matching audit line");
            }
            Map<String, List<String>> sections = index.get(spec.document());
            if (sections != null) {
                List<String> keywords = sections.get(spec.section());
                if (keywords == null) {
                    problems.add(id + ": " + spec.document() + " has no section " + spec.section());
                } else if (keywords.stream().noneMatch(KEYWORDS.get(spec.level())::contains)) {
                    problems.add(id + ": " + spec.citation() + " but the section states " + keywords);
                }
            }
        }
        audit.keySet().forEach(test -> problems.add(test + ": audited but no such scenario"));
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    private static Path find(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
