package org.stanzalab.report;

/** Small judgements about thrown exceptions that the verdict mapping needs. */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * JUnit reports a test that ran past its configured timeout with a message of its own; that is the test's
     * ceiling, not a server's failure to answer (reply waits fail on their own, with the server's part named).
     */
    static boolean isCeilingTimeout(Throwable thrown) {
        return thrown != null && (thrown instanceof java.util.concurrent.TimeoutException
                || String.valueOf(thrown.getMessage()).startsWith("execution timed out after"));
    }
}
