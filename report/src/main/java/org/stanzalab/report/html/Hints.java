package org.stanzalab.report.html;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.stanzalab.model.Level;
import org.stanzalab.model.SpecRef;
import org.stanzalab.model.TestResult;

/**
 * What to do about a test that did not pass, derived only from what the result says: the requirement for a
 * failure, the missing feature named in the reason for an impossible test, the things to check for an error.
 */
final class Hints {
    /** Reasons of impossible tests name what the server lacks in a few recurring shapes. */
    private static final List<Pattern> MISSING_FEATURE = List.of(
            Pattern.compile("does not offer (.+?)(?: \\(|$)"),
            Pattern.compile("do not offer (.+?)(?: \\(|$)"),
            Pattern.compile("no (\\S+(?: \\S+)?) service"));

    private Hints() {
    }

    static String forResult(TestResult test) {
        return switch (test.outcome()) {
            case FAILED -> forFailure(test.spec());
            case IMPOSSIBLE -> forImpossible(test.reason());
            case ERROR -> forError(test.id());
            case PASSED -> "";
        };
    }

    private static String forFailure(SpecRef spec) {
        if (spec == null) {
            return "Compare the transcript below with the reason above.";
        }
        String hint = "Change the server so that " + sentence(spec.requirement()) + " Then compare the transcript below with "
                + spec.document() + " §" + spec.section() + " to see where the server's answer departs from it.";
        if (spec.level() == Level.SHOULD) {
            hint += " This is a SHOULD: a server may deviate for a good reason, but clients can then not rely on it.";
        } else if (spec.level() == Level.MAY) {
            hint += " This is a MAY: the behaviour is optional, and the test checks it only where the server offers it.";
        }
        return hint;
    }

    private static String forImpossible(String reason) {
        String feature = missingFeature(reason);
        if (feature == null) {
            return "This is no failure: the test needs something the server did not offer or send, as \"what happened\""
                    + " says. Enabling it on the server (a module, a mechanism, a setting) makes the test decidable;"
                    + " run the test again afterwards.";
        }
        return "This is no failure: the server does not offer " + feature + ", which this test needs to decide."
                + " Enabling " + feature + " on the server makes the test decidable; run the test again afterwards.";
    }

    private static String forError(String id) {
        return "An error is no verdict on the server: the test could not run to the end. Check that the server stayed"
                + " reachable for the whole run, that the test accounts could log in, and the notices at the top of this"
                + " page; then run this test alone again with --test '" + id + "'.";
    }

    static String missingFeature(String reason) {
        if (reason == null) {
            return null;
        }
        for (Pattern pattern : MISSING_FEATURE) {
            Matcher m = pattern.matcher(reason);
            if (m.find()) {
                return m.group(1).strip();
            }
        }
        return null;
    }

    private static String sentence(String text) {
        String t = text == null ? "" : text.strip();
        return t.endsWith(".") ? t : t + ".";
    }
}
