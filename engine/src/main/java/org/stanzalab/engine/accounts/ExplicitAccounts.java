package org.stanzalab.engine.accounts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import org.stanzalab.engine.Impossible;

/**
 * Accounts the user configured. They are lent to one test at a time and never deleted; a test waits (bounded)
 * for a free one, and ends as impossible when the pool cannot serve it.
 */
public final class ExplicitAccounts implements AccountProvisioner {
    private final List<Credentials> all;
    private final Deque<Credentials> free;
    private final Duration maxWait;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition released = lock.newCondition();

    public ExplicitAccounts(List<Credentials> accounts, Duration maxWait) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("at least one --account USER:PASSWORD is needed");
        }
        this.all = List.copyOf(accounts);
        this.free = new ArrayDeque<>(accounts);
        this.maxWait = maxWait;
    }

    public List<Credentials> accounts() {
        return all;
    }

    @Override
    public void preflight() {
        // The run's login check (Run.preflight) logs in with the first account.
    }

    @Override
    public Credentials acquire() {
        lock.lock();
        try {
            long left = maxWait.toNanos();
            while (free.isEmpty()) {
                if (left <= 0) {
                    throw new Impossible("all " + all.size() + " configured accounts are in use; configure more with --account,"
                            + " or use --admin or --register so each test gets its own");
                }
                left = released.awaitNanos(left);
            }
            return free.pop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Impossible("interrupted while waiting for a free account");
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void release(Credentials account) {
        lock.lock();
        try {
            free.push(account);
            released.signal();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String describe() {
        return all.size() + " configured account" + (all.size() == 1 ? "" : "s");
    }

    @Override
    public void close() {
    }

}
