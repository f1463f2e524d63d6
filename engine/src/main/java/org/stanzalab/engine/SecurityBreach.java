package org.stanzalab.engine;

import org.opentest4j.AssertionFailedError;

/**
 * The server broke the requirement under test in a way that opens it to abuse: what the test saw lets one user act
 * as another (authenticate, bind or send as them), read or change another user's data, or get past the
 * authentication or encryption the server requires. Reports list these failures apart from the others.
 * <p>
 * Thrown only where the observed behaviour is the breach itself: a server that refuses a forged login with the
 * wrong error condition fails the requirement, but nobody got in, so that failure is a plain {@link ServerFailure}.
 */
public final class SecurityBreach extends AssertionFailedError {
    private static final long serialVersionUID = 1L;

    public SecurityBreach(String message) {
        super(message);
    }
}
