package org.stanzalab.report.catalog;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A feature catalog joined with its map to Stanzalab: per case, whether tests check it, which suite it waits for,
 * or why it does not apply. The map must account for every case exactly once; what breaks that is a problem.
 */
public final class FeatureCatalog {

    /** A catalog case with its map row; entry is null when the map has none. */
    public record TracedCase(CatalogCase catalogCase, MapEntry entry) {
        public boolean accountedFor() {
            return entry != null && entry.status() != null && !entry.detail().isEmpty();
        }
    }

    private final List<TracedCase> cases;
    private final List<String> problems;

    private FeatureCatalog(List<TracedCase> cases, List<String> problems) {
        this.cases = cases;
        this.problems = problems;
    }

    /** Reads both files; IOException when one cannot be read or lacks a required column. */
    public static FeatureCatalog load(Path catalog, Path map) throws IOException {
        List<CatalogCase> catalogCases = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Tsv.Row row : Tsv.read(catalog, List.of("id", "area"))) {
            CatalogCase c = new CatalogCase(row.get("id"), row.get("area"), row.get("title"), row.get("description"),
                    row.get("expected"));
            if (!seen.add(c.id())) {
                problems.add("catalog line " + row.line() + ": duplicate id " + c.id());
                continue;
            }
            catalogCases.add(c);
        }
        List<MapEntry> entries = new ArrayList<>();
        for (Tsv.Row row : Tsv.read(map, List.of("id", "status", "detail"))) {
            String word = row.get("status");
            entries.add(new MapEntry(row.get("id"), word, Status.of(word).orElse(null), row.get("detail"), row.get("note"),
                    row.line()));
        }
        return join(catalogCases, entries, problems);
    }

    static FeatureCatalog join(List<CatalogCase> catalogCases, List<MapEntry> entries, List<String> problems) {
        Map<String, CatalogCase> byId = catalogCases.stream()
                .collect(Collectors.toMap(CatalogCase::id, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Map<String, MapEntry> entryById = new LinkedHashMap<>();
        for (MapEntry e : entries) {
            String where = "map line " + e.line() + ": ";
            if (entryById.containsKey(e.id())) {
                problems.add(where + "duplicate id " + e.id());
                continue;
            }
            entryById.put(e.id(), e);
            if (!byId.containsKey(e.id())) {
                problems.add(where + e.id() + " is not in the catalog");
            }
            if (e.status() == null) {
                problems.add(where + e.id() + ": unknown status '" + e.statusWord() + "' (mapped, pending or not-applicable)");
            } else if (e.detail().isEmpty()) {
                problems.add(where + e.id() + ": empty detail for " + e.status().word());
            }
        }
        List<TracedCase> traced = new ArrayList<>();
        for (CatalogCase c : byId.values()) {
            MapEntry e = entryById.get(c.id());
            if (e == null) {
                problems.add(c.id() + " (" + c.area() + ") is missing from the map");
            }
            traced.add(new TracedCase(c, e));
        }
        return new FeatureCatalog(List.copyOf(traced), List.copyOf(problems));
    }

    public List<TracedCase> cases() {
        return cases;
    }

    /** The cases of one area (case-insensitive), in catalog order. */
    public FeatureCatalog area(String area) {
        List<TracedCase> inArea = cases.stream().filter(c -> c.catalogCase().area().equalsIgnoreCase(area.strip())).toList();
        return new FeatureCatalog(inArea, problems);
    }

    public List<String> areaNames() {
        return cases.stream().map(c -> c.catalogCase().area()).distinct().toList();
    }

    /** Missing rows, ids the catalog lacks, duplicates, unknown statuses and empty details. */
    public List<String> problems() {
        return problems;
    }

    /** Counts per area, in catalog order. */
    public List<AreaCounts> areas() {
        Map<String, AreaCounts> byArea = new LinkedHashMap<>();
        for (TracedCase c : cases) {
            String area = c.catalogCase().area();
            byArea.merge(area, count(area, c), AreaCounts::plus);
        }
        return List.copyOf(byArea.values());
    }

    public AreaCounts total() {
        return areas().stream().reduce(new AreaCounts("total", 0, 0, 0, 0), AreaCounts::plus);
    }

    private static AreaCounts count(String area, TracedCase c) {
        Status s = c.accountedFor() ? c.entry().status() : null;
        return new AreaCounts(area, 1, s == Status.MAPPED ? 1 : 0, s == Status.PENDING ? 1 : 0, s == Status.NOT_APPLICABLE ? 1 : 0);
    }

    /** Pending cases per suite, most first. */
    public Map<String, Long> pendingBySuite() {
        return countBy(Status.PENDING, MapEntry::suite);
    }

    /** Not-applicable cases per reason category, most first. */
    public Map<String, Long> notApplicableByCategory() {
        return countBy(Status.NOT_APPLICABLE, MapEntry::reasonCategory);
    }

    private Map<String, Long> countBy(Status status, Function<MapEntry, String> key) {
        Map<String, Long> counts = new TreeMap<>();
        cases.stream().filter(c -> c.accountedFor() && c.entry().status() == status)
                .forEach(c -> counts.merge(key.apply(c.entry()), 1L, Long::sum));
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
    }

    /** Every distinct selector of the mapped cases, in order of first use. */
    public List<String> selectors() {
        return cases.stream().filter(TracedCase::accountedFor).flatMap(c -> c.entry().selectors().stream()).distinct().toList();
    }
}
