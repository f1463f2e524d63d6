package org.stanzalab.engine.junit;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.TestError;

/** What a test's {@code assertAll} throws becomes the verdict of what went wrong inside it. */
class AssertAllVerdictTest {
    private static final ServerFailure NOT_DELIVERED = new ServerFailure("the message was not delivered");
    private static final ServerFailure NOT_STORED = new ServerFailure("the roster item was not stored");

    @Test
    void aSingleFailureIsThatFailure() {
        assertSame(NOT_DELIVERED, verdictOf(() -> { throw NOT_DELIVERED; }, () -> { }));
    }

    @Test
    void severalFailuresAreOneServerFailureListingEachMessage() {
        Throwable verdict = verdictOf(() -> { throw NOT_DELIVERED; }, () -> { throw NOT_STORED; });

        assertInstanceOf(ServerFailure.class, verdict);
        assertEquals("after bob sent subscribed (2 failures):\n- the message was not delivered\n- the roster item was not stored",
                verdict.getMessage());
    }

    @Test
    void aTestErrorOrAMissingFeatureDecidesOverFailuresBesideIt() {
        TestError broken = new TestError("the account could not be created");
        Impossible missing = new Impossible("no roster versioning");

        assertSame(broken, verdictOf(() -> { throw NOT_DELIVERED; }, () -> { throw broken; }));
        assertSame(missing, verdictOf(() -> { throw NOT_DELIVERED; }, () -> { throw missing; }));
    }

    private static Throwable verdictOf(Executable... checks) {
        Throwable thrown = assertThrows(Throwable.class, () -> assertAll("after bob sent subscribed", checks));
        return StanzalabExtension.unwrapAssertAll(thrown);
    }
}
