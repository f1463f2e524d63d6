package org.stanzalab.suites;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Level;
import org.stanzalab.engine.Spec;
import org.stanzalab.model.TestId;

/**
 * Every @Spec citing an indexed document must name a section that exists and that states a requirement at the
 * cited level. The index (catalogs/spec-index/sections.tsv) is derived from the specifications' sources by
 * catalogs/spec-index/generate. Citations already known to be wrong are listed in citations-to-audit.tsv: the
 * check fails on a mismatch not listed there, and on a listed one that is gone, so the list only shrinks.
 */
class CitationIndexTest {
    static final String INDEX = "catalogs/spec-index/sections.tsv";
    static final String TO_AUDIT = "suites/src/test/resources/citations-to-audit.tsv";

    /** The BCP 14 keywords that state a requirement at each level (NOT RECOMMENDED is RFC 8174's SHOULD NOT). */
    static final Map<Level, Set<String>> KEYWORDS_OF_LEVEL = Map.of(
            Level.MUST, Set.of("MUST", "MUST NOT", "REQUIRED", "SHALL", "SHALL NOT"),
            Level.SHOULD, Set.of("SHOULD", "SHOULD NOT", "RECOMMENDED", "NOT RECOMMENDED"),
            Level.MAY, Set.of("MAY", "OPTIONAL"));

    record Section(String title, List<String> keywords) {
    }

    /** One citation that the index contradicts; the key is everything but the reason. */
    record Mismatch(String test, String document, String section, Level level, String reason) {
        String key() {
            return String.join("\t", test, document, section, level.name());
        }

        String line() {
            return key() + "\t" + reason;
        }
    }

    @Test
    void everyCitationNamesASectionThatStatesTheCitedLevel() {
        Map<String, Map<String, Section>> index = readIndex(findInProject(INDEX));
        List<Mismatch> mismatches = new ArrayList<>();
        Map<String, Integer> notIndexed = new TreeMap<>();
        int checked = 0;
        for (Method m : SpecMetadataTest.complianceTests()) {
            Spec spec = m.getAnnotation(Spec.class);
            if (spec == null) {
                continue;  // SpecMetadataTest reports it
            }
            Map<String, Section> sections = index.get(spec.document());
            if (sections == null) {
                notIndexed.merge(spec.document(), 1, Integer::sum);
                continue;
            }
            checked++;
            String test = TestId.of(m.getDeclaringClass().getName(), m.getName(), null);
            String reason = mismatch(sections.get(spec.section()), spec.level());
            if (reason != null) {
                mismatches.add(new Mismatch(test, spec.document(), spec.section(), spec.level(), reason));
            }
        }
        assertFalse(checked == 0, "no citation of an indexed document was found");
        mismatches.sort(Comparator.comparing(Mismatch::key));

        System.out.printf("Citations checked against %s: %d; %d to audit; not indexed: %s%n",
                INDEX, checked, mismatches.size(), notIndexed);
        mismatches.forEach(x -> System.out.println("  " + x.line().replace('\t', ' ')));

        Map<String, String> listed = readToAudit(findInProject(TO_AUDIT));
        List<String> unlisted = new ArrayList<>();
        Set<String> current = new LinkedHashSet<>();
        for (Mismatch x : mismatches) {
            current.add(x.key());
            if (!listed.containsKey(x.key())) {
                unlisted.add(x.line());
            }
        }
        List<String> resolved = listed.keySet().stream().filter(key -> !current.contains(key))
                .map(key -> key + "\t" + listed.get(key)).toList();
        List<String> problems = new ArrayList<>();
        if (!unlisted.isEmpty()) {
            problems.add("New citations that the index contradicts: cite the section that states the rule at its level"
                    + " (or, after checking the text by hand, add the line to " + TO_AUDIT + "):\n"
                    + String.join("\n", unlisted));
        }
        if (!resolved.isEmpty()) {
            problems.add("Citations listed in " + TO_AUDIT + " that now agree with the index (or are gone): remove"
                    + " these lines:\n" + String.join("\n", resolved));
        }
        assertTrue(problems.isEmpty(), String.join("\n\n", problems));
    }

    /** Why the section does not support a citation at that level, or null if it does. */
    static String mismatch(Section section, Level level) {
        if (section == null) {
            return "no such section";
        }
        if (section.keywords().stream().anyMatch(KEYWORDS_OF_LEVEL.get(level)::contains)) {
            return null;
        }
        return "level not in section: '" + section.title() + "' states "
                + (section.keywords().isEmpty() ? "no BCP 14 keyword" : String.join(", ", section.keywords()));
    }

    /** document, then section number, to its title and keywords. */
    static Map<String, Map<String, Section>> readIndex(Path file) {
        Map<String, Map<String, Section>> index = new HashMap<>();
        for (String[] row : rows(read(file), "document")) {
            List<String> keywords = row.length > 3 && !row[3].isBlank() ? Arrays.asList(row[3].split(",")) : List.of();
            index.computeIfAbsent(row[0], d -> new HashMap<>()).put(row[1], new Section(row[2], keywords));
        }
        return index;
    }

    /** Key (test, document, section, level) to the reason recorded when it was listed. */
    static Map<String, String> readToAudit(Path file) {
        Map<String, String> listed = new LinkedHashMap<>();
        for (String[] row : rows(read(file), "test")) {
            listed.put(String.join("\t", Arrays.copyOf(row, 4)), row.length > 4 ? row[4] : "");
        }
        return listed;
    }

    /** The rows of a TSV text, without '#' comments, blank lines and the header (which starts with that word). */
    private static List<String[]> rows(String text, String headerStart) {
        return text.lines().filter(l -> !l.isBlank() && !l.startsWith("#") && !l.startsWith(headerStart + "\t"))
                .map(l -> l.split("\t", -1)).toList();
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The file at that path below the project root, found from the module's directory or any parent. */
    static Path findInProject(String relative) {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(relative))) {
                return dir.resolve(relative);
            }
        }
        throw new IllegalStateException(relative + " not found above " + Path.of("").toAbsolutePath());
    }
}
