package org.stanzalab.cli;

/** The process exit codes, documented in the README. */
public final class ExitCode {
    /** Every test passed (or, with --expect, every verdict was the expected one). */
    public static final int OK = 0;
    /** At least one test failed or ended in error (or, with --expect, a verdict changed). */
    public static final int FAILURES = 1;
    /** Bad flags, a bad config file, or a selection that matches no test. */
    public static final int USAGE = 2;
    /** The server could not be reached, or refused the configured credentials. */
    public static final int TARGET = 3;
    /** The tool itself failed: an unexpected exception, a bug to report, not a verdict on the server. */
    public static final int INTERNAL = 4;
    /** The run was stopped (SIGINT, SIGTERM, --deadline): the reports hold what finished and list the rest as not run. */
    public static final int INTERRUPTED = 5;

    private ExitCode() {
    }
}
