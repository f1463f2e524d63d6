package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.accounts.NoAccounts;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

/** A set-up step the server lets down is an error of the test, not a failure of the requirement under test. */
class SetUpTest {
    private final Lab lab = Lab.open(Run.start(Run.newId(), List.of(new Server("example",
            new Target("example.test", "127.0.0.1", 5222, TlsMode.STARTTLS, Trust.insecure(), Timeouts.defaults()),
            connector -> new NoAccounts())), line -> { }));

    @Test
    void aFailedSetUpStepIsATestErrorNamingTheSituation() {
        ServerFailure pushMissing = new ServerFailure("(setup) no roster push showing the subscription");

        TestError error = assertThrows(TestError.class,
                () -> lab.setUp("alice and bob in the subscription state to", () -> { throw pushMissing; }));

        assertTrue(error.getMessage().startsWith("not run: the set-up (alice and bob in the subscription state to)"),
                error.getMessage());
        assertSame(pushMissing, error.getCause());
    }

    @Test
    void otherProblemsPassThroughUnchanged() {
        Impossible missing = new Impossible("no pre-approval");

        assertSame(missing, assertThrows(Impossible.class, () -> lab.setUp("a pre-approved contact", () -> { throw missing; })));
    }
}
