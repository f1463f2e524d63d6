package org.stanzalab.suites.xep0220;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.suites.ScriptedServerUnderTest;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.server.ServerNamespaces;
import org.stanzalab.wire.server.ServerStream;
import org.stanzalab.wire.server.StreamFeatures;

/**
 * {@link ServerDialback#unservedTargetDomainIsDialbackErrorNotStreamError} against scripted servers under test:
 * one that takes a request for a domain it does not serve as valid, one that ends the stream, one that answers the
 * first request and then closes, and one that answers each with a dialback error as XEP-0220 §2.2.1 says.
 */
class ServerDialbackTest {
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

    private interface Answer {
        void to(ServerStream stream, XmlElement result) throws Exception;
    }

    private void secureThen(StreamFeatures features, Answer answer) {
        server.serve(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            stream.openStream(features);
            for (int i = 0; i < 2; i++) {
                answer.to(stream, stream.expect(e -> e.is("result", ServerNamespaces.DIALBACK), "<db:result/>"));
            }
            stream.answerClose(Duration.ofSeconds(15));
        });
    }

    private static String reply(XmlElement result, String type) {
        return "<db:result from='" + result.attribute("to").orElse("") + "' to='" + result.attribute("from").orElse("")
                + "' type='" + type + "'/>";
    }

    @Test
    void failsWhenTheServerCallsTheRequestValid() {
        secureThen(StreamFeatures.none().dialback(), (stream, result) -> stream.send(reply(result, "valid")));
        ServerFailure failure = assertThrows(ServerFailure.class,
                () -> new ServerDialback().unservedTargetDomainIsDialbackErrorNotStreamError(server.lab()));
        assertTrue(failure.getMessage().contains("instead of type='error'"), failure.getMessage());
    }

    @Test
    void failsWhenTheServerEndsTheStream() {
        secureThen(StreamFeatures.none().dialback(), (stream, result) -> stream.send(
                "<stream:error><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error></stream:stream>"));
        ServerFailure failure = assertThrows(ServerFailure.class,
                () -> new ServerDialback().unservedTargetDomainIsDialbackErrorNotStreamError(server.lab()));
        assertTrue(failure.getMessage().contains("<host-unknown/>"), failure.getMessage());
    }

    @Test
    void failsWhenTheServerClosesAfterTheFirstError() {
        server.serve(stream -> {
            stream.openStream(StreamFeatures.none().startTls(true));
            stream.acceptStartTls();
            stream.openStream(StreamFeatures.none().dialback());
            XmlElement result = stream.expect(e -> e.is("result", ServerNamespaces.DIALBACK), "<db:result/>");
            stream.send(reply(result, "error"));
            stream.closeStream(Duration.ofSeconds(5));
        });
        ServerFailure failure = assertThrows(ServerFailure.class,
                () -> new ServerDialback().unservedTargetDomainIsDialbackErrorNotStreamError(server.lab()));
        assertTrue(failure.getMessage().contains("did not go on"), failure.getMessage());
    }

    @Test
    void impossibleWithoutDialbackErrors() {
        secureThen(StreamFeatures.none().with("<dialback xmlns='urn:xmpp:features:dialback'/>"),
                (stream, result) -> stream.send(reply(result, "error")));
        assertThrows(Impossible.class,
                () -> new ServerDialback().unservedTargetDomainIsDialbackErrorNotStreamError(server.lab()));
    }

    @Test
    void passesOnDialbackErrors() {
        secureThen(StreamFeatures.none().dialback(), (stream, result) -> stream.send(reply(result, "error")));
        assertDoesNotThrow(() -> new ServerDialback().unservedTargetDomainIsDialbackErrorNotStreamError(server.lab()));
    }
}
