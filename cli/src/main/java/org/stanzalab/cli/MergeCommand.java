package org.stanzalab.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;
import org.stanzalab.report.Merge;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Joins partial runs of one server into one set of reports. */
@Command(name = "merge", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Join partial runs of one server (results.json files) into one set of reports: results.json, "
                + "junit.xml, report.html, summary.md and badges.",
                "A test in more than one run keeps the verdict of the run that started later; the merged run's notices "
                        + "list the tests whose verdicts differed. Profiles are not carried over.",
                "Exit codes: 0 reports written, 2 usage error (unreadable file, or runs of different servers)."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "2..*", paramLabel = "RESULTS.json", description = "The runs to join, all of one server.")
    List<Path> files;

    @Option(names = "--report-dir", paramLabel = "DIR", required = true, description = "Where the merged reports go.")
    Path reportDir;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<RunResult> runs = files.stream().map(ReportFiles::read).toList();
        String domain = runs.get(0).target().domain();
        for (int i = 1; i < runs.size(); i++) {
            String other = runs.get(i).target().domain();
            if (other == null || !other.equalsIgnoreCase(domain)) {
                throw UserError.usage("cannot merge runs of different servers: " + files.get(0) + " is of " + domain
                        + ", " + files.get(i) + " of " + other);
            }
        }
        RunResult merged = Merge.of(runs);
        ReportFiles.writeAll(merged, reportDir);
        PrintWriter out = command.commandLine().getOut();
        Summary s = merged.summary();
        out.println(String.format(Locale.ROOT, "%s: %d runs merged, %d tests: %d passed, %d failed, %d impossible, %d errors%s",
                domain, runs.size(), s.total(), s.passed(), s.failed(), s.impossible(), s.errors(),
                merged.notRun().isEmpty() ? "" : "; " + merged.notRun().size() + " not run"));
        merged.notices().stream().filter(n -> n.contains("different verdicts")).forEach(out::println);
        out.println("reports: " + reportDir.resolve("report.html") + ", " + reportDir.resolve("results.json") + ", "
                + reportDir.resolve("junit.xml") + ", " + reportDir.resolve("summary.md"));
        out.flush();
        return ExitCode.OK;
    }
}
