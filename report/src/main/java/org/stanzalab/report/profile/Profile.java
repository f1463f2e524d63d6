package org.stanzalab.report.profile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * A profile: a named list of requirements ("rows"), each decided by the tests its selectors pick. Profiles are plain
 * YAML files (profiles/*.yaml in the repository, or any file a user writes in the same format):
 *
 * <pre>
 * id: xep0479-im-core
 * title: XMPP Compliance Suites 2023, IM, core server
 * source: XEP-0479 §2.3
 * includes: [xep0479-core-core]        # rows of other profiles, read from the same folder
 * rows:
 *   - id: im-core
 *     title: Instant messaging and presence
 *     standards: [RFC 6121]
 *     tests: ["spec:RFC 6121"]         # "spec:DOC", or test ids and globs as --test takes them
 *   - id: vcard
 *     title: vcard-temp
 *     standards: [XEP-0054]
 *     pending: xep0054 (vcard-temp)    # no suite yet: the row stays undecided until one lands
 *   - id: web-connection
 *     title: WebSocket or BOSH
 *     anyOf: [["spec:RFC 7395"], ["spec:XEP-0206"]]   # alternatives: the row passes when one of them passes
 *   - id: transport
 *     title: TLS 1.2 or later only
 *     tests: ["rfc7590.*"]
 *     strict: ["rfc7590.*tls10*"]    # any failure of these fails the row, even of a SHOULD
 *   - id: data-at-rest
 *     title: Stored history encrypted
 *     undecidable: server-internal, not observable over the wire
 * </pre>
 */
public record Profile(String id, String title, String source, List<Row> rows) {

    /**
     * @param tests       selectors; empty when the row is pending or undecidable
     * @param anyOf       alternatives, each a list of selectors, for a row that one of several standards fulfils
     *                    ("WebSocket or BOSH"): the row passes when any alternative passes, fails when all fail
     * @param pending     the suite the row waits for, when no test decides it yet
     * @param undecidable why no test can ever decide it
     * @param strict      selectors of tests the row holds strictly: any failure of theirs fails the row, whatever
     *                    level their requirement has (a profile that demands what the specification only advises,
     *                    as NTA 7532 demands TLS 1.0 and 1.1 be refused); they are part of the row's tests
     */
    public record Row(String id, String title, List<String> standards, List<String> tests, List<List<String>> anyOf,
                      String pending, String undecidable, List<String> strict) {
        public Row {
            strict = strict == null ? List.of() : List.copyOf(strict);
            standards = standards == null ? List.of() : List.copyOf(standards);
            tests = tests == null ? List.of() : List.copyOf(tests);
            anyOf = anyOf == null ? List.of() : anyOf.stream().map(List::copyOf).toList();
            if (!tests.isEmpty() && !anyOf.isEmpty()) {
                throw new IllegalArgumentException("row " + id + " has both tests and anyOf; give one of them");
            }
        }

        public Row(String id, String title, List<String> standards, List<String> tests, String pending, String undecidable) {
            this(id, title, standards, tests, List.of(), pending, undecidable, List.of());
        }

        public Row(String id, String title, List<String> standards, List<String> tests, List<List<String>> anyOf,
                   String pending, String undecidable) {
            this(id, title, standards, tests, anyOf, pending, undecidable, List.of());
        }

        /** Every selector of the row, of all its alternatives, and those it holds strictly. */
        public List<String> selectors() {
            return java.util.stream.Stream.of(tests.stream(), anyOf.stream().flatMap(List::stream), strict.stream())
                    .flatMap(s -> s).distinct().toList();
        }
    }

    /** The file as written: rows plus the profiles whose rows it includes. */
    private record File(String id, String title, String source, List<String> includes, List<Row> rows) {
    }

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    public Profile {
        rows = List.copyOf(rows);
    }

    /** Every selector of every row, for choosing which tests a profile run needs. */
    public List<String> selectors() {
        return rows.stream().flatMap(r -> r.selectors().stream()).distinct().toList();
    }

    /**
     * Loads a profile by name from a folder ("xep0479-im-core" → folder/xep0479-im-core.yaml) or from a file path,
     * with the rows of the profiles it includes first.
     */
    public static Profile load(String nameOrPath, Path folder) throws IOException {
        Path file = nameOrPath.endsWith(".yaml") || nameOrPath.endsWith(".yml") ? Path.of(nameOrPath)
                : folder.resolve(nameOrPath + ".yaml");
        return load(file, folder, new HashSet<>());
    }

    private static Profile load(Path file, Path folder, Set<Path> seen) throws IOException {
        if (!Files.isReadable(file)) {
            throw new IOException("profile " + file + " is not readable" + (Files.isDirectory(folder)
                    ? " (profiles in " + folder + ": " + available(folder) + ")" : ""));
        }
        if (!seen.add(file.toAbsolutePath().normalize())) {
            throw new IOException("profile " + file + " includes itself");
        }
        File parsed;
        try {
            parsed = YAML.readValue(file.toFile(), File.class);
        } catch (JsonProcessingException e) {
            throw new IOException("profile " + file + " is not valid: " + e.getOriginalMessage(), e);
        }
        if (parsed == null || parsed.id() == null || parsed.title() == null || parsed.rows() == null) {
            throw new IOException("profile " + file + " needs id, title and rows");
        }
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String include : parsed.includes() == null ? List.<String>of() : parsed.includes()) {
            for (Row row : load(folder.resolve(include + ".yaml"), folder, seen).rows()) {
                rows.putIfAbsent(row.id(), row);
            }
        }
        for (Row row : parsed.rows()) {
            check(file, row);
            if (rows.putIfAbsent(row.id(), row) != null) {
                throw new IOException("profile " + file + ": row id '" + row.id() + "' is used twice");
            }
        }
        return new Profile(parsed.id(), parsed.title(), parsed.source(), new ArrayList<>(rows.values()));
    }

    private static void check(Path file, Row row) throws IOException {
        if (row.id() == null || row.title() == null) {
            throw new IOException("profile " + file + ": every row needs id and title");
        }
        int ways = (row.selectors().isEmpty() ? 0 : 1) + (row.pending() == null ? 0 : 1) + (row.undecidable() == null ? 0 : 1);
        if (ways != 1) {
            throw new IOException("profile " + file + ": row '" + row.id()
                    + "' needs exactly one of tests (or anyOf), pending (the suite it waits for) or undecidable (why)");
        }
    }

    /** Names of the profiles in a folder, for error messages and listings. */
    public static List<String> available(Path folder) throws IOException {
        try (var files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList();
        }
    }
}
