package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.launch.Runner;
import org.stanzalab.engine.run.ServerWatch;
import org.stanzalab.engine.target.Server;
import org.stanzalab.model.Outcome;
import org.stanzalab.model.RunResult;
import org.stanzalab.model.TestResult;

/**
 * One run over both reference servers, from a plain JUnit test through the engine's Runner: a test gets a user
 * on each domain. Skipped when the servers are not up (as in 'mvn test' before servers/up); with
 * -Dstanzalab.require-servers=true, as ./check runs it, a missing server fails it instead.
 */
class TwoDomainsTest {
    private static final Path HOME = Path.of("").toAbsolutePath().getParent();

    @Test
    void aRunOverTwoServersGivesATestAUserOnEach() {
        List<String> names = List.of("prosody", "ejabberd");
        for (String name : names) {
            boolean up = Files.isReadable(HOME.resolve("servers/state").resolve(name).resolve("target.properties"));
            requireServers(up, "reference server " + name + " is not set up (servers/up)");
        }
        TargetOptions flags = new TargetOptions();
        flags.target = String.join(",", names);
        List<Server> servers = new Settings(flags, Map.of("STANZALAB_HOME", HOME.toString())).servers();
        for (Server server : servers) {
            requireServers(reachable(server), server.domain() + " does not accept connections");
        }

        RunResult result = Runner.create().servers(servers).select(selectClass(OneUserOnEachDomain.class)).parallel(1).run();

        assertEquals(List.of("prosody.test", "ejabberd.test"), result.servers().stream().map(s -> s.domain()).toList());
        assertEquals("prosody.test", result.target().domain(), "the first server is the primary");
        assertEquals(1, result.tests().size(), "tests: " + result.tests());
        TestResult test = result.tests().get(0);
        assertEquals(Outcome.PASSED, test.outcome(), test.reason());
        assertTrue(test.transcript().stream().anyMatch(e -> e.xml().contains("@ejabberd.test ready")),
                "the transcript reached the result through JUnit's report entries, with the second domain's user");
    }

    private static boolean reachable(Server server) {
        try {
            ServerWatch.probe(server.target(), Duration.ofSeconds(2));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void requireServers(boolean condition, String why) {
        if (Boolean.getBoolean("stanzalab.require-servers") && !condition) {
            fail(why);
        }
        assumeTrue(condition, why);
    }
}
