package org.stanzalab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.stanzalab.model.RunResult;
import org.stanzalab.report.compare.Comparison;
import org.stanzalab.report.compare.ComparisonJson;
import org.stanzalab.report.compare.ComparisonText;
import org.stanzalab.report.markdown.MarkdownComparison;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Compares two results.json files test by test; the exit code says whether the newer run regressed. */
@Command(name = "compare", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Compare two runs (results.json) test by test.",
                "A regression is a test that newly failed (was passed, impossible or absent), newly ended in error, "
                        + "or was passed and is now impossible (a feature the test needs disappeared). "
                        + "Tests in only one run are listed as added or removed and are no regression, "
                        + "unless they failed or ended in error.",
                "Exit codes: 0 no regression, 1 at least one regression (with --fail-on-change: any change), "
                        + "2 usage error (missing, unreadable or not a results.json file)."})
final class CompareCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "OLD.json", description = "The earlier run.")
    Path older;

    @Parameters(index = "1", paramLabel = "NEW.json", description = "The later run.")
    Path newer;

    @Option(names = "--fail-on-change", description = "Exit 1 on any verdict change, also improvements and added or removed tests.")
    boolean failOnChange;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Also write the comparison as Markdown to FILE.")
    Path markdown;

    @Option(names = "--json", description = "Print the comparison as JSON instead of text.")
    boolean json;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        RunResult before = ReportFiles.read(older);
        RunResult after = ReportFiles.read(newer);
        Comparison comparison = Comparison.of(before, after);
        String olderName = older.toString();
        String newerName = newer.toString();
        if (markdown != null) {
            ReportFiles.write(markdown, MarkdownComparison.render(comparison, olderName, newerName));
        }
        PrintWriter out = command.commandLine().getOut();
        out.print(json ? ComparisonJson.render(comparison, olderName, newerName)
                : ComparisonText.render(comparison, olderName, newerName));
        out.flush();
        boolean failing = failOnChange ? comparison.hasChange() : comparison.hasRegression();
        return failing ? ExitCode.FAILURES : ExitCode.OK;
    }
}
