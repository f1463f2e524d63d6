package org.stanzalab.engine.accounts;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.TestError;

/**
 * A fixed set of accounts lent to tests that run in parallel; a test takes free accounts and gives them all back
 * when it ends.
 *
 * <p>Why it cannot deadlock: a test asks for its accounts one at a time (each {@code lab.newUser()}), so it may hold
 * some while it waits for the next, and two tests that each hold the last free account and wait for a second would
 * wait forever. The pool therefore lends an account only when, afterwards, the tests holding accounts could still
 * all finish one after another even if each asked for {@link #claim} accounts (the banker's algorithm, with the same
 * claim for every test): the most any test of the run has asked for, and at least {@link #DEFAULT_CLAIM}. Only a test
 * that asks for more than that claim can find every holder waiting; the pool sees it at once (every holder is waiting
 * and none can be served), and that test gets no account and ends as error "set-up: no free account", so that the
 * others go on. From then on the larger claim holds, so it does not happen twice for the same number. Every other
 * wait is bounded too ({@code maxWait}): tests that run long only delay the next.
 */
public final class AccountPool<T> {
    /** Most tests need one to three accounts; assuming three keeps the common case free of deadlock. */
    static final int DEFAULT_CLAIM = 3;

    private final List<T> all;
    private final Deque<T> free;
    private final Duration maxWait;
    private final Map<Object, Integer> held = new HashMap<>();
    private final Set<Object> waitingHolders = new HashSet<>();
    private final Set<T> retired = new HashSet<>();
    private int claim;

    public AccountPool(List<T> accounts, Duration maxWait) {
        if (accounts.isEmpty()) {
            throw new IllegalArgumentException("an account pool needs at least one account");
        }
        this.all = List.copyOf(accounts);
        this.free = new ArrayDeque<>(accounts);
        this.maxWait = maxWait;
        this.claim = Math.min(DEFAULT_CLAIM, all.size());
    }

    public int size() {
        return all.size();
    }

    /**
     * One more account for {@code test}, waiting while none may be lent. A test that needs more accounts than the
     * pool has is {@link Impossible}; one that cannot be served without deadlock, or within the bound, is a
     * {@link TestError} of its set-up.
     */
    public synchronized T acquire(Object test) throws InterruptedException {
        int has = held.getOrDefault(test, 0);
        if (has + 1 > all.size()) {
            throw new Impossible("this test needs more than the " + all.size() + " configured account"
                    + (all.size() == 1 ? "" : "s") + "; configure more with --account, or use --admin or --register");
        }
        if (has + 1 > all.size() - retired.size()) {
            throw new TestError("set-up: no usable configured account: this test needs more than the "
                    + (all.size() - retired.size()) + " accounts not retired");
        }
        claim = Math.max(claim, has + 1);
        long deadline = System.nanoTime() + maxWait.toNanos();
        if (has > 0) {
            waitingHolders.add(test);
        }
        try {
            while (!safeToLend(test)) {
                if (has > 0 && deadlocked()) {
                    throw new TestError("set-up: no free account: all " + all.size() + " configured accounts are held by"
                            + " tests that wait for more; configure more accounts, or lower --parallel");
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new TestError("set-up: no free account within " + maxWait.toSeconds() + " s (" + all.size()
                            + " configured accounts shared by parallel tests); configure more accounts, or lower --parallel");
                }
                wait(Math.max(1, left / 1_000_000));
            }
        } finally {
            waitingHolders.remove(test);
        }
        held.merge(test, 1, Integer::sum);
        return free.pop();
    }

    /** Gives one account of {@code test} back. */
    public synchronized void release(Object test, T account) {
        held.computeIfPresent(test, (t, n) -> n > 1 ? n - 1 : null);
        if (!retired.contains(account)) {
            free.push(account);
        }
        notifyAll();
    }

    /**
     * Takes an account {@code test} holds out of the pool for good (it could not be cleaned): the test no longer
     * holds it, and nobody gets it again.
     */
    public synchronized void retire(Object test, T account) {
        retired.add(account);
        held.computeIfPresent(test, (t, n) -> n > 1 ? n - 1 : null);
        free.remove(account);
        notifyAll();
    }

    /** Whether lending {@code test} one more account leaves an order in which every holder can finish. */
    private boolean safeToLend(Object test) {
        if (free.isEmpty()) {
            return false;
        }
        List<Integer> holdings = new ArrayList<>();
        held.forEach((t, n) -> holdings.add(t.equals(test) ? n + 1 : n));
        if (!held.containsKey(test)) {
            holdings.add(1);
        }
        // The holder closest to its claim finishes first and frees what it holds for the next.
        holdings.sort((a, b) -> b - a);
        // Nobody can claim more than the accounts that are not retired.
        int reach = Math.min(claim, all.size() - retired.size());
        int available = free.size() - 1;
        for (int h : holdings) {
            if (reach - h > available) {
                return false;
            }
            available += h;
        }
        return true;
    }

    /** Every test that holds accounts waits for another one, and none of them can be served. */
    private boolean deadlocked() {
        return waitingHolders.containsAll(held.keySet()) && waitingHolders.stream().noneMatch(this::safeToLend);
    }
}
