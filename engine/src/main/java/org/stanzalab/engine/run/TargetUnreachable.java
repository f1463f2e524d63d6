package org.stanzalab.engine.run;

/** The target could not be reached at all before the run; the message is one line. */
public final class TargetUnreachable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TargetUnreachable(String message) {
        super(message, null, false, false);
    }
}
