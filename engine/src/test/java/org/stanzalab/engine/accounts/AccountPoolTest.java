package org.stanzalab.engine.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.TestError;

class AccountPoolTest {
    private final ExecutorService workers = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        workers.shutdownNow();
    }

    /** A test that takes {@code needs} accounts one at a time, holding each, then gives them all back. */
    private CompletableFuture<Void> test(AccountPool<String> pool, int needs, AtomicInteger busiest, AtomicInteger holding) {
        return CompletableFuture.runAsync(() -> {
            Object test = new Object();
            List<String> mine = new ArrayList<>();
            try {
                for (int i = 0; i < needs; i++) {
                    mine.add(pool.acquire(test));
                    busiest.accumulateAndGet(holding.incrementAndGet(), Math::max);
                    Thread.sleep(5);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mine.forEach(account -> {
                    holding.decrementAndGet();
                    pool.release(test, account);
                });
            }
        }, workers);
    }

    @Test
    void testsNeedingTwoOfTwoAccountsAllFinishWithoutDeadlock() throws Exception {
        AccountPool<String> pool = new AccountPool<>(List.of("a", "b"), Duration.ofSeconds(20));
        AtomicInteger busiest = new AtomicInteger();
        AtomicInteger holding = new AtomicInteger();
        List<CompletableFuture<Void>> tests = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tests.add(test(pool, 2, busiest, holding));
        }

        CompletableFuture.allOf(tests.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertTrue(busiest.get() <= 2, "never more accounts lent than the pool has: " + busiest.get());
    }

    @Test
    void testsShareEightAccountsInParallel() throws Exception {
        AccountPool<String> pool = new AccountPool<>(List.of("a", "b", "c", "d", "e", "f", "g", "h"), Duration.ofSeconds(20));
        AtomicInteger busiest = new AtomicInteger();
        AtomicInteger holding = new AtomicInteger();
        List<CompletableFuture<Void>> tests = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            tests.add(test(pool, 1 + i % 3, busiest, holding));
        }

        CompletableFuture.allOf(tests.toArray(CompletableFuture[]::new)).get(20, TimeUnit.SECONDS);

        assertTrue(busiest.get() > 3, "several tests held accounts at once: at most " + busiest.get());
    }

    @Test
    void aTestNeedingMoreAccountsThanConfiguredIsImpossible() throws Exception {
        AccountPool<String> pool = new AccountPool<>(List.of("a", "b"), Duration.ofSeconds(5));
        Object test = new Object();
        pool.acquire(test);
        pool.acquire(test);

        Impossible impossible = assertThrows(Impossible.class, () -> pool.acquire(test));

        assertTrue(impossible.getMessage().contains("more than the 2 configured accounts"), impossible.getMessage());
    }

    @Test
    void aTestAskingBeyondTheAssumedClaimWhileEveryHolderWaitsEndsAsASetUpError() throws Exception {
        AccountPool<String> pool = new AccountPool<>(List.of("a", "b", "c", "d"), Duration.ofSeconds(20));
        Object big = new Object();
        Object small = new Object();
        pool.acquire(big);
        pool.acquire(small);
        pool.acquire(big);
        pool.acquire(big);
        CountDownLatch bigWaits = new CountDownLatch(1);
        CompletableFuture<String> fourth = CompletableFuture.supplyAsync(() -> {
            bigWaits.countDown();
            try {
                return pool.acquire(big);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, workers);
        bigWaits.await();
        Thread.sleep(100);

        TestError error = assertThrows(TestError.class, () -> pool.acquire(small));
        pool.release(small, "b");

        assertTrue(error.getMessage().startsWith("set-up: no free account"), error.getMessage());
        assertEquals("b", fourth.get(5, TimeUnit.SECONDS), "the other test goes on once the one that gave up ends");
    }

    @Test
    void waitingForAFreeAccountIsBounded() throws Exception {
        AccountPool<String> pool = new AccountPool<>(List.of("a"), Duration.ofMillis(200));
        pool.acquire(new Object());

        TestError error = assertThrows(TestError.class, () -> pool.acquire(new Object()));

        assertTrue(error.getMessage().contains("no free account within"), error.getMessage());
    }
}
