package org.stanzalab.report;

/** Short forms of long texts (reasons, notes) for one-line places: tables, attributes, console rows. */
public final class Text {
    private Text() {
    }

    /** The first non-blank line, cut to at most {@code max} characters; empty for null or blank text. */
    public static String firstLine(String text, int max) {
        if (text == null || text.isBlank()) {
            return "";
        }
        String line = text.strip().lines().findFirst().orElse("").strip();
        return line.length() <= max ? line : line.substring(0, max - 1) + "…";
    }
}
