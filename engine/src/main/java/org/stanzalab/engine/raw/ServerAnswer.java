package org.stanzalab.engine.raw;

import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.StreamClosedException;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.WireTimeoutException;

/**
 * Waiting on the wire driver for the server's answer to what a test did, with the verdict each way it can go wrong:
 * an answer that is missing, cut off or malformed is the server's failure; any other wire problem (our socket, our
 * TLS) leaves the test without a verdict.
 */
public final class ServerAnswer {

    /** One wire-driver step that may throw. */
    public interface Step<T> {
        T run() throws WireException;
    }

    private ServerAnswer() {
    }

    public static <T> T await(String what, Step<T> step) {
        try {
            return step.run();
        } catch (WireTimeoutException | StreamClosedException | WireProtocolException e) {
            throw new ServerFailure("expected " + what + ", but " + e.getMessage());
        } catch (WireException e) {
            throw new TestError("could not wait for " + what + ": " + e.getMessage(), e);
        }
    }
}
