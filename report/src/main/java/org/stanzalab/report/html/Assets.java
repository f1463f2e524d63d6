package org.stanzalab.report.html;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The pages' style sheet (report.css: system fonts, colours with WCAG AA contrast, each verdict as colour and word)
 * and the report's script (report.js: filters, counts, and "#click=ID", which opens a test through the same click a
 * reader makes). They are resource files beside this class, edited as CSS and JavaScript, and inlined into every
 * page so that a report stays one self-contained file.
 */
final class Assets {
    static final String CSS = load("report.css");
    static final String REPORT_SCRIPT = load("report.js");

    private Assets() {
    }

    private static String load(String name) {
        try (InputStream in = Assets.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the class path: the build left it out");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name + " from the class path", e);
        }
    }
}
