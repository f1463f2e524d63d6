package org.stanzalab.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import org.stanzalab.model.TestId;
import org.stanzalab.report.catalog.AreaCounts;
import org.stanzalab.report.catalog.FeatureCatalog;
import org.stanzalab.report.catalog.MapEntry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Traces a feature catalog to the tests: counts per area, pending suites, and a check of the map; needs no server. */
@Command(name = "catalog", mixinStandardHelpOptions = true, versionProvider = Stanzalab.Version.class,
        description = "Show how a feature catalog's cases map to the tests, and check the map.")
final class CatalogCommand implements Callable<Integer> {
    static final String DEFAULT_CATALOG = "catalogs/feature-catalog.tsv";
    static final String DEFAULT_MAP = "catalogs/feature-catalog-map.tsv";

    @Option(names = "--catalog", paramLabel = "FILE", description = "The catalog (default: " + DEFAULT_CATALOG + " under STANZALAB_HOME).")
    Path catalog;

    @Option(names = "--map", paramLabel = "FILE", description = "Its map to the tests (default: " + DEFAULT_MAP + " under STANZALAB_HOME).")
    Path map;

    @Option(names = "--area", paramLabel = "NAME", description = "Only this area (case-insensitive).")
    String area;

    @Option(names = "--cases", description = "List every case with its status and detail.")
    boolean listCases;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Path home = Path.of(System.getenv().getOrDefault("STANZALAB_HOME", "."));
        FeatureCatalog all = load(catalog != null ? catalog : home.resolve(DEFAULT_CATALOG), map != null ? map : home.resolve(DEFAULT_MAP));
        FeatureCatalog shown = all;
        if (area != null) {
            if (all.areaNames().stream().noneMatch(a -> a.equalsIgnoreCase(area.strip()))) {
                throw UserError.usage("no area '" + area + "' in the catalog; areas: " + String.join(", ", all.areaNames()));
            }
            shown = all.area(area);
        }
        PrintWriter out = command.commandLine().getOut();
        if (listCases) {
            printCases(out, shown);
        } else {
            printSummary(out, shown);
        }
        List<String> problems = new ArrayList<>(shown == all ? all.problems() : List.of());
        problems.addAll(unaccounted(shown));
        problems.addAll(selectorsMatchingNoTest(shown));
        if (problems.isEmpty()) {
            out.println("all " + shown.total().cases() + " cases accounted for; every mapped selector matches a test");
            return ExitCode.OK;
        }
        out.println(problems.size() + (problems.size() == 1 ? " problem:" : " problems:"));
        problems.forEach(p -> out.println("  " + p));
        return ExitCode.FAILURES;
    }

    private static FeatureCatalog load(Path catalogFile, Path mapFile) {
        try {
            return FeatureCatalog.load(catalogFile, mapFile);
        } catch (java.nio.file.NoSuchFileException e) {
            throw UserError.usage("cannot read the catalog: no such file " + e.getFile());
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            throw UserError.usage("cannot read the catalog: " + why.lines().findFirst().orElse(why));
        }
    }

    /** Problems of the rows of the shown cases only, so that --area reports its own. */
    private static List<String> unaccounted(FeatureCatalog shown) {
        return shown.cases().stream().filter(c -> c.entry() == null)
                .map(c -> c.catalogCase().id() + " (" + c.catalogCase().area() + ") is missing from the map")
                .filter(p -> !shown.problems().contains(p))
                .toList();
    }

    private static List<String> selectorsMatchingNoTest(FeatureCatalog shown) {
        List<String> selectors = shown.selectors();
        if (selectors.isEmpty()) {
            return List.of();
        }
        List<String> testIds = Suites.discover(new SelectionOptions()).stream().map(Suites.PlannedTest::id).toList();
        List<String> problems = new ArrayList<>();
        for (String selector : selectors) {
            Pattern glob = TestId.glob(selector);
            if (testIds.stream().noneMatch(id -> glob.matcher(id).matches())) {
                List<String> users = shown.cases().stream()
                        .filter(c -> c.accountedFor() && c.entry().selectors().contains(selector))
                        .map(c -> c.catalogCase().id()).toList();
                problems.add("selector " + selector + " (" + String.join(", ", users) + ") matches no test");
            }
        }
        return problems;
    }

    private static void printSummary(PrintWriter out, FeatureCatalog shown) {
        String row = "%-28s %6s %7s %8s %5s%n";
        out.printf(Locale.ROOT, row, "area", "cases", "mapped", "pending", "n/a");
        for (AreaCounts a : shown.areas()) {
            printCounts(out, row, a);
        }
        printCounts(out, row, shown.total());
        out.println();
        printGroups(out, "pending, by suite:", shown.pendingBySuite());
        printGroups(out, "not applicable, by reason:", shown.notApplicableByCategory());
    }

    private static void printCounts(PrintWriter out, String row, AreaCounts a) {
        out.printf(Locale.ROOT, row, a.area(), a.cases(), a.mapped(), a.pending(), a.notApplicable());
    }

    private static void printGroups(PrintWriter out, String title, Map<String, Long> counts) {
        if (counts.isEmpty()) {
            return;
        }
        out.println(title);
        counts.forEach((name, n) -> out.printf(Locale.ROOT, "  %4d  %s%n", n, name));
        out.println();
    }

    private static void printCases(PrintWriter out, FeatureCatalog shown) {
        for (FeatureCatalog.TracedCase c : shown.cases()) {
            MapEntry e = c.entry();
            String status = e == null ? "(missing)" : e.statusWord();
            String detail = e == null ? "" : e.detail();
            out.printf(Locale.ROOT, "%-14s %-15s %s%n", c.catalogCase().id(), status, detail);
        }
        out.println();
    }
}
