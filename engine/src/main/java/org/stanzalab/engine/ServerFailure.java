package org.stanzalab.engine;

import org.opentest4j.AssertionFailedError;

/** The server broke the requirement under test. The message says what was expected and what happened. */
public final class ServerFailure extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    public ServerFailure(String message) {
        super(message);
    }
}
