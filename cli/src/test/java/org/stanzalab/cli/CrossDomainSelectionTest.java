package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.engine.target.Server;
import org.stanzalab.model.CrossDomain;

/**
 * Cross-domain tests (federation.*) exist only in runs over two servers: a one-server run does not plan, count or
 * expect them, not even as impossible, while listing without a target shows them. No server is contacted.
 */
class CrossDomainSelectionTest {
    private static List<Server> servers(Path config) {
        TargetOptions flags = new TargetOptions();
        flags.config = config;
        return new Settings(flags, Map.of()).servers();
    }

    private static List<String> planned(List<Server> servers, String... tests) {
        SelectionOptions selection = new SelectionOptions();
        selection.tests = List.of(tests);
        List<Suites.PlannedTest> planned = servers == null ? Suites.discover(selection) : Suites.discover(selection, servers);
        return planned.stream().map(Suites.PlannedTest::id).toList();
    }

    @Test
    void oneServerLeavesThemOutTwoKeepThemAndAListWithoutTargetShowsThem(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("one.properties"), "domain = a.test\nregister = true\n");
        Path two = Files.writeString(dir.resolve("two.properties"), "register = true\nserver.a.domain = a.test\nserver.b.domain = b.test\n");
        String glob = "federation.rfc6120.CrossDomainBasics*";

        List<String> listed = planned(null, glob);
        assertFalse(listed.isEmpty(), "a list without a target shows the cross-domain tests");
        assertTrue(listed.stream().allMatch(CrossDomain::isCrossDomain), listed.toString());
        assertEquals(List.of(), planned(servers(one), glob), "one server: not planned at all");
        assertEquals(listed, planned(servers(two), glob), "two servers: every case, both directions");
        assertTrue(planned(servers(one), "xep0199.ClientToServerPing*").size() > 0, "other tests stay");
    }

    @Test
    void aOneServerRunOfOnlyCrossDomainTestsIsAUsageErrorThatSaysWhy(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("one.properties"), "domain = a.test\nregister = true\n");
        CommandLineTest.Outcome o = CommandLineTest.run("run", "-c", one.toString(), "--test", "federation.*");
        assertEquals(ExitCode.USAGE, o.code(), o.out() + o.err());
        o.assertOneLineError("need two servers that federate");
    }

    @Test
    void federateNeedsTwoServers(@TempDir Path dir) throws Exception {
        Path one = Files.writeString(dir.resolve("one.properties"), "domain = a.test\nregister = true\n");
        CommandLineTest.Outcome o = CommandLineTest.run("federate", "-c", one.toString());
        assertEquals(ExitCode.USAGE, o.code(), o.out() + o.err());
        o.assertOneLineError("federate needs two servers");
    }

    @Test
    void federateSaysWhenNothingIsSelected(@TempDir Path dir) throws Exception {
        Path two = Files.writeString(dir.resolve("two.properties"), "register = true\nserver.a.domain = a.test\nserver.b.domain = b.test\n");
        CommandLineTest.Outcome o = CommandLineTest.run("federate", "-c", two.toString(), "--test", "xep0199.*",
                "--report-dir", dir.resolve("r").toString());
        assertEquals(ExitCode.USAGE, o.code(), o.out() + o.err());
        o.assertOneLineError("no cross-domain or tool-as-remote-server test matches");
    }

    @Test
    void theToolAsRemoteServerSelectionNamesExistingTests() {
        for (String glob : List.of("rfc6120.PeerCertificates*", "rfc7590.PeerServerAuthentication*", "xep0178.*")) {
            assertTrue(FederateCommand.TOOL_AS_REMOTE_SERVER.contains(glob), glob);
            assertFalse(planned(null, glob).isEmpty(), glob + " selects tests");
        }
    }
}
