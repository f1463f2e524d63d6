package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The end-of-run list names every account that is, or may be, on the server, and none that is gone. */
class LeftoversTest {
    private static final Credentials REFUSED = new Credentials("sl-x-1", "pw-refused-cancel");
    private static final Credentials LOST_CREATE = new Credentials("sl-x-2", "pw-lost-create");
    private static final Credentials NEVER_MADE = new Credentials("sl-x-3", "pw-never-made");
    private static final Credentials UNKNOWN = new Credentials("sl-x-4", "pw-unknown");

    /** The server as a login sees it: these exist, those do not, the rest cannot be told. */
    private static Leftovers.Existence server(Set<String> existing, Set<String> absent) {
        return account -> existing.contains(account.username()) ? Optional.of(true)
                : absent.contains(account.username()) ? Optional.of(false) : Optional.empty();
    }

    @Test
    void refusedCancellationsAreListedAsLeftAndLostCreationsOnlyIfTheyExist() {
        Leftovers leftovers = new Leftovers();
        leftovers.add(REFUSED, true, "cancel refused");
        leftovers.add(LOST_CREATE, false, "registration reply lost");
        leftovers.add(NEVER_MADE, false, "registration reply lost");
        leftovers.add(UNKNOWN, false, "registration reply lost");

        List<Leftovers.Entry> remaining = leftovers.settle(null, server(Set.of("sl-x-2"), Set.of("sl-x-3")));

        assertEquals(List.of(new Leftovers.Entry("sl-x-1", Leftovers.State.LEFT, "cancel refused"),
                new Leftovers.Entry("sl-x-2", Leftovers.State.LEFT, "registration reply lost"),
                new Leftovers.Entry("sl-x-4", Leftovers.State.MAY_EXIST, "registration reply lost")), remaining);
    }

    @Test
    void anAccountRemovedOnTheLastTryIsNotListed() {
        Leftovers leftovers = new Leftovers();
        leftovers.add(REFUSED, true, "delete-user timed out");
        leftovers.add(LOST_CREATE, false, "add-user reply lost");

        List<Leftovers.Entry> remaining = leftovers.settle(account -> {
            if (account.equals(LOST_CREATE)) {
                throw ProvisioningException.left(account, "delete-user refused");
            }
        }, server(Set.of(), Set.of()));

        assertEquals(List.of(new Leftovers.Entry("sl-x-2", Leftovers.State.LEFT, "delete-user refused")), remaining);
    }

    @Test
    void aRemovalWithoutOutcomeIsCheckedByLoggingIn() {
        Leftovers leftovers = new Leftovers();
        leftovers.add(REFUSED, false, "cancel: no outcome");
        leftovers.add(UNKNOWN, false, "cancel: no outcome");

        List<Leftovers.Entry> remaining = leftovers.settle(
                account -> { throw ProvisioningException.mayExist(account, "cancel: no outcome"); },
                server(Set.of(), Set.of("sl-x-1", "sl-x-4")));

        assertEquals(List.of(), remaining, "both logins were refused: both accounts are gone");
    }
}
