package org.stanzalab.engine.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.StreamError;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.TestError;

class ServerDistressTest {
    private final List<String> said = new ArrayList<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final AtomicLong clock = new AtomicLong();

    private ServerDistress distress(int parallel) {
        return new ServerDistress(new Throttle(parallel), said::add, pauses::add, clock::get);
    }

    private static XMPPException.XMPPErrorException stanzaError(StanzaError.Condition condition) {
        return new XMPPException.XMPPErrorException(null, StanzaError.getBuilder(condition).build());
    }

    /** A set-up step that fails with the given exception the first {@code failures} times, then returns "ok". */
    private static ServerDistress.Step<String> failing(int failures, Exception failure, AtomicInteger attempts) {
        return () -> {
            if (attempts.incrementAndGet() <= failures) {
                throw failure;
            }
            return "ok";
        };
    }

    @Test
    void aStepThatFailsTwiceWithInternalServerErrorSucceedsOnTheThirdAttempt() throws Exception {
        ServerDistress distress = distress(16);
        AtomicInteger attempts = new AtomicInteger();

        String result = distress.retry("alice#1 login",
                failing(2, stanzaError(StanzaError.Condition.internal_server_error), attempts));

        assertEquals("ok", result);
        assertEquals(3, attempts.get());
        assertEquals(2, distress.retries());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), pauses, "backoff doubles");
        assertEquals(8, distress.throttle().limit(), "two retries in one bout halve the parallelism once");
        assertEquals("server in distress: 2 set-up retries, parallelism lowered 16 -> 8 at the lowest", distress.summary().describe());
        assertTrue(said.get(0).contains("16 -> 8"), said.toString());
    }

    @Test
    void theNumberOfAttemptsIsBounded() {
        ServerDistress distress = distress(4);
        AtomicInteger attempts = new AtomicInteger();
        XMPPException.XMPPErrorException overloaded = stanzaError(StanzaError.Condition.resource_constraint);

        Exception thrown = assertThrows(Exception.class, () -> distress.retry("account creation", failing(10, overloaded, attempts)));

        assertSame(overloaded, thrown, "the last attempt's failure is thrown as it came");
        assertEquals(ServerDistress.ATTEMPTS, attempts.get());
    }

    @Test
    void aRefusalOnPrincipleIsNotRetried() {
        ServerDistress distress = distress(4);
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(XMPPException.XMPPErrorException.class, () -> distress.retry("login",
                failing(1, stanzaError(StanzaError.Condition.not_authorized), attempts)));

        assertEquals(1, attempts.get());
        assertNull(distress.summary(), "no distress to report");
    }

    @Test
    void boutsOfDistressHalveTheParallelismDownToOne() throws Exception {
        ServerDistress distress = distress(16);
        for (int bout = 0; bout < 6; bout++) {
            clock.addAndGet(Duration.ofSeconds(3).toNanos());
            distress.retry("login", failing(1, new SocketTimeoutException("read timed out"), new AtomicInteger()));
        }
        assertEquals(1, distress.throttle().limit());
        assertEquals("server in distress: 6 set-up retries, parallelism lowered 16 -> 1 at the lowest", distress.summary().describe());
    }

    @Test
    void aServerThatStallsNowAndThenIsRetriedButKeepsItsParallelism() throws Exception {
        ServerDistress distress = distress(16);
        for (int step = 0; step < 200; step++) {
            clock.addAndGet(Duration.ofSeconds(3).toNanos());
            // One stall in twenty steps, whatever the load: running fewer tests would not help.
            int failures = step % 20 == 19 ? 1 : 0;
            distress.retry("login", failing(failures, new SocketTimeoutException("read timed out"), new AtomicInteger()));
        }
        assertEquals(10, distress.retries());
        assertEquals(16, distress.throttle().limit());
        assertEquals("server in distress: 10 set-up retries, parallelism kept at 16", distress.summary().describe());
    }

    @Test
    void streamErrorsOfAnOverloadedOrStoppingServerAreDistress() {
        for (StreamError.Condition c : List.of(StreamError.Condition.resource_constraint, StreamError.Condition.system_shutdown,
                StreamError.Condition.internal_server_error)) {
            assertTrue(ServerDistress.isDistress(new XMPPException.StreamErrorException(new StreamError(c, null, null, null))), c.toString());
        }
        assertFalse(ServerDistress.isDistress(new XMPPException.StreamErrorException(
                new StreamError(StreamError.Condition.not_authorized, null, null, null))));
        assertTrue(ServerDistress.isDistress(new TestError("alice#1 could not log in", new SocketTimeoutException())),
                "found behind the engine's own wrapping");
    }

    @Test
    void theGateLetsNoMoreThanTheLimitIn() throws Exception {
        Throttle throttle = new Throttle(2);
        assertTrue(throttle.enter(() -> false));
        assertTrue(throttle.enter(() -> false));
        assertFalse(throttle.enter(() -> true), "full: a stopping run gives up waiting");
        throttle.leave();
        assertTrue(throttle.enter(() -> true));
    }
}
