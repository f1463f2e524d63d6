package org.stanzalab.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.stanzalab.model.RunResult;
import org.stanzalab.report.html.HtmlReport;
import org.stanzalab.report.html.MatrixReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Turns results.json files into HTML: one file gives its report, two or more the interop matrix. */
@Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Write an HTML report from results.json files; needs no server.",
        "One file: the run's report (default: report.html next to it). Two or more: the interop matrix of the runs"
                + " (default: matrix.html in the current directory)."})
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "RESULTS.json", description = "results.json files written by 'stanzalab run'.")
    List<Path> inputs = new ArrayList<>();

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Where to write the HTML page.")
    Path output;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        List<RunResult> runs = new ArrayList<>();
        for (Path input : inputs) {
            runs.add(ReportFiles.read(input));
        }
        Path file = output != null ? output
                : runs.size() == 1 ? inputs.get(0).toAbsolutePath().resolveSibling("report.html") : Path.of("matrix.html");
        try {
            if (runs.size() == 1) {
                HtmlReport.write(runs.get(0), file);
            } else {
                MatrixReport.write(runs, file);
            }
        } catch (IOException e) {
            throw UserError.usage("cannot write " + file + ": " + e.getMessage());
        }
        command.commandLine().getOut().println(file.toAbsolutePath().normalize());
        return ExitCode.OK;
    }
}
