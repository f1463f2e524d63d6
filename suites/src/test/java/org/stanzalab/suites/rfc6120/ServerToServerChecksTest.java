package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opentest4j.AssertionFailedError;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.suites.ScriptedServerUnderTest;
import org.stanzalab.wire.server.StreamFeatures;

/**
 * The server-to-server stream checks of {@link ServerToServerStreams} and {@link ServerToServerAddressing} that need
 * no user seen failing against a scripted server under test that lets everything through, and passing against one
 * that answers as RFC 6120 says.
 */
class ServerToServerChecksTest {
    private static final String STREAM_ERROR = "<stream:error><%s xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>"
            + "</stream:stream>";

    @TempDir
    Path dir;
    private ScriptedServerUnderTest server;

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedServerUnderTest(dir);
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @ParameterizedTest
    @EnumSource(ServerToServerAddressing.BadTo.class)
    void badToCheckFailsWhenTheServerLetsTheStanzaThrough(ServerToServerAddressing.BadTo bad) {
        server.authenticateThen(stream -> stream.answerClose(java.time.Duration.ofSeconds(15)));
        ServerFailure failure = assertThrows(ServerFailure.class,
                () -> new ServerToServerAddressing().stanzaWithBadToIsRefused(bad, server.lab()));
        assertTrue(failure.getMessage().contains("nothing happened on the stream"), failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ServerToServerAddressing.BadTo.class)
    void badToCheckFailsOnTheWrongCondition(ServerToServerAddressing.BadTo bad) {
        server.authenticateThen(stream -> {
            stream.expect(e -> e.name().equals("message"), "the stanza");
            stream.send(String.format(STREAM_ERROR, "invalid-from"));
        });
        ServerFailure failure = assertThrows(ServerFailure.class,
                () -> new ServerToServerAddressing().stanzaWithBadToIsRefused(bad, server.lab()));
        assertTrue(failure.getMessage().contains("<invalid-from/>"), failure.getMessage());
    }

    @ParameterizedTest
    @EnumSource(ServerToServerAddressing.BadTo.class)
    void badToCheckPassesOnTheConditionTheTextNames(ServerToServerAddressing.BadTo bad) {
        String condition = bad == ServerToServerAddressing.BadTo.MISSING ? "improper-addressing" : "host-unknown";
        server.authenticateThen(stream -> {
            stream.expect(e -> e.name().equals("message"), "the stanza");
            stream.send(String.format(STREAM_ERROR, condition));
        });
        assertDoesNotThrow(() -> new ServerToServerAddressing().stanzaWithBadToIsRefused(bad, server.lab()));
    }

    @Test
    void unservedHeaderCheckFailsWhenTheServerAcceptsTheHeader() {
        server.serve(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.answerClose(java.time.Duration.ofSeconds(15));
        });
        assertThrows(ServerFailure.class, () -> new ServerToServerStreams()
                .headerForUnservedDomainGetsHostUnknown(server.lab()));
    }

    @Test
    void unservedHeaderCheckFailsWithoutResponseHeader() {
        server.serve(stream -> {
            stream.awaitStreamHeader();
            stream.wire().close();
        });
        AssertionFailedError failure = assertThrows(AssertionFailedError.class, () -> new ServerToServerStreams()
                .headerForUnservedDomainGetsHostUnknown(server.lab()));
        assertTrue(failure.getMessage().contains("without a response header"), failure.getMessage());
    }

    @Test
    void unservedHeaderCheckPassesOnHostUnknown() {
        server.serve(stream -> {
            stream.awaitStreamHeader();
            stream.sendStreamHeader();
            stream.send(String.format(STREAM_ERROR, "host-unknown"));
        });
        assertDoesNotThrow(() -> new ServerToServerStreams()
                .headerForUnservedDomainGetsHostUnknown(server.lab()));
    }
}
