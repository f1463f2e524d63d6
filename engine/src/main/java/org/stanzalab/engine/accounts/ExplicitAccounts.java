package org.stanzalab.engine.accounts;

import java.time.Duration;
import java.util.List;

import org.stanzalab.engine.TestError;

/**
 * Accounts the user configured, shared by the tests running in parallel through an {@link AccountPool}: each test
 * takes free accounts and gives them back when it ends. They are never deleted; a test that needs more accounts
 * than were configured ends as impossible.
 */
public final class ExplicitAccounts implements AccountProvisioner {
    private final List<Credentials> all;
    private final AccountPool<Credentials> pool;

    /** {@code maxWait}: how long a test may wait for a free account before it ends as a set-up error. */
    public ExplicitAccounts(List<Credentials> accounts, Duration maxWait) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one --account USER:PASSWORD is needed");
        }
        this.all = List.copyOf(accounts);
        this.pool = new AccountPool<>(all, maxWait);
    }

    public List<Credentials> accounts() {
        return all;
    }

    @Override
    public void preflight() {
        // Run.preflight logs in with every configured account: there is nothing to create.
    }

    @Override
    public Credentials acquire() {
        throw new IllegalStateException("configured accounts are lent per test: use acquire(test)");
    }

    @Override
    public Credentials acquire(Object test) {
        try {
            return pool.acquire(test);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TestError("set-up: interrupted while waiting for a free account", e);
        }
    }

    @Override
    public void release(Credentials account) {
        // Configured accounts are never removed.
    }

    @Override
    public void release(Object test, Credentials account) {
        pool.release(test, account);
    }

    @Override
    public void retire(Object test, Credentials account) {
        pool.retire(test, account);
    }

    @Override
    public java.util.Optional<String> noFreshAccounts() {
        return java.util.Optional.of("the run's configured accounts are reused");
    }

    @Override
    public boolean reusesAccounts() {
        return true;
    }

    @Override
    public String describe() {
        return all.size() + " configured account" + (all.size() == 1 ? "" : "s");
    }

    @Override
    public void close() {
    }
}
