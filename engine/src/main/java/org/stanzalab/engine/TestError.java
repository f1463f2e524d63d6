package org.stanzalab.engine;

/**
 * The test itself could not run to a verdict: a network problem, the server going away, a defect in the test.
 * Never the server's fault; reported as "error", not "failed".
 */
public class TestError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TestError(String message) {
        super(message, null, false, false);
    }

    public TestError(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
