package org.stanzalab.report.markdown;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.stanzalab.model.SpecRef;
import org.stanzalab.report.Text;

/**
 * Text made safe for GitHub-flavoured Markdown. Reasons quote XML and JIDs: unescaped, GitHub would drop the
 * XML as HTML, turn JIDs into mail links and @words into mentions, and a pipe would split a table cell.
 */
final class Markdown {
    /** ASCII punctuation that can start markup inline; CommonMark allows a backslash before any of them. */
    private static final String SPECIAL = "\\`*_[]<>|~&@$#!";

    private Markdown() {
    }

    /** Plain text for a paragraph or a table cell: markup characters escaped, line breaks as {@code <br>}. */
    static String text(String raw) {
        if (raw == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(raw.length() + 16);
        String[] lines = raw.strip().split("\r\n|\r|\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (i > 0) {
                sb.append("<br>");
            }
            for (char ch : lines[i].toCharArray()) {
                if (SPECIAL.indexOf(ch) >= 0) {
                    sb.append('\\');
                }
                sb.append(ch);
            }
        }
        return sb.toString();
    }

    /**
     * A code span that shows {@code raw} literally, also inside a table: the fence is longer than any run of
     * backticks in it, and pipes are escaped because GitHub splits table cells before it reads code spans.
     */
    static String code(String raw) {
        String content = raw.replaceAll("\r\n|\r|\n", " ").replace("|", "\\|");
        int longest = 0;
        int run = 0;
        for (char ch : content.toCharArray()) {
            run = ch == '`' ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        String fence = "`".repeat(longest + 1);
        boolean pad = content.startsWith("`") || content.endsWith("`");
        return fence + (pad ? " " : "") + content + (pad ? " " : "") + fence;
    }

    /**
     * The first line of a reason, without the citation it starts with when the table shows that citation in its
     * own column already.
     */
    static String reason(SpecRef spec, String reason, int max) {
        String line = Text.firstLine(reason, Integer.MAX_VALUE);
        if (spec != null && line.startsWith(spec.citation() + ":")) {
            line = line.substring(spec.citation().length() + 1).strip();
        }
        return Text.firstLine(line, max);
    }

    /** A table row of cells that are already Markdown. */
    static String row(Object... cells) {
        return Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n"));
    }

    /** The header row and alignment row; columns after the first {@code leftColumns} are numbers, right-aligned. */
    static String header(int leftColumns, String... titles) {
        StringBuilder align = new StringBuilder("|");
        for (int i = 0; i < titles.length; i++) {
            align.append(i < leftColumns ? " --- |" : " ---: |");
        }
        return row((Object[]) titles) + align + "\n";
    }
}
