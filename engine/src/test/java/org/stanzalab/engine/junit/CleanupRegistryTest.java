package org.stanzalab.engine.junit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.net.ServerSocket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Level;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.accounts.NoAccounts;
import org.stanzalab.engine.run.Run;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Target;
import org.stanzalab.engine.target.Timeouts;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Trust;

/** What a test registers with {@link Lab#cleanup} is undone when it ends, whether it passed, failed or timed out. */
class CleanupRegistryTest {
    private static final List<String> undone = new CopyOnWriteArrayList<>();
    private static final List<String> notes = new CopyOnWriteArrayList<>();
    private static final String RUN_ID = Run.newId();
    private static ServerSocket server;

    @BeforeAll
    static void startRun() throws Exception {
        // The extension checks that the server is still there when a test fails: a listening socket is enough.
        server = new ServerSocket(0);
        Target target = new Target("example.test", "127.0.0.1", server.getLocalPort(), TlsMode.STARTTLS,
                Trust.insecure(), Timeouts.defaults());
        Run.start(RUN_ID, List.of(new Server("example", target, connector -> new NoAccounts())), line -> { });
    }

    @AfterAll
    static void stopServer() throws Exception {
        server.close();
    }

    @Test
    void undosRunInReverseOrderWhenTheTestFails() {
        long failures = run("failsAfterCreatingTwoThings");

        assertEquals(1, failures);
        assertEquals(List.of("second", "first"), undone);
    }

    @Test
    void undosRunWhenTheTestHitsItsTimeout() {
        long failures = run("timesOutAfterCreatingSomething");

        assertEquals(1, failures);
        assertEquals(List.of("room"), undone);
    }

    @Test
    void aFailingUndoIsNotedAndTheOthersStillRun() {
        long failures = run("passesWithAnUndoThatFails");

        assertEquals(0, failures);
        assertEquals(List.of("after", "before"), undone);
        assertTrue(notes.stream().anyMatch(n -> n.contains("could not undo the broken thing") && n.contains("node is gone")), notes.toString());
    }

    private static long run(String method) {
        undone.clear();
        notes.clear();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(Fixture.class, method, Lab.class.getName()))
                .configurationParameter(Run.ID_PARAMETER, RUN_ID).build(), listener);
        assertEquals(1, listener.getSummary().getTestsStartedCount(), "the fixture test ran");
        return listener.getSummary().getTotalFailureCount();
    }

    /** Run only through {@link #run}: surefire leaves nested classes alone. */
    @StanzalabTest
    static class Fixture {
        @Spec(document = "RFC 6120", section = "1", level = Level.MUST, requirement = "fixture")
        @Test
        void failsAfterCreatingTwoThings(Lab lab) {
            lab.cleanup("first", () -> undone.add("first"));
            lab.cleanup("second", () -> undone.add("second"));
            throw new AssertionError("the server broke a requirement");
        }

        @Spec(document = "RFC 6120", section = "1", level = Level.MUST, requirement = "fixture")
        @Test
        @Timeout(value = 200, unit = TimeUnit.MILLISECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
        void timesOutAfterCreatingSomething(Lab lab) throws InterruptedException {
            lab.cleanup("room", () -> undone.add("room"));
            Thread.sleep(10_000);
        }

        @Spec(document = "RFC 6120", section = "1", level = Level.MUST, requirement = "fixture")
        @Test
        void passesWithAnUndoThatFails(Lab lab) {
            // Registered first, so it runs last and sees what the others noted.
            lab.cleanup("notes", () -> lab.transcript().entries().forEach(e -> notes.add(e.xml())));
            lab.cleanup("before", () -> undone.add("before"));
            lab.cleanup("the broken thing", () -> {
                throw new IllegalStateException("node is gone");
            });
            lab.cleanup("after", () -> undone.add("after"));
        }
    }
}
