package org.stanzalab.engine;

import java.lang.reflect.Method;
import java.util.Locale;
import java.util.Optional;

/** A plain-data view of a {@link Spec}, for reports and filters. */
public record SpecRef(String document, String version, String section, Level level, String requirement) {

    public static SpecRef of(Spec spec) {
        return new SpecRef(spec.document(), spec.version(), spec.section(), spec.level(), spec.requirement());
    }

    public static Optional<SpecRef> of(Method method) {
        return Optional.ofNullable(method.getAnnotation(Spec.class)).map(SpecRef::of);
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
