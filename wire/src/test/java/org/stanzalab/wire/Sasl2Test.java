package org.stanzalab.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.stanzalab.wire.sasl.ScramCredentials;
import org.stanzalab.wire.sasl.ScramException;
import org.stanzalab.wire.sasl.ScramMechanism;
import org.stanzalab.wire.sasl.ScramServer;

/**
 * The SASL2 client (XEP-0388, with Bind 2 and FAST requests inline) against a scripted server: the outcomes the
 * xep0388/xep0386/xep0484 suites judge are read right both ways, success and failure.
 */
class Sasl2Test {
    private static final String USER = "juliet";
    private static final String PASSWORD = "r0m30myr0m30";
    private static final String AGENT = "d4565fa7-4d72-4749-b3d3-740edbf87770";
    private static final String FEATURES = "<stream:features><authentication xmlns='urn:xmpp:sasl:2'>"
            + "<mechanism>SCRAM-SHA-256</mechanism><inline><bind xmlns='urn:xmpp:bind:0'/>"
            + "<fast xmlns='urn:xmpp:fast:0'><mechanism>HT-SHA-256-NONE</mechanism></fast></inline>"
            + "</authentication></stream:features>";
    private static final Pattern INITIAL = Pattern.compile("<initial-response>([^<]*)</initial-response>");
    private static final Pattern RESPONSE = Pattern.compile("<response xmlns='urn:xmpp:sasl:2'>([^<]*)</response>");

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String decoded(Pattern pattern, String received) {
        Matcher m = pattern.matcher(received);
        assertTrue(m.find(), "no SASL data in " + received);
        return new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
    }

    /**
     * A scripted SCRAM-SHA-256 exchange over SASL2: the server knows {@code storedPassword}; on a right proof it sends
     * {@code success} (with its real server-final unless {@code forgeSignature}), otherwise a failure.
     */
    private static FakePeer scramServer(String storedPassword, String successExtras, boolean forgeSignature, StringBuilder request) throws Exception {
        ScramServer scram = new ScramServer(ScramMechanism.SHA256,
                user -> user.equals(USER) ? Optional.of(ScramCredentials.fromPassword(ScramMechanism.SHA256, storedPassword)) : Optional.empty());
        return FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FEATURES);
            String authenticate = c.awaitReceived("</authenticate>");
            request.append(authenticate);
            c.send("<challenge xmlns='urn:xmpp:sasl:2'>" + b64(scram.serverFirst(decoded(INITIAL, authenticate))) + "</challenge>");
            String response = c.awaitReceived("</response>");
            try {
                String serverFinal = forgeSignature ? "v=" + b64("not the signature") : scram.serverFinal(decoded(RESPONSE, response));
                c.send("<success xmlns='urn:xmpp:sasl:2'><additional-data>" + b64(serverFinal) + "</additional-data>"
                        + successExtras + "</success><stream:features><sm xmlns='urn:xmpp:sm:3'/></stream:features>");
            } catch (ScramException e) {
                c.send("<failure xmlns='urn:xmpp:sasl:2'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>"
                        + "<text>wrong password</text></failure>");
            }
            c.awaitClientEof();
        });
    }

    @Test
    void scramLoginEndsInSuccessWithAuthorizationIdentifierAndNoRestart() throws Exception {
        StringBuilder request = new StringBuilder();
        try (FakePeer peer = scramServer(PASSWORD, "<authorization-identifier>juliet@xmpp.test</authorization-identifier>", false, request);
             WireStream stream = WireStream.connect(peer.endpoint())) {
            RecordingListener transcript = new RecordingListener();
            stream.onTraffic(transcript);
            stream.openStream();
            XmlElement features = stream.readFeatures();
            assertEquals(java.util.List.of("SCRAM-SHA-256"), Sasl2.mechanisms(features));
            assertTrue(Sasl2.inlineFeature(features, "bind", Sasl2.BIND2).isPresent());

            Sasl2.Outcome outcome = Sasl2.authenticateScram(stream, "SCRAM-SHA-256", USER, PASSWORD, AGENT, null);

            assertTrue(outcome.isSuccess(), outcome.element().toXml());
            assertEquals(Optional.of("juliet@xmpp.test"), outcome.authorizationIdentifier());
            assertTrue(stream.readFeatures().hasChild("sm", "urn:xmpp:sm:3"), "features follow <success/> on the same stream");
            assertTrue(request.toString().contains("<user-agent id='" + AGENT + "'>"), request.toString());
            assertFalse(transcript.all().contains("p="), "the SCRAM proof must not reach the transcript: " + transcript.all());
            stream.close();
            peer.assertScriptCompleted();
        }
    }

    @Test
    void wrongPasswordEndsInFailureWithSaslCondition() throws Exception {
        try (FakePeer peer = scramServer("another password", "", false, new StringBuilder());
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();

            Sasl2.Outcome outcome = Sasl2.authenticateScram(stream, "SCRAM-SHA-256", USER, PASSWORD, AGENT, null);

            assertTrue(outcome.isFailure(), outcome.element().toXml());
            assertEquals(Optional.of("not-authorized"), outcome.failureCondition());
            assertTrue(outcome.authorizationIdentifier().isEmpty());
            stream.close();
            peer.assertScriptCompleted();
        }
    }

    @Test
    void successWithoutProofOfThePasswordIsRejected() throws Exception {
        try (FakePeer peer = scramServer(PASSWORD, "<authorization-identifier>juliet@xmpp.test</authorization-identifier>", true, new StringBuilder());
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();

            assertThrows(WireProtocolException.class,
                    () -> Sasl2.authenticateScram(stream, "SCRAM-SHA-256", USER, PASSWORD, AGENT, null));
            stream.close();
        }
    }

    @Test
    void bind2RequestTravelsInlineAndBoundFullJidIsRead() throws Exception {
        StringBuilder request = new StringBuilder();
        try (FakePeer peer = scramServer(PASSWORD, "<authorization-identifier>juliet@xmpp.test/Lab.x1y2</authorization-identifier>"
                + "<bound xmlns='urn:xmpp:bind:0'/>", false, request);
             WireStream stream = WireStream.connect(peer.endpoint())) {
            stream.openStream();
            stream.readFeatures();

            Sasl2.Outcome outcome = Sasl2.authenticateScram(stream, "SCRAM-SHA-256", USER, PASSWORD, AGENT, Sasl2.bind("Lab"));

            assertTrue(request.toString().contains("<bind xmlns='urn:xmpp:bind:0'><tag>Lab</tag></bind></authenticate>"), request.toString());
            assertEquals(Optional.of("juliet@xmpp.test/Lab.x1y2"), outcome.authorizationIdentifier());
            assertTrue(outcome.child("bound", Sasl2.BIND2).isPresent());
            stream.close();
            peer.assertScriptCompleted();
        }
    }

    /** A server that checks the HT-SHA-256-NONE initial response against the token it issued. */
    private static FakePeer tokenServer(String issuedToken) throws Exception {
        return FakePeer.start(c -> {
            c.awaitReceived("<stream:stream");
            c.send(FakePeer.HEADER + FEATURES);
            String authenticate = c.awaitReceived("</authenticate>");
            assertTrue(authenticate.contains("mechanism='HT-SHA-256-NONE'") && authenticate.contains("<fast xmlns='urn:xmpp:fast:0'/>"), authenticate);
            Matcher m = INITIAL.matcher(authenticate);
            assertTrue(m.find());
            byte[] initial = Base64.getDecoder().decode(m.group(1));
            byte[] expected = new byte[USER.length() + 1 + 32];
            System.arraycopy(USER.getBytes(StandardCharsets.UTF_8), 0, expected, 0, USER.length());
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(issuedToken.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            System.arraycopy(mac.doFinal("Initiator".getBytes(StandardCharsets.UTF_8)), 0, expected, USER.length() + 1, 32);
            if (java.util.Arrays.equals(initial, expected)) {
                c.send("<success xmlns='urn:xmpp:sasl:2'><additional-data>"
                        + Base64.getEncoder().encodeToString(Sasl2.responderProof(issuedToken))
                        + "</additional-data><authorization-identifier>juliet@xmpp.test</authorization-identifier></success>");
            } else {
                c.send("<failure xmlns='urn:xmpp:sasl:2'><not-authorized xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/></failure>");
            }
            c.awaitClientEof();
        });
    }

    @Test
    void fastTokenLoginSucceedsWithTheIssuedTokenAndFailsWithAnother() throws Exception {
        String token = "WXZzciBwYmFmdmZnZiBqdmd1IGp2eXFhcmZm";
        for (String presented : new String[] {token, token + "x"}) {
            try (FakePeer peer = tokenServer(token); WireStream stream = WireStream.connect(peer.endpoint())) {
                RecordingListener transcript = new RecordingListener();
                stream.onTraffic(transcript);
                stream.openStream();
                XmlElement features = stream.readFeatures();
                assertEquals("HT-SHA-256-NONE", Sasl2.inlineFeature(features, "fast", Sasl2.FAST).orElseThrow()
                        .childText("mechanism", Sasl2.FAST).orElseThrow());

                Sasl2.Outcome outcome = Sasl2.authenticateToken(stream, USER, presented, AGENT, Sasl2.fastMarker());

                assertEquals(presented.equals(token), outcome.isSuccess(), outcome.element().toXml());
                if (outcome.isSuccess()) {
                    assertArrayEquals(Sasl2.responderProof(token), Base64.getDecoder().decode(outcome.additionalData().orElseThrow()));
                }
                assertTrue(transcript.all().contains("[username and token HMAC, redacted]"), transcript.all());
                stream.close();
                peer.assertScriptCompleted();
            }
        }
    }
}
