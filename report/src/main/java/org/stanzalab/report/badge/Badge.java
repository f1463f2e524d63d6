package org.stanzalab.report.badge;

import java.util.Locale;

import org.stanzalab.model.ProfileVerdict;
import org.stanzalab.model.RowOutcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.Summary;

/**
 * A flat two-part badge (label | message) as a self-contained SVG: no external fonts, images or links, and a
 * title for screen readers. Text boxes are sized from {@link TextWidth}; textLength keeps the text inside its box
 * even when the viewer substitutes another font.
 */
public record Badge(String label, String message, String color) {
    public static final String GREEN = "#3c9a1f";
    public static final String RED = "#d9453a";
    /** Undecided, impossible, or tests that could not run: neither the server's success nor its fault. */
    public static final String GREY_YELLOW = "#a08c2e";
    static final String LABEL_COLOR = "#555";
    private static final double PADDING = 6;
    private static final int HEIGHT = 20;

    /** "stanzalab" | "826/898 passed": red when any test failed, grey-yellow when any could not run. */
    public static Badge forRun(RunResult run) {
        Summary s = run.summary() != null ? run.summary() : Summary.of(run.tests(), 0);
        if (s.total() == 0) {
            return new Badge("stanzalab", "no tests", GREY_YELLOW);
        }
        String color = s.failed() > 0 ? RED : s.errors() > 0 ? GREY_YELLOW : GREEN;
        return new Badge("stanzalab", s.passed() + "/" + s.total() + " passed", color);
    }

    /** The profile's id | its verdict word. */
    public static Badge forProfile(ProfileVerdict profile) {
        RowOutcome verdict = profile.verdict() == null ? RowOutcome.UNDECIDED : profile.verdict();
        String color = switch (verdict) {
            case PASSED -> GREEN;
            case FAILED -> RED;
            case UNDECIDED -> GREY_YELLOW;
        };
        return new Badge(profile.id(), verdict.word(), color);
    }

    public double labelWidth() {
        return boxWidth(label);
    }

    public double messageWidth() {
        return boxWidth(message);
    }

    public double width() {
        return labelWidth() + messageWidth();
    }

    public String svg() {
        double lw = labelWidth();
        double mw = messageWidth();
        double w = lw + mw;
        String title = xml(label + ": " + message);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(n(w)).append("\" height=\"").append(HEIGHT)
                .append("\" viewBox=\"0 0 ").append(n(w)).append(' ').append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"").append(title).append("\">\n");
        svg.append("  <title>").append(title).append("</title>\n");
        svg.append("  <linearGradient id=\"shine\" x2=\"0\" y2=\"100%\">"
                + "<stop offset=\"0\" stop-color=\"#fff\" stop-opacity=\".12\"/>"
                + "<stop offset=\"1\" stop-opacity=\".12\"/></linearGradient>\n");
        svg.append("  <clipPath id=\"round\"><rect width=\"").append(n(w)).append("\" height=\"").append(HEIGHT)
                .append("\" rx=\"3\"/></clipPath>\n");
        svg.append("  <g clip-path=\"url(#round)\">\n");
        svg.append("    <rect width=\"").append(n(lw)).append("\" height=\"").append(HEIGHT).append("\" fill=\"")
                .append(LABEL_COLOR).append("\"/>\n");
        svg.append("    <rect x=\"").append(n(lw)).append("\" width=\"").append(n(mw)).append("\" height=\"").append(HEIGHT)
                .append("\" fill=\"").append(color).append("\"/>\n");
        svg.append("    <rect width=\"").append(n(w)).append("\" height=\"").append(HEIGHT).append("\" fill=\"url(#shine)\"/>\n");
        svg.append("  </g>\n");
        svg.append("  <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,Geneva,sans-serif\" font-size=\"11\">\n");
        text(svg, label, lw / 2);
        text(svg, message, lw + mw / 2);
        svg.append("  </g>\n</svg>\n");
        return svg.toString();
    }

    /** The text twice: a faint shadow one pixel lower, then the text itself. */
    private static void text(StringBuilder svg, String text, double centre) {
        String length = n(TextWidth.of(text));
        String escaped = xml(text);
        svg.append("    <text x=\"").append(n(centre)).append("\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"")
                .append(length).append("\" lengthAdjust=\"spacingAndGlyphs\" aria-hidden=\"true\">").append(escaped).append("</text>\n");
        svg.append("    <text x=\"").append(n(centre)).append("\" y=\"14\" textLength=\"").append(length)
                .append("\" lengthAdjust=\"spacingAndGlyphs\">").append(escaped).append("</text>\n");
    }

    private static double boxWidth(String text) {
        return Math.ceil(TextWidth.of(text) + 2 * PADDING);
    }

    private static String n(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }

    /** XML text and attribute escaping; characters XML 1.0 cannot carry are dropped. */
    static String xml(String raw) {
        StringBuilder sb = new StringBuilder(raw.length());
        raw.codePoints().forEach(cp -> {
            switch (cp) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> {
                    boolean allowed = cp == 0x9 || cp >= 0x20 && cp <= 0xD7FF || cp >= 0xE000 && cp <= 0xFFFD || cp >= 0x10000;
                    if (allowed) {
                        sb.appendCodePoint(cp);
                    }
                }
            }
        });
        return sb.toString();
    }
}
