package org.stanzalab.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.stanzalab.engine.launch.Runner;

/**
 * SIGINT and SIGTERM stop a run instead of killing it: a JVM shutdown hook tells the runner to stop, waits (at most
 * {@value #WAIT_SECONDS} s) while the reports of what finished are written, then ends the process with the run's
 * exit code ({@link ExitCode#INTERRUPTED}). A run that ends by itself removes the hook.
 */
final class StopOnSignal implements AutoCloseable {
    static final int WAIT_SECONDS = 30;

    private final Thread hook;
    private final CountDownLatch reported = new CountDownLatch(1);
    private volatile boolean signalled;
    private volatile int exitCode = ExitCode.INTERRUPTED;

    StopOnSignal(Runner runner, PrintWriter out) {
        hook = new Thread(() -> {
            signalled = true;
            runner.stop("stopped by a signal (SIGINT or SIGTERM)");
            try {
                reported.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            // Inside a shutdown hook only halt can still choose the exit code.
            Runtime.getRuntime().halt(exitCode);
        }, "stanzalab-stop-on-signal");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The reports are written; a signal's shutdown ends the process now, with this code. */
    void reported(int code) {
        exitCode = code;
        reported.countDown();
    }

    @Override
    public void close() {
        reported.countDown();
        if (!signalled) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The signal came just now: the hook runs and ends the process with the code given.
            }
        }
    }
}
