package org.stanzalab.model;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How tests are named everywhere (lists, reports, expected verdicts, --test): the class path below the suites
 * package and the method, "rfc6120.StartTls.isOfferedBeforeAuthentication". A parameterised case adds its key,
 * "rfc6121.MessageRouting.toBareJid[chat-two-equal]", when the method names its cases with
 * {@code @ParameterizedTest(name = "{0}")}; otherwise its invocation number, "[3]".
 */
public final class TestId {
    /** Suites live below this package; ids start after it. */
    public static final String SUITES_PACKAGE = "org.stanzalab.suites.";

    /** Configuration parameters carrying --test and --exclude to the engine, which selects parameterised cases. */
    public static final String INCLUDE_PARAMETER = "stanzalab.select.include";
    public static final String EXCLUDE_PARAMETER = "stanzalab.select.exclude";
    /** The reason given for a case left out by the selection; such cases are not results. */
    public static final String NOT_SELECTED = "not selected by --test/--exclude";

    private TestId() {
    }

    /** The id of a test method, or of one case of a parameterised method when caseKey is not null. */
    public static String of(String className, String methodName, String caseKey) {
        String shortClass = className.startsWith(SUITES_PACKAGE) ? className.substring(SUITES_PACKAGE.length()) : className;
        String id = shortClass.replace('$', '.') + "." + methodName;
        return caseKey == null ? id : id + "[" + caseKey + "]";
    }

    /** JUnit's default invocation names start with "[n]"; a name of the suite's own choosing is the case key. */
    public static String caseKey(String displayName, String invocationNumber) {
        return displayName.isBlank() || displayName.startsWith("[") ? invocationNumber : displayName.strip();
    }

    /** A glob with * and ?, or, without wildcards, an id or an id prefix ("rfc6120.StartTls"). Case-insensitive. */
    public static Pattern glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (char c : glob.trim().toCharArray()) {
            switch (c) {
                case '*' -> regex.append(".*");
                case '?' -> regex.append('.');
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        boolean wildcard = glob.contains("*") || glob.contains("?");
        return Pattern.compile(wildcard ? regex.toString() : regex + "([.\\[].*)?", Pattern.CASE_INSENSITIVE);
    }

    /** Whether an id passes --test (none given: all) and --exclude. */
    public static boolean selected(String id, List<Pattern> includes, List<Pattern> excludes) {
        if (!includes.isEmpty() && includes.stream().noneMatch(p -> p.matcher(id).matches())) {
            return false;
        }
        return excludes.stream().noneMatch(p -> p.matcher(id).matches());
    }

    /** Patterns from a configuration parameter value: globs separated by newlines. */
    public static List<Pattern> globs(String joined) {
        if (joined == null || joined.isBlank()) {
            return List.of();
        }
        return joined.lines().filter(s -> !s.isBlank()).map(TestId::glob).toList();
    }
}
