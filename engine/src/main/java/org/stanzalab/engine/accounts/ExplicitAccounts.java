package org.stanzalab.engine.accounts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.stanzalab.engine.Impossible;

/**
 * Accounts the user configured. They are never deleted, and each is lent to one test at a time; since a few
 * accounts cannot serve concurrent tests without deadlock, runs with explicit accounts go one test at a time,
 * and a test that needs more accounts than were configured ends as impossible.
 */
public final class ExplicitAccounts implements AccountProvisioner {
    private final List<Credentials> all;
    private final Deque<Credentials> free;
    private final java.util.Set<Credentials> retired = new java.util.HashSet<>();

    public ExplicitAccounts(List<Credentials> accounts) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one --account USER:PASSWORD is needed");
        }
        this.all = List.copyOf(accounts);
        this.free = new ArrayDeque<>(accounts);
    }

    public List<Credentials> accounts() {
        return all;
    }

    @Override
    public void preflight() {
        // The run's login check (Run.preflight) logs in with the first account.
    }

    @Override
    public synchronized Credentials acquire() {
        if (free.isEmpty()) {
            throw new Impossible("this test needs more than the " + all.size() + " configured account"
                    + (all.size() == 1 ? "" : "s") + "; configure more with --account, or use --admin or --register");
        }
        return free.pop();
    }

    @Override
    public synchronized void release(Credentials account) {
        if (!retired.contains(account)) {
            free.push(account);
        }
    }

    /** Never lends this account again in the run: it could not be brought back to a clean state (the reason says why). */
    public synchronized void retire(Credentials account, String reason) {
        retired.add(account);
        free.remove(account);
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
