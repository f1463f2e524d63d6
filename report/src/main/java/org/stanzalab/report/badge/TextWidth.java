package org.stanzalab.report.badge;

/**
 * Estimated width in pixels of a text in 11px Verdana / DejaVu Sans, the badge font. The table holds the
 * advance widths of printable ASCII measured from DejaVu Sans at 11px (Verdana's are within a few percent);
 * any other character counts as wide, so that an estimate errs on the side of room.
 */
final class TextWidth {
    private static final double OTHER = 9.5;
    private static final double[] ASCII = { // ' ' (32) to '~' (126)
        3.50, 4.41, 5.06, 9.22, 7.00, 10.45, 8.58, 3.02, 4.29, 4.29, 5.50, 9.22,
        3.50, 3.97, 3.50, 3.71, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00, 7.00,
        7.00, 7.00, 3.71, 3.71, 9.22, 9.22, 9.22, 5.84, 11.00, 7.52, 7.55, 7.68,
        8.47, 6.95, 6.33, 8.52, 8.27, 3.24, 3.24, 7.21, 6.13, 9.49, 8.23, 8.66,
        6.63, 8.66, 7.64, 6.98, 6.72, 8.05, 7.52, 10.88, 7.54, 6.72, 7.54, 4.29,
        3.71, 4.29, 9.22, 5.50, 5.50, 6.74, 6.98, 6.05, 6.98, 6.77, 3.87, 6.98,
        6.97, 3.06, 3.06, 6.37, 3.06, 10.72, 6.97, 6.73, 6.98, 6.98, 4.52, 5.73,
        4.31, 6.97, 6.51, 9.00, 6.51, 6.51, 5.77, 7.00, 3.71, 7.00, 9.22,
    };

    private TextWidth() {
    }

    static double of(String text) {
        double width = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            width += cp >= 32 && cp <= 126 ? ASCII[cp - 32] : OTHER;
            i += Character.charCount(cp);
        }
        return width;
    }
}
