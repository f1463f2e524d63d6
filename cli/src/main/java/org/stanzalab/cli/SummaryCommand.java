package org.stanzalab.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RunResult;
import org.stanzalab.report.badge.Badge;
import org.stanzalab.report.markdown.MarkdownSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Writes a run's Markdown summary (for CI job pages) and SVG badges. */
@Command(name = "summary", sortOptions = false, mixinStandardHelpOptions = true,
        description = {"Write a run's summary as Markdown (for a CI job page) and SVG badges.",
                "On GitHub Actions: stanzalab summary results.json >> \"$GITHUB_STEP_SUMMARY\"",
                "Exit codes: 0 written (whatever the run's verdicts), 2 usage error."})
final class SummaryCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RESULTS.json", description = "The run (results.json).")
    Path results;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write the Markdown to FILE instead of standard output.")
    Path markdown;

    @Option(names = "--badges", paramLabel = "DIR",
            description = "Write DIR/stanzalab.svg and DIR/<profile id>.svg for each profile in the results.")
    Path badges;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        RunResult run = ReportFiles.read(results);
        String text = MarkdownSummary.render(run);
        if (markdown != null) {
            ReportFiles.write(markdown, text);
        } else {
            command.commandLine().getOut().print(text);
            command.commandLine().getOut().flush();
        }
        if (badges != null) {
            writeBadges(run, badges);
        }
        return ExitCode.OK;
    }

    /** DIR/stanzalab.svg for the run, and DIR/<profile id>.svg for each profile it was graded against. */
    static void writeBadges(RunResult run, Path dir) {
        ReportFiles.write(dir.resolve("stanzalab.svg"), Badge.forRun(run).svg());
        for (ProfileVerdict profile : run.profiles()) {
            ReportFiles.write(dir.resolve(fileName(profile.id()) + ".svg"), Badge.forProfile(profile).svg());
        }
    }

    /** A profile id as a file name: anything but letters, digits, dot, dash and underscore becomes a dash. */
    static String fileName(String profileId) {
        String name = profileId == null ? "" : profileId.replaceAll("[^A-Za-z0-9._-]", "-");
        return name.isEmpty() || name.startsWith(".") ? "profile-" + name : name;
    }
}
