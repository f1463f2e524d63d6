package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.TestError;

class ExplicitAccountsTest {

    @Test
    void aRetiredAccountIsNeverLentAgain() {
        Credentials dirty = new Credentials("dirty", "pw-dirty");
        Credentials clean = new Credentials("clean", "pw-clean");
        ExplicitAccounts accounts = new ExplicitAccounts(List.of(dirty, clean), Duration.ofSeconds(1));
        Object firstTest = new Object();
        Object secondTest = new Object();

        Credentials first = accounts.acquire(firstTest);
        accounts.retire(firstTest, first);
        Credentials other = accounts.acquire(firstTest);
        assertEquals(first == dirty ? clean : dirty, other);
        accounts.release(firstTest, other);
        accounts.release(firstTest, first);

        assertEquals(other, accounts.acquire(secondTest));
        assertThrows(TestError.class, () -> accounts.acquire(secondTest), "only one account is usable");
    }
}
