package org.stanzalab.engine;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The reset of a reused account cleans what the suites leave behind, and says so when it cannot. */
class AccountResetTest {

    /** A server as the reset sees it: a roster, a block list, waiting requests, and items it may refuse to remove. */
    private static final class FakeAccount implements AccountReset.Stream {
        final Map<String, String> refusedRemovals = new LinkedHashMap<>();
        final List<String> roster = new ArrayList<>();
        final List<String> requests = new ArrayList<>();
        final List<String> declined = new ArrayList<>();
        List<String> blocked = new ArrayList<>();
        boolean hasBlocking = true;
        boolean forgetsRemovals;
        boolean online;

        @Override
        public void available() {
            online = true;
        }

        @Override
        public List<String> subscriptionRequests() {
            return online ? List.copyOf(requests) : List.of();
        }

        @Override
        public void decline(String requester) {
            declined.add(requester);
        }

        @Override
        public List<String> roster() {
            return List.copyOf(roster);
        }

        @Override
        public Optional<String> removeFromRoster(String jid) {
            if (refusedRemovals.containsKey(jid)) {
                return Optional.of(refusedRemovals.get(jid));
            }
            if (!forgetsRemovals) {
                roster.remove(jid);
            }
            return Optional.empty();
        }

        @Override
        public Optional<List<String>> blocklist() {
            return hasBlocking ? Optional.of(List.copyOf(blocked)) : Optional.empty();
        }

        @Override
        public Optional<String> unblockAll() {
            blocked = new ArrayList<>();
            return Optional.empty();
        }
    }

    @Test
    void contactsRequestsAndBlocksAreCleared() {
        FakeAccount account = new FakeAccount();
        account.roster.addAll(List.of("bob@example.test", "carol@example.test"));
        account.requests.add("dave@example.test");
        account.blocked.add("eve@example.test");

        AccountReset.clean(account);

        assertAll(
                () -> assertEquals(List.of(), account.roster, "roster emptied"),
                () -> assertEquals(List.of("dave@example.test"), account.declined, "waiting request declined"),
                () -> assertEquals(List.of(), account.blocked, "block list emptied"));
    }

    @Test
    void aServerWithoutBlockingIsCleanWithAnEmptyRoster() {
        FakeAccount account = new FakeAccount();
        account.hasBlocking = false;
        assertDoesNotThrow(() -> AccountReset.clean(account));
    }

    @Test
    void anItemTheServerRefusesToRemoveIsNamedWithTheServersAnswer() {
        FakeAccount account = new FakeAccount();
        account.roster.addAll(List.of("bad user@example.test", "bob@example.test"));
        account.refusedRemovals.put("bad user@example.test", "error <bad-request/>");

        AccountReset.Unclean unclean = assertThrows(AccountReset.Unclean.class, () -> AccountReset.clean(account));

        assertEquals("roster item 'bad user@example.test' could not be removed (server answered error <bad-request/>)", unclean.getMessage());
        assertEquals(List.of("bad user@example.test"), account.roster, "the other items are removed all the same");
    }

    @Test
    void anAcceptedRemovalThatDidNotHappenIsFoundByFetchingTheRosterAgain() {
        FakeAccount account = new FakeAccount();
        account.roster.add("bob@example.test");
        account.forgetsRemovals = true;

        AccountReset.Unclean unclean = assertThrows(AccountReset.Unclean.class, () -> AccountReset.clean(account));

        assertTrue(unclean.getMessage().contains("'bob@example.test' is still there"), unclean.getMessage());
    }
}
