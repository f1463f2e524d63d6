package org.stanzalab.report.catalog;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A tab-separated file with a header row: each later row as column name to value, with its line number. */
final class Tsv {
    record Row(int line, Map<String, String> values) {
        String get(String column) {
            return values.getOrDefault(column, "").strip();
        }
    }

    private Tsv() {
    }

    /** Reads the rows, skipping blank lines; a file without the required columns is refused, not half read. */
    static List<Row> read(Path file, List<String> requiredColumns) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty()) {
            throw new IOException(file + " is empty: a header row is needed");
        }
        String[] header = lines.get(0).replace("\uFEFF", "").split("\t", -1);
        List<String> columns = List.of(header).stream().map(String::strip).toList();
        for (String required : requiredColumns) {
            if (!columns.contains(required)) {
                throw new IOException(file + ": no '" + required + "' column in the header row");
            }
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank()) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            Map<String, String> values = new HashMap<>();
            for (int c = 0; c < columns.size() && c < cells.length; c++) {
                values.put(columns.get(c), cells[c]);
            }
            rows.add(new Row(i + 1, values));
        }
        return rows;
    }
}
