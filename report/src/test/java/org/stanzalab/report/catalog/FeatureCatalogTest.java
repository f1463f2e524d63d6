package org.stanzalab.report.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeatureCatalogTest {
    @TempDir
    Path dir;

    private Path write(String name, String... lines) throws IOException {
        return Files.writeString(dir.resolve(name), String.join("\n", lines) + "\n");
    }

    private Path catalog() throws IOException {
        return write("catalog.tsv", "id\tarea\ttitle\tdescription\texpected",
                "a-01\tAlpha\tOne\tdo one\tdone", "a-02\tAlpha\tTwo\tdo two\tdone", "b-01\tBeta\tThree\tdo three\tdone");
    }

    @Test
    void joinsAndCountsPerArea() throws IOException {
        Path map = write("map.tsv", "id\tstatus\tdetail\tnote",
                "a-01\tmapped\trfc6120.StartTls, xep0199*\tpartly",
                "a-02\tpending\tsuite: xep0045 (Multi-User Chat)\t",
                "b-01\tnot-applicable\tduplicate of a-01: the same\t");
        FeatureCatalog c = FeatureCatalog.load(catalog(), map);

        assertEquals(List.of(), c.problems());
        assertEquals(List.of(new AreaCounts("Alpha", 2, 1, 1, 0), new AreaCounts("Beta", 1, 0, 0, 1)), c.areas());
        assertEquals(new AreaCounts("total", 3, 1, 1, 1), c.total());
        assertEquals(Map.of("xep0045 (Multi-User Chat)", 1L), c.pendingBySuite());
        assertEquals(Map.of("duplicate", 1L), c.notApplicableByCategory());
        assertEquals(List.of("rfc6120.StartTls", "xep0199*"), c.selectors());
        assertEquals(1, c.area("beta").cases().size());
    }

    @Test
    void reportsEveryKindOfProblem() throws IOException {
        Path map = write("map.tsv", "id\tstatus\tdetail",
                "a-01\tmapped\trfc6120.StartTls",
                "a-01\tpending\tsuite: tls (TLS)",
                "x-99\tpending\tsuite: tls (TLS)",
                "a-02\tdone\tsomething");
        Path catalog = write("catalog.tsv", "id\tarea", "a-01\tAlpha", "a-02\tAlpha", "b-01\tBeta", "b-01\tBeta", "c-01\tGamma");
        Path withEmpty = write("map2.tsv", "id\tstatus\tdetail", "c-01\tnot-applicable\t ");

        FeatureCatalog c = FeatureCatalog.load(catalog, map);
        List<String> problems = c.problems();

        assertTrue(problems.contains("catalog line 5: duplicate id b-01"), problems::toString);
        assertTrue(problems.contains("map line 3: duplicate id a-01"), problems::toString);
        assertTrue(problems.contains("map line 4: x-99 is not in the catalog"), problems::toString);
        assertTrue(problems.stream().anyMatch(p -> p.contains("unknown status 'done'")), problems::toString);
        assertTrue(problems.contains("b-01 (Beta) is missing from the map"), problems::toString);
        assertEquals(1, c.total().mapped());
        assertEquals(3, c.total().unaccounted());
        assertTrue(FeatureCatalog.load(catalog, withEmpty).problems().contains("map line 2: c-01: empty detail for not-applicable"));
    }

    @Test
    void aFileWithoutTheColumnsOrUnreadableIsAnIoError() throws IOException {
        Path noStatus = write("map.tsv", "id\tdetail", "a-01\tx");
        assertThrows(IOException.class, () -> FeatureCatalog.load(catalog(), noStatus));
        assertThrows(IOException.class, () -> FeatureCatalog.load(dir.resolve("absent.tsv"), noStatus));
    }

    @Test
    void entryReadsItsDetail() {
        assertEquals("tls (certificate checks)", new MapEntry("a", "pending", Status.PENDING, "suite: tls (certificate checks)", "", 2).suite());
        assertEquals("user-interface", new MapEntry("a", "not-applicable", Status.NOT_APPLICABLE, "user-interface: shown", "", 2).reasonCategory());
        assertEquals(List.of(), new MapEntry("a", "pending", Status.PENDING, "suite: x", "", 2).selectors());
    }
}
