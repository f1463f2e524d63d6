package org.stanzalab.model;

import java.util.Locale;

/** The requirement a test checks, as data for reports and filters (the engine's {@code @Spec} annotation, read). */
public record SpecRef(String document, String version, String section, Level level, String requirement) {

    /** "RFC 6120 §8.4 (MUST)": how failures and reports cite a requirement. */
    public String citation() {
        return document + " §" + section + " (" + level + ")";
    }

    /** "RFC6120", "XEP0030": the key used by --spec filters, insensitive to spaces, dashes and case. */
    public String documentKey() {
        return normalize(document);
    }

    public static String normalize(String document) {
        return document.replaceAll("[\\s_-]", "").toUpperCase(Locale.ROOT);
    }
}
