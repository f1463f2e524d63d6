package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class AccountRecyclerTest {

    /** Creates numbered accounts; removes them until told that removal is refused for good. */
    private static final class Creator implements AccountProvisioner {
        final List<String> removed = new ArrayList<>();
        int created;
        boolean removalRefused;

        @Override
        public void preflight() {
        }

        @Override
        public Credentials acquire() {
            return new Credentials("sl-test-" + ++created, "secret");
        }

        @Override
        public void release(Credentials account) {
            if (removalRefused) {
                throw ProvisioningException.left(account, "cancel: refused");
            }
            removed.add(account.username());
        }

        @Override
        public boolean removesAccounts() {
            return !removalRefused;
        }

        @Override
        public Optional<String> limitation() {
            return removalRefused ? Optional.of("cancellation refused") : Optional.empty();
        }

        @Override
        public String describe() {
            return "test creator";
        }

        @Override
        public void close() {
        }
    }

    @Test
    void whileRemovalWorksEveryTestGetsAFreshAccountAndNoneIsReset() {
        Creator creator = new Creator();
        AccountRecycler recycler = new AccountRecycler(creator);

        Credentials first = recycler.acquire();
        recycler.release(first);
        Credentials second = recycler.acquire();

        assertNotEquals(first.username(), second.username());
        assertEquals(List.of(first.username()), creator.removed);
        assertFalse(recycler.needsReset(second));
    }

    @Test
    void anAccountThatCannotBeRemovedIsListedAndThenLentAgainAfterAReset() {
        Creator creator = new Creator();
        creator.removalRefused = true;
        AccountRecycler recycler = new AccountRecycler(creator);

        Credentials first = recycler.acquire();
        ProvisioningException refusal = assertThrows(ProvisioningException.class, () -> recycler.release(first));
        assertTrue(refusal.certainlyThere(), "the refusal still reaches the run, which lists the account at its end");

        Credentials again = recycler.acquire();
        assertEquals(first.username(), again.username(), "lent again instead of creating another");
        assertTrue(recycler.needsReset(again));
        assertEquals(1, creator.created);
        recycler.release(again);
        assertTrue(recycler.limitation().orElseThrow().contains("lent to later tests"));
    }

    @Test
    void aRetiredAccountIsNotLentAgain() {
        Creator creator = new Creator();
        creator.removalRefused = true;
        AccountRecycler recycler = new AccountRecycler(creator);
        Credentials first = recycler.acquire();
        assertThrows(ProvisioningException.class, () -> recycler.release(first));

        recycler.retire(this, first);

        assertNotEquals(first.username(), recycler.acquire().username());
        assertEquals(2, creator.created);
    }
}
