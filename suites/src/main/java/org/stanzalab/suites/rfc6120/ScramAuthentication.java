package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.WireException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramException;
import org.stanzalab.wire.sasl.ScramMechanism;

/** RFC 6120 §6 with the SCRAM mechanisms (RFC 5802, RFC 7677), driven message by message. */
@StanzalabTest
class ScramAuthentication {

    @Spec(document = "RFC 6120", section = "6.4.6", level = MUST,
          requirement = "a SCRAM exchange with the account's right password ends in <success/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramWithTheRightPasswordSucceeds(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);

        scram.readServerFirst(scram.sendClientFirst(alice.username()));
        XmlElement outcome = scram.sendClientFinal(alice.password());

        assertTrue(outcome.is("success", XmppNamespaces.SASL),
                "expected <success/> after a correct " + variant + " client-final message, got " + outcome.toXml());
    }

    // §3 only defines ServerSignature; §5 states the consequence: a client MUST treat the exchange as failed when the
    // server's signature differs from its own computation, so no correct exchange succeeds without it.
    @Spec(document = "RFC 5802", section = "5", level = MUST,
          requirement = "the server signature (v=) the server sends at the end of a SCRAM exchange equals the one the "
                  + "client computes from the password, which proves the server knows the account's key")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramServerSignatureProvesKnowledgeOfThePassword(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);
        scram.readServerFirst(scram.sendClientFirst(alice.username()));

        XmlElement outcome = scram.sendClientFinal(alice.password());

        lab.requireThat(outcome.is("success", XmppNamespaces.SASL), "the correct " + variant + " exchange did not succeed: " + outcome.toXml());
        assertEquals(scram.expectedServerSignature(), scram.serverSignatureIn(outcome),
                "server signature (v=) in the " + variant + " server-final message (RFC 5802 §5)");
    }

    @Spec(document = "RFC 5802", section = "5.1", level = MUST,
          requirement = "the nonce in the SCRAM server-first message starts with the client's nonce and adds a part of the server's")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramServerNonceExtendsTheClientNonce(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);

        String nonce = scram.readServerFirst(scram.sendClientFirst(alice.username())).get("r");

        assertTrue(nonce.startsWith(scram.clientNonce()) && nonce.length() > scram.clientNonce().length(),
                "the server's nonce '" + nonce + "' must extend our nonce '" + scram.clientNonce() + "'");
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "a SCRAM proof computed from a wrong password is refused with <not-authorized/> "
                  + "(the condition is defined in §6.5.10)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramWithAWrongPasswordIsNotAuthorized(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);
        scram.readServerFirst(scram.sendClientFirst(alice.username()));

        XmlElement outcome = scram.sendClientFinal(alice.password() + "-wrong");

        refuseAsBreach(outcome, "a " + variant + " proof from a wrong password");
        assertFailure(outcome, Set.of("not-authorized"), "a " + variant + " proof from a wrong password");
    }

    @Spec(document = "RFC 5802", section = "5.1", level = MUST,
          requirement = "a SCRAM client-final message whose nonce is not the one the server sent is refused")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramFinalMessageWithAnotherNonceIsRefused(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);
        String nonce = scram.readServerFirst(scram.sendClientFirst(alice.username())).get("r");

        XmlElement outcome = scram.sendClientFinal(alice.password(), nonce + "tampered");

        assertFailure(outcome, Set.of("not-authorized", "malformed-request"),
                "a " + variant + " client-final message with a nonce the server never sent");
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "a SCRAM client-first message without the GS2 header is refused with <malformed-request/> "
                  + "(§6.5.8) or the generic <not-authorized/> (§6.5.10); its base64 is correct, so not <incorrect-encoding/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramClientFirstWithoutGs2HeaderIsRefused(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        Scram scram = scramOn(lab, variant);

        XmlElement outcome = scram.sendAuth("n=" + alice.username() + ",r=" + scram.clientNonce());

        assertFailure(outcome, Set.of("malformed-request", "not-authorized"),
                "a " + variant + " client-first message without 'n,,'");
    }

    @Spec(document = "RFC 6120", section = "6.4.4", level = MUST,
          requirement = "a client that aborts a SASL exchange with <abort/> gets <failure/> with <aborted/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void abortedScramExchangeEndsWithAborted(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().secure();
        Scram scram = scramOn(lab, client, variant);
        scram.readServerFirst(scram.sendClientFirst(alice.username()));

        client.send("<abort xmlns='" + XmppNamespaces.SASL + "'/>");

        assertFailure(client.expectSaslStep(), Set.of("aborted"), "an <abort/> in the middle of a " + variant + " exchange");
    }

    private static Scram scramOn(Lab lab, ScramMechanism variant) {
        return scramOn(lab, lab.raw().secure(), variant);
    }

    private static Scram scramOn(Lab lab, RawSession client, ScramMechanism variant) {
        lab.requireThat(client.saslMechanisms().contains(variant.mechanism()),
                "the server does not offer " + variant + " (offered: " + client.saslMechanisms() + ")");
        return new Scram(client, variant);
    }

    /** A login with credentials that must not authenticate anyone succeeded: someone got in who must not. */
    static void refuseAsBreach(XmlElement outcome, String credentials) {
        if (outcome.is("success", XmppNamespaces.SASL)) {
            throw new SecurityBreach("the server authenticated " + credentials + ": " + outcome.toXml());
        }
    }

    static void assertFailure(XmlElement outcome, Set<String> allowed, String after) {
        assertTrue(outcome.is("failure", XmppNamespaces.SASL), "expected SASL <failure/> with one of " + allowed
                + " after " + after + ", got " + outcome.toXml());
        String condition = Stanzas.saslCondition(outcome);
        assertTrue(allowed.contains(condition), "expected SASL failure condition " + allowed + " after " + after
                + ", got " + outcome.toXml());
    }

    /** The wire layer's SCRAM client carried over a raw session: a malformed server message is the server's failure. */
    private static final class Scram {
        private final RawSession client;
        private final ScramMechanism mechanism;
        private final ScramClient scram;

        Scram(RawSession client, ScramMechanism mechanism) {
            this.client = client;
            this.mechanism = mechanism;
            this.scram = new ScramClient(mechanism);
        }

        String clientNonce() {
            return scram.clientNonce();
        }

        XmlElement sendClientFirst(String username) {
            return sendAuth(scram.clientFirst(username));
        }

        /** Sends {@code <auth/>} naming this mechanism with an arbitrary initial response (text before base64). */
        XmlElement sendAuth(String initialResponse) {
            client.send("<auth xmlns='" + XmppNamespaces.SASL + "' mechanism='" + mechanism.mechanism() + "'>"
                    + base64(initialResponse) + "</auth>");
            return client.expectSaslStep();
        }

        Map<String, String> readServerFirst(XmlElement challenge) {
            if (!challenge.is("challenge", XmppNamespaces.SASL)) {
                throw new ServerFailure("expected a SASL <challenge/> carrying the SCRAM server-first message, got " + challenge.toXml());
            }
            try {
                return scram.readServerFirst(decode(challenge, "server-first message"));
            } catch (ScramException e) {
                throw new ServerFailure(e.getMessage());
            }
        }

        XmlElement sendClientFinal(String password) {
            return sendClientFinal(password, null);
        }

        /** With this nonce instead of the server's (a test may spoil it); null keeps the server's. */
        XmlElement sendClientFinal(String password, String nonce) {
            String message;
            try {
                message = nonce == null ? scram.clientFinal(password) : scram.clientFinal(password, nonce);
            } catch (ScramException e) {
                throw new ServerFailure(e.getMessage());
            }
            String xml = "<response xmlns='" + XmppNamespaces.SASL + "'>";
            try {
                client.wire().sendRedacted(xml + base64(message) + "</response>", xml + "[client-final with proof, redacted]</response>");
            } catch (WireException e) {
                throw new TestError("could not send the SCRAM client-final message: " + e.getMessage(), e);
            }
            return client.expectSaslStep();
        }

        String serverSignatureIn(XmlElement success) {
            try {
                return scram.serverSignatureIn(decode(success, "server-final message"));
            } catch (ScramException e) {
                throw new ServerFailure(e.getMessage());
            }
        }

        String expectedServerSignature() {
            return scram.expectedServerSignature();
        }

        private static String decode(XmlElement element, String what) {
            try {
                return new String(Base64.getDecoder().decode(element.text().strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new ServerFailure("the SCRAM " + what + " in " + element.toXml() + " is not base64 (RFC 6120 §6.4.2)");
            }
        }

        private static String base64(String text) {
            return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        }
    }
}
