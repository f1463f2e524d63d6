package org.stanzalab.model;

import java.util.Locale;

/**
 * The requirement a test checks, as data for reports and filters (the engine's {@code @Spec} annotation, read).
 *
 * @param securityRelevant a failure of this requirement lets one user act as another, read or change another's
 *                         data, or get past authentication or encryption; false in files of schema 3 and before
 */
public record SpecRef(String document, String version, String section, Level level, String requirement,
                      boolean securityRelevant) {

    /** A requirement whose failure is not security-relevant. */
    public SpecRef(String document, String version, String section, Level level, String requirement) {
        this(document, version, section, level, requirement, false);
    }

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
