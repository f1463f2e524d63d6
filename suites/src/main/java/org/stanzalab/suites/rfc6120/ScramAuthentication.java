package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.Set;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawScram;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
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
        RawScram scram = scramOn(lab, variant);

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
        RawScram scram = scramOn(lab, variant);
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
        RawScram scram = scramOn(lab, variant);

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
        RawScram scram = scramOn(lab, variant);
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
        RawScram scram = scramOn(lab, variant);
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
        RawScram scram = scramOn(lab, variant);

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
        RawScram scram = scramOn(lab, client, variant);
        scram.readServerFirst(scram.sendClientFirst(alice.username()));

        client.send("<abort xmlns='" + XmppNamespaces.SASL + "'/>");

        assertFailure(client.expectSaslStep(), Set.of("aborted"), "an <abort/> in the middle of a " + variant + " exchange");
    }

    private static RawScram scramOn(Lab lab, ScramMechanism variant) {
        return scramOn(lab, lab.raw().secure(), variant);
    }

    private static RawScram scramOn(Lab lab, RawSession client, ScramMechanism variant) {
        lab.requireThat(client.saslMechanisms().contains(variant.mechanism()),
                "the server does not offer " + variant + " (offered: " + client.saslMechanisms() + ")");
        return new RawScram(client, new ScramClient(variant));
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
}
