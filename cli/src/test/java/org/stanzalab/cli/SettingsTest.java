package org.stanzalab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.engine.target.Server;
import org.stanzalab.engine.target.Services;
import org.stanzalab.engine.target.TlsMode;
import org.stanzalab.engine.target.Transport;

/** Where the servers of a run come from: one from flat keys, several from server.NAME.* keys or --target a,b. */
class SettingsTest {

    private static List<Server> servers(TargetOptions flags, Map<String, String> env) {
        return new Settings(flags, env).servers();
    }

    private static TargetOptions config(Path file) {
        TargetOptions flags = new TargetOptions();
        flags.config = file;
        return flags;
    }

    @Test
    void flatKeysAreTheOneServer(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("one.properties"), "domain = example.test\nhost = 127.0.0.5\nregister = true\n");
        List<Server> servers = servers(config(file), Map.of());
        assertEquals(1, servers.size());
        assertAll(
                () -> assertEquals("example.test", servers.get(0).name(), "an unnamed server is called by its domain"),
                () -> assertEquals("127.0.0.5:5222", servers.get(0).target().address()));
    }

    @Test
    void namedServersInheritFlatKeysAndComeInTheGivenOrder(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.properties"), String.join("\n",
                "servers = beta, alpha",
                "register = true",
                "reply-timeout = 7",
                "server.alpha.domain = alpha.test",
                "server.alpha.host = 127.0.0.3",
                "server.beta.domain = beta.test",
                "server.beta.tls = direct",
                "server.beta.reply-timeout = 2", ""));
        List<Server> servers = servers(config(file), Map.of());
        assertAll(
                () -> assertEquals(List.of("beta", "alpha"), servers.stream().map(Server::name).toList(), "servers = gives the order"),
                () -> assertEquals("beta.test", servers.get(0).domain()),
                () -> assertEquals(TlsMode.DIRECT, servers.get(0).target().tls()),
                () -> assertEquals(5223, servers.get(0).target().port(), "direct TLS defaults to 5223"),
                () -> assertEquals(Duration.ofSeconds(2), servers.get(0).target().timeouts().reply(), "server.NAME.* wins"),
                () -> assertEquals(Duration.ofSeconds(7), servers.get(1).target().timeouts().reply(), "flat keys are defaults"),
                () -> assertEquals("127.0.0.3", servers.get(1).target().host()));
    }

    @Test
    void withoutAnOrderNamedServersAreSortedByName(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.properties"),
                "register = true\nserver.zulu.domain = z.test\nserver.alpha.domain = a.test\n");
        assertEquals(List.of("alpha", "zulu"), servers(config(file), Map.of()).stream().map(Server::name).toList());
    }

    @Test
    void aFlagThatNamesOneServerIsRefusedWhenThereAreSeveral(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("two.properties"),
                "register = true\nserver.a.domain = a.test\nserver.b.domain = b.test\n");
        TargetOptions flags = config(file);
        flags.host = "127.0.0.9";
        UserError e = assertThrows(UserError.class, () -> servers(flags, Map.of()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertTrue(e.getMessage().contains("server.NAME.host"), e.getMessage());
        UserError fromEnv = assertThrows(UserError.class, () -> servers(config(file), Map.of("STANZALAB_DOMAIN", "x.test")));
        assertTrue(fromEnv.getMessage().contains("STANZALAB_DOMAIN"), fromEnv.getMessage());
    }

    @Test
    void unknownKeysAndUnknownServersInTheOrderAreUsageErrors(@TempDir Path dir) throws IOException {
        Path typo = Files.writeString(dir.resolve("typo.properties"), "server.a.domian = a.test\n");
        assertTrue(assertThrows(UserError.class, () -> servers(config(typo), Map.of())).getMessage().contains("'domian'"));
        Path order = Files.writeString(dir.resolve("order.properties"), "servers = a, c\nserver.a.domain = a.test\nregister = true\n");
        assertTrue(assertThrows(UserError.class, () -> servers(config(order), Map.of())).getMessage().contains("names c"));
    }

    @Test
    void severalReferenceServersByName(@TempDir Path home) throws IOException {
        for (String name : List.of("prosody", "ejabberd")) {
            Path dir = Files.createDirectories(home.resolve("servers/state").resolve(name));
            Files.writeString(dir.resolve("target.properties"), "domain = " + name + ".test\nregister = true\n");
        }
        TargetOptions flags = new TargetOptions();
        flags.target = "prosody,ejabberd";
        List<Server> servers = servers(flags, Map.of("STANZALAB_HOME", home.toString()));
        assertEquals(List.of("prosody.test", "ejabberd.test"), servers.stream().map(Server::domain).toList());
        assertEquals(List.of("prosody", "ejabberd"), servers.stream().map(Server::name).toList());
    }

    @Test
    void saslMechanismsComeFromFlagsOrTheConfigFileInCapitals(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("one.properties"), "domain = example.test\nregister = true\nsasl = scram-sha-1, PLAIN\n");
        assertEquals(List.of("SCRAM-SHA-1", "PLAIN"), servers(config(file), Map.of()).get(0).target().sasl().mechanisms());
        TargetOptions flags = config(file);
        flags.sasl = List.of("PLAIN");
        assertEquals(List.of("PLAIN"), servers(flags, Map.of()).get(0).target().sasl().mechanisms(), "the flag wins");
        Path none = Files.writeString(dir.resolve("none.properties"), "domain = example.test\nregister = true\n");
        assertTrue(!servers(config(none), Map.of()).get(0).target().sasl().restricted(), "no --sasl: any mechanism");
    }

    @Test
    void servicesBesidesTheClientPortComeFromKeysAndFlags(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("one.properties"), String.join("\n",
                "domain = example.test", "register = true", "https-base = https://example.test:5443",
                "component = component.example.test:s3cret", "transport = websocket", ""));
        Services services = servers(config(file), Map.of()).get(0).target().services();
        assertAll(
                () -> assertEquals("https://example.test:5443", services.httpsBase().orElseThrow().toString()),
                () -> assertEquals("component.example.test", services.component().orElseThrow().domain()),
                () -> assertEquals(5347, services.component().orElseThrow().port(), "the usual component port"),
                () -> assertTrue(!services.component().orElseThrow().toString().contains("s3cret"), "the secret is masked"),
                () -> assertEquals(Transport.WEBSOCKET, services.transport()));
        TargetOptions flags = config(file);
        flags.transport = "bosh";
        assertEquals(Transport.BOSH, servers(flags, Map.of()).get(0).target().services().transport(), "the flag wins");
        Path none = Files.writeString(dir.resolve("none.properties"), "domain = example.test\nregister = true\n");
        Services nothing = servers(config(none), Map.of()).get(0).target().services();
        assertAll(
                () -> assertTrue(nothing.httpsBase().isEmpty()),
                () -> assertTrue(nothing.component().isEmpty()),
                () -> assertEquals(Transport.TCP, nothing.transport()));
    }

    @Test
    void badServiceSettingsAreOneLineUsageErrors(@TempDir Path dir) throws IOException {
        for (String line : List.of("transport = pigeon", "https-base = http://example.test", "component = no-secret",
                "component = c.example.test:x\ncomponent-port = 0", "s2s-port = 0", "s2s-port = five")) {
            Path file = Files.writeString(dir.resolve("bad.properties"), "domain = example.test\nregister = true\n" + line + "\n");
            UserError e = assertThrows(UserError.class, () -> servers(config(file), Map.of()), line);
            assertEquals(ExitCode.USAGE, e.exitCode(), line);
            assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        }
    }

    @Test
    void theServerToServerPortComesFromTheConfigOrTheFlagAndIs5269Otherwise(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("s2s.properties"), "domain = example.test\nregister = true\ns2s-port = 15269\n");
        assertEquals(15269, servers(config(file), Map.of()).get(0).target().services().federation().s2sPort());
        TargetOptions flags = config(file);
        flags.s2sPort = 25269;
        assertEquals(25269, servers(flags, Map.of()).get(0).target().services().federation().s2sPort(), "the flag wins");
        Path none = Files.writeString(dir.resolve("none.properties"), "domain = example.test\nregister = true\n");
        assertEquals(5269, servers(config(none), Map.of()).get(0).target().services().federation().s2sPort());
    }
}
