package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The catalog map kept in the repository accounts for every case, and its selectors name real tests. */
class CatalogCommandTest {
    /** Maven runs the cli module's tests in cli/, so the repository root is one up. */
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    private static CommandLineTest.Outcome catalog(String... extra) {
        String[] args = new String[extra.length + 5];
        args[0] = "catalog";
        args[1] = "--catalog";
        args[2] = ROOT.resolve(CatalogCommand.DEFAULT_CATALOG).toString();
        args[3] = "--map";
        args[4] = ROOT.resolve(CatalogCommand.DEFAULT_MAP).toString();
        System.arraycopy(extra, 0, args, 5, extra.length);
        return CommandLineTest.run(args);
    }

    @Test
    void theRepositoryMapAccountsForAll500CasesWithSelectorsThatMatchTests() {
        CommandLineTest.Outcome o = catalog();
        assertEquals(ExitCode.OK, o.code(), o.out() + o.err());
        assertTrue(o.out().contains("all 500 cases accounted for; every mapped selector matches a test"), o.out());
        assertTrue(o.out().matches("(?s).*total\\s+500\\s.*"), o.out());
    }

    @Test
    void casesListsEveryCaseOfAnArea() {
        CommandLineTest.Outcome o = catalog("--cases", "--area", "multiuser chat");
        assertEquals(ExitCode.OK, o.code(), o.out() + o.err());
        assertEquals(50, o.out().lines().filter(l -> l.startsWith("muc-")).count(), o.out());
    }

    @Test
    void aSelectorMatchingNoTestIsAFailure(@TempDir Path dir) throws IOException {
        Path catalog = Files.writeString(dir.resolve("c.tsv"), "id\tarea\na-01\tAlpha\n");
        Path map = Files.writeString(dir.resolve("m.tsv"), "id\tstatus\tdetail\na-01\tmapped\trfc6120.NoSuchClass\n");
        CommandLineTest.Outcome o = CommandLineTest.run("catalog", "--catalog", catalog.toString(), "--map", map.toString());
        assertEquals(ExitCode.FAILURES, o.code(), o.out());
        assertTrue(o.out().contains("selector rfc6120.NoSuchClass (a-01) matches no test"), o.out());
    }

    @Test
    void anUnreadableFileIsAUsageError(@TempDir Path dir) {
        CommandLineTest.Outcome o = CommandLineTest.run("catalog", "--catalog", dir.resolve("absent.tsv").toString());
        assertEquals(ExitCode.USAGE, o.code());
        o.assertOneLineError("cannot read the catalog");
    }
}
