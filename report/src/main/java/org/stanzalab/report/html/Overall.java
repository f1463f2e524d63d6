package org.stanzalab.report.html;

import org.stanzalab.model.Summary;

/** The one line a reader looks for first: did the server pass, and if not, how badly. */
record Overall(String word, String sentence) {

    static Overall of(Summary s) {
        if (s.total() == 0) {
            return new Overall("empty", "No test ran.");
        }
        if (s.failed() > 0) {
            return new Overall("failed", s.failed() + " of " + s.total() + " tests failed" + rest(s) + ".");
        }
        if (s.errors() > 0) {
            return new Overall("error", "No test failed, but " + s.errors() + plural(s.errors(), " test", " tests")
                    + " could not run to the end" + (s.impossible() > 0 ? " and " + s.impossible() + " could not decide" : "") + ".");
        }
        if (s.impossible() > 0) {
            return new Overall("passed", "Every decidable test passed (" + s.passed() + " of " + s.total() + "); "
                    + s.impossible() + plural(s.impossible(), " test", " tests") + " could not decide.");
        }
        return new Overall("passed", "All " + s.total() + " tests passed.");
    }

    private static String rest(Summary s) {
        String text = "";
        if (s.errors() > 0) {
            text += ", " + s.errors() + " ended in error";
        }
        if (s.impossible() > 0) {
            text += ", " + s.impossible() + " could not decide";
        }
        return text;
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
