package org.stanzalab.cli;

/** Something the user can fix; printed as one line, never with a stack trace. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    UserError(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static UserError usage(String message) {
        return new UserError(ExitCode.USAGE, message);
    }

    static UserError target(String message) {
        return new UserError(ExitCode.TARGET, message);
    }

    int exitCode() {
        return exitCode;
    }
}
