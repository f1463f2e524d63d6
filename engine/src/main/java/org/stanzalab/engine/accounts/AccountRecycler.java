package org.stanzalab.engine.accounts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lends the accounts a creating provisioner could not remove to later tests, instead of creating one more account
 * per test: on a server that creates accounts but cannot delete them, a run then leaves about as many accounts as
 * its tests use at once, not one per test. A recycled account is reset before each test like a configured one (see
 * {@link #needsReset}); every account kept is listed at the end of the run, as any account left behind.
 */
public final class AccountRecycler implements AccountProvisioner {
    private final AccountProvisioner creator;
    /** Accounts that stayed on the server and are free for the next test. */
    private final Deque<Credentials> free = new ArrayDeque<>();
    /** Every account kept for reuse, lent or free, by username; retired ones are dropped from {@link #free} only. */
    private final Set<String> kept = new HashSet<>();

    public AccountRecycler(AccountProvisioner creator) {
        this.creator = creator;
    }

    @Override
    public void preflight() {
        creator.preflight();
        creator.leftByPreflight().forEach(this::keepIfThere);
    }

    @Override
    public Credentials acquire() {
        synchronized (this) {
            Credentials reused = free.pollFirst();
            if (reused != null) {
                return reused;
            }
        }
        return creator.acquire();
    }

    @Override
    public Credentials acquireFresh(Object test) {
        return creator.acquire();
    }

    /**
     * Removes the account where the creator can; an account it cannot remove is kept for later tests, and the
     * refusal still thrown, so that the account is listed at the end of the run.
     */
    @Override
    public void release(Credentials account) {
        synchronized (this) {
            if (kept.contains(account.username())) {
                free.addLast(account);
                return;
            }
        }
        if (!creator.removesAccounts()) {
            keep(account);
            throw ProvisioningException.left(account, creator.limitation().orElse("the account cannot be removed") + " (kept for later tests)");
        }
        try {
            creator.release(account);
        } catch (ProvisioningException e) {
            keepIfThere(e);
            throw e;
        }
    }

    /** Only a refusal for good leaves an account known to be there and never removable: a lost reply says neither. */
    private void keepIfThere(ProvisioningException e) {
        if (e.certainlyThere() && !creator.removesAccounts()) {
            e.account().ifPresent(this::keep);
        }
    }

    private synchronized void keep(Credentials account) {
        if (kept.add(account.username())) {
            free.addLast(account);
        }
    }

    @Override
    public synchronized boolean needsReset(Credentials account) {
        return kept.contains(account.username());
    }

    @Override
    public synchronized void retire(Object test, Credentials account) {
        free.removeIf(a -> a.username().equals(account.username()));
    }

    @Override
    public boolean removesAccounts() {
        return creator.removesAccounts();
    }

    @Override
    public Optional<String> limitation() {
        return creator.limitation().map(line -> creator.removesAccounts() ? line
                : line + "; the accounts it could not remove are lent to later tests, each reset first");
    }

    @Override
    public List<ProvisioningException> leftByPreflight() {
        return creator.leftByPreflight();
    }

    @Override
    public Optional<Credentials> adminCredentials() {
        return creator.adminCredentials();
    }

    @Override
    public String describe() {
        return creator.describe();
    }

    @Override
    public void close() {
        creator.close();
    }
}
