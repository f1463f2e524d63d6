package org.stanzalab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.stanzalab.model.ResultsJson;
import org.stanzalab.report.JUnitXml;
import org.stanzalab.report.html.HtmlReport;
import org.stanzalab.report.markdown.MarkdownSummary;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.TestResult;

/**
 * The files the report commands read and write: a results.json the user named, and the reports written from it.
 * Anything wrong with either is a usage error of one line.
 */
final class ReportFiles {
    private ReportFiles() {
    }

    static RunResult read(Path file) {
        if (!Files.exists(file)) {
            throw UserError.usage("cannot read " + file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw UserError.usage("cannot read " + file + ": not a readable file");
        }
        RunResult result;
        try {
            result = ResultsJson.read(file);
        } catch (JsonProcessingException e) {
            throw notResults(file, jsonProblem(e));
        } catch (NoSuchFileException e) {
            throw UserError.usage("cannot read " + file + ": no such file");
        } catch (IOException e) {
            throw UserError.usage("cannot read " + file + ": " + e.getMessage());
        }
        if (result == null || result.tests() == null) {
            throw notResults(file, "no \"tests\" list");
        }
        if (result.target() == null || result.schema() < 1) {
            throw notResults(file, "no schema or target");
        }
        for (int i = 0; i < result.tests().size(); i++) {
            TestResult t = result.tests().get(i);
            if (t == null || t.id() == null || t.outcome() == null) {
                throw notResults(file, "test #" + (i + 1) + " has no id or outcome");
            }
        }
        return result;
    }

    /** Jackson's message without the source description it appends, and with the position in the file. */
    private static String jsonProblem(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage()).replaceAll("(?s)\\s*\\(?(start marker )?at \\[Source:.*$", "");
        JsonLocation at = e.getLocation();
        return at == null ? message : "line " + at.getLineNr() + ", column " + at.getColumnNr() + ": " + message;
    }

    private static UserError notResults(Path file, String why) {
        String line = why == null ? "" : why.lines().findFirst().orElse("");
        return UserError.usage(file + " is not a Stanzalab results.json (" + line + ")");
    }

    /** Writes results.json, junit.xml, report.html, summary.md and the badges of a run into a folder. */
    static void writeAll(RunResult result, Path dir) {
        try {
            ResultsJson.write(result, dir.resolve("results.json"));
            JUnitXml.write(result, dir.resolve("junit.xml"));
            HtmlReport.write(result, dir.resolve("report.html"));
        } catch (IOException e) {
            throw UserError.usage(dir + ": cannot write the reports (" + e.getMessage() + ")");
        }
        write(dir.resolve("summary.md"), MarkdownSummary.render(result));
        SummaryCommand.writeBadges(result, dir.resolve("badges"));
    }

    /** Writes a report file, creating its folder. */
    static void write(Path file, String text) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text);
        } catch (IOException e) {
            throw UserError.usage(file + ": cannot write (" + e.getMessage() + ")");
        }
    }
}
