package org.stanzalab.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import org.stanzalab.report.ResultsJson;
import org.stanzalab.report.RunResult;
import org.stanzalab.report.TestResult;

/** Reads a results.json the user named; anything wrong with it is a usage error of one line. */
final class ResultsFiles {
    private ResultsFiles() {
    }

    static RunResult read(Path file) {
        if (!Files.exists(file)) {
            throw UserError.usage(file + ": no such file");
        }
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw UserError.usage(file + ": not a readable file");
        }
        RunResult result;
        try {
            result = ResultsJson.read(file);
        } catch (JsonProcessingException e) {
            throw notResults(file, jsonProblem(e));
        } catch (NoSuchFileException e) {
            throw UserError.usage(file + ": no such file");
        } catch (IOException e) {
            throw UserError.usage(file + ": cannot read (" + e.getMessage() + ")");
        }
        if (result == null || result.tests() == null) {
            throw notResults(file, "no \"tests\" list");
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
        return UserError.usage(file + ": not a stanzalab results.json (" + line + ")");
    }
}
