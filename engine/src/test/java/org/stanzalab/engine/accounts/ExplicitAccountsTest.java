package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Impossible;

class ExplicitAccountsTest {

    @Test
    void aRetiredAccountIsNeverLentAgain() {
        Credentials dirty = new Credentials("dirty", "pw-dirty");
        Credentials clean = new Credentials("clean", "pw-clean");
        ExplicitAccounts accounts = new ExplicitAccounts(List.of(dirty, clean));

        Credentials first = accounts.acquire();
        accounts.retire(first, "roster item 'x' could not be removed");
        accounts.release(first);

        Credentials other = accounts.acquire();
        assertEquals(first == dirty ? clean : dirty, other);
        accounts.release(other);
        assertEquals(other, accounts.acquire());
        assertThrows(Impossible.class, accounts::acquire);
    }
}
