package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawScram;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.StreamError;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramMechanism;

/** RFC 6120 §6: SASL as the server offers it, refuses it, and completes it. */
@StanzalabTest
class SaslAuthentication {
    private static final String SASL = XmppNamespaces.SASL;

    // §6.4.1 asks for the SASL feature at SHOULD (it names cases where it is absent); its MUSTs are about the list.
    @Spec(document = "RFC 6120", section = "6.4.1", level = SHOULD,
          requirement = "once the stream is protected by TLS, the server's features offer at least one SASL mechanism")
    @Test
    void saslMechanismsAreOfferedAfterTls(Lab lab) {
        RawSession client = lab.raw().secure();

        List<String> mechanisms = client.saslMechanisms();

        assertFalse(mechanisms.isEmpty(),
                "the features after TLS offer no <mechanisms xmlns='" + SASL + "'/> with a mechanism: " + client.features().toXml());
    }

    // §13.8.3 states the duty outright; §6.3.4 says the same only for a server that has made TLS mandatory first.
    @Spec(document = "RFC 6120", section = "13.8.3", level = MUST,
          requirement = "the server does not offer SASL PLAIN, which sends the password in the clear, on a stream without TLS")
    @Test
    void plainIsNotOfferedBeforeTls(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();

        List<String> mechanisms = client.saslMechanisms();

        if (mechanisms.contains("PLAIN")) {
            // A client taking the offer sends the password readable by anyone on the path.
            throw new SecurityBreach("PLAIN is offered on a stream without TLS: " + client.features().toXml());
        }
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "authentication with a wrong password fails with the condition <not-authorized/> "
                  + "(the condition is defined in §6.5.10)")
    @Test
    void wrongPasswordFailsAsNotAuthorized(Lab lab) {
        User alice = lab.newUser();

        String condition = lab.loginFailure(alice.username(), alice.password() + "-wrong");

        assertEquals("not-authorized", condition, "SASL failure condition for a wrong password");
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "a SASL mechanism the server does not offer is refused with the condition <invalid-mechanism/> "
                  + "(the condition is defined in §6.5.7)")
    @Test
    void unknownMechanismFailsAsInvalidMechanism(Lab lab) {
        RawSession client = lab.raw().secure();
        String mechanism = "X-STANZALAB-NO-SUCH-MECHANISM";
        lab.requireThat(!client.saslMechanisms().contains(mechanism), "the server offers " + mechanism);

        client.send("<auth xmlns='" + SASL + "' mechanism='" + mechanism + "'/>");

        XmlElement outcome = client.expectSaslOutcome();
        assertSaslFailure("invalid-mechanism", outcome, "for an <auth/> naming the unknown mechanism " + mechanism);
    }

    // §6.5.5 is the condition for bad base64; §6.5.10 lets a server that will not say why answer <not-authorized/> to
    // an <auth/> with initial response data. Nothing else names this cause.
    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "SASL data that is not valid base64 is refused with the condition <incorrect-encoding/> "
                  + "(defined in §6.5.5), or with the generic <not-authorized/> (§6.5.10)")
    @Test
    void badBase64FailsAsIncorrectEncoding(Lab lab) {
        RawSession client = lab.raw().secure();
        lab.requireThat(client.saslMechanisms().contains("PLAIN"),
                "the server offers no SASL PLAIN, whose initial response carries the data (offered: " + client.saslMechanisms() + ")");

        String notBase64 = "!!not base64!!";

        client.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + notBase64 + "</auth>");

        XmlElement outcome = client.expectSaslOutcome();
        ScramAuthentication.assertFailure(outcome, Set.of("incorrect-encoding", "not-authorized"), "the PLAIN initial response '"
                + notBase64 + "' (the transcript hides it as [redacted])");
    }

    @Spec(document = "RFC 6120", section = "7.4", level = MUST,
          requirement = "after SASL success the server's features on the restarted stream offer resource binding")
    @Test
    void restartedStreamAfterSaslOffersResourceBinding(Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().secure();

        XmlElement features = client.expectFeaturesAfterAuthenticating(alice);

        assertTrue(features.hasChild("bind", XmppNamespaces.BIND),
                "the features after SASL success offer no <bind xmlns='" + XmppNamespaces.BIND + "'/>: " + features.toXml());
    }

    // Children in other namespaces are application-specific data the server MAY add (§6.3.5), not mechanisms.
    @Spec(document = "RFC 6120", section = "6.4.1", level = MUST,
          requirement = "the SASL feature lists each mechanism offered as a non-empty <mechanism/> in the SASL namespace "
                  + "(children in other namespaces are allowed, §6.3.5)")
    @Test
    void mechanismsAreListedInTheSaslNamespace(Lab lab) {
        RawSession client = lab.raw().secure();
        XmlElement mechanisms = client.features().child("mechanisms", SASL).orElse(null);
        lab.requireThat(mechanisms != null, "the server offers no SASL mechanisms after TLS: " + client.features().toXml());

        List<XmlElement> saslChildren = mechanisms.children().stream().filter(c -> SASL.equals(c.namespace())).toList();
        for (XmlElement mechanism : saslChildren) {
            assertTrue(mechanism.is("mechanism", SASL) && !mechanism.text().isBlank(),
                    "every SASL-namespace child of <mechanisms/> must be a named <mechanism/>, found " + mechanism.toXml());
        }
        assertFalse(saslChildren.isEmpty(), "<mechanisms/> lists no mechanism: " + mechanisms.toXml());
    }

    @Spec(document = "RFC 6120", section = "6.4.6", level = MUST,
          requirement = "the features of the stream restarted after SASL success do not offer SASL again")
    @Test
    void saslIsNotOfferedAgainAfterSuccess(Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().secure();

        XmlElement features = client.expectFeaturesAfterAuthenticating(alice);

        assertFalse(features.hasChild("mechanisms", SASL),
                "the features after SASL success offer SASL mechanisms again: " + features.toXml());
    }

    @Spec(document = "RFC 6120", section = "13.9.4", level = SHOULD,
          requirement = "the server does not complete SASL PLAIN, which carries the password in the clear, on a "
                  + "stream without TLS when it requires TLS")
    @Test
    void plainIsNotAcceptedBeforeTls(Lab lab) {
        User alice = lab.newUser();
        RawSession client = StartTls.openWhereTlsIsRequired(lab);

        sendPlain(client, "", alice.username(), alice.password());

        XmlElement answer = client.expect("SASL <failure/> or a stream error for PLAIN before TLS",
                e -> e.is("success", SASL) || e.is("failure", SASL) || StreamError.isStreamError(e));
        if (answer.is("success", SASL)) {
            throw new SecurityBreach("the server accepted SASL PLAIN on a stream without the TLS it requires: " + answer.toXml());
        }
    }

    // <required/> makes TLS mandatory-to-negotiate for both parties (§5.3.1): a server that authenticates before it has
    // let the client skip TLS, whatever the mechanism (SCRAM keeps the password from the wire, not the session).
    @Spec(document = "RFC 6120", section = "5.3.1", level = MUST,
          requirement = "where the server marks STARTTLS as required, it does not complete SCRAM authentication on the "
                  + "stream before TLS (a client stripping STARTTLS is refused)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void scramIsNotAcceptedBeforeRequiredTls(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        RawSession client = StartTls.openWhereTlsIsRequired(lab);
        lab.requireThat(lab.raw().secure().saslMechanisms().contains(variant.mechanism()),
                "the server does not offer " + variant + " even after TLS");

        RawScram scram = new RawScram(client, new ScramClient(variant));

        client.send("<auth xmlns='" + SASL + "' mechanism='" + variant + "'>" + java.util.Base64.getEncoder().encodeToString(
                scram.scram().clientFirst(alice.username()).getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "</auth>");

        XmlElement answer = client.expect("SASL <challenge/> or <failure/>, or a stream error, for " + variant + " before TLS",
                e -> e.is("challenge", SASL) || e.is("success", SASL) || e.is("failure", SASL) || StreamError.isStreamError(e));
        if (answer.is("challenge", SASL)) {
            // Going on with the exchange shows whether the server would really authenticate without TLS.
            scram.readServerFirst(answer);
            answer = scram.sendClientFinal(alice.password());
        }
        if (answer.is("success", SASL)) {
            throw new SecurityBreach("the server completed " + variant + " on a stream without the TLS it requires: " + answer.toXml());
        }
        client.note("refusal", "the server refused " + variant + " before TLS with " + answer.toXml());
    }

    // §6.3.4: a mechanism the server accepts only after TLS is not advertised before it; <required/> (§5.3.1) makes TLS
    // a precondition of every mechanism, so none may be listed on the stream before TLS.
    @Spec(document = "RFC 6120", section = "6.3.4", level = MUST,
          requirement = "where the server marks STARTTLS as required, it lists no SASL mechanism before TLS")
    @Test
    void noMechanismIsOfferedBeforeRequiredTls(Lab lab) {
        RawSession client = StartTls.openWhereTlsIsRequired(lab);

        List<String> mechanisms = client.saslMechanisms();

        assertTrue(mechanisms.isEmpty(), "the server requires TLS but lists " + mechanisms + " before it: "
                + client.features().toXml());
    }

    /** SASL PLAIN initial responses that carry credentials which must not authenticate the user. */
    enum BadCredentials {
        WRONG_PASSWORD("wrong-password"),
        UNKNOWN_USER("unknown-user"),
        PASSWORD_OF_ANOTHER_USER("password-of-another-user");

        private final String key;

        BadCredentials(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "SASL PLAIN credentials that do not match an account are refused with <not-authorized/> "
                  + "(the condition is defined in §6.5.10)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadCredentials.class)
    void plainWithBadCredentialsIsNotAuthorized(BadCredentials credentials, Lab lab) {
        User alice = lab.newUser();
        RawSession client = securedWithPlain(lab);
        String username = credentials == BadCredentials.UNKNOWN_USER ? "nobody-" + alice.username() : alice.username();
        String password = switch (credentials) {
            case WRONG_PASSWORD -> alice.password() + "-wrong";
            case UNKNOWN_USER -> alice.password();
            case PASSWORD_OF_ANOTHER_USER -> lab.newUser().password();
        };

        sendPlain(client, "", username, password);

        XmlElement outcome = client.expectSaslOutcome();
        ScramAuthentication.refuseAsBreach(outcome, "PLAIN with " + credentials);
        ScramAuthentication.assertFailure(outcome, Set.of("not-authorized"), "PLAIN with " + credentials);
    }

    /** SASL PLAIN initial responses that are not authzid NUL authcid NUL password. */
    enum MalformedPlain {
        NO_SEPARATORS("no-separators"),
        ONE_SEPARATOR("one-separator"),
        THREE_SEPARATORS("three-separators"),
        EMPTY_USERNAME("empty-username"),
        EMPTY_PASSWORD("empty-password");

        private final String key;

        MalformedPlain(String key) {
            this.key = key;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = MUST,
          requirement = "a SASL PLAIN response that is not authorization id, user name and password, each without NUL and "
                  + "the last two non-empty (RFC 4616 §2), is refused with <malformed-request/> (§6.5.8) or the generic "
                  + "<not-authorized/> (§6.5.10)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(MalformedPlain.class)
    void malformedPlainResponseIsRefused(MalformedPlain malformed, Lab lab) {
        User alice = lab.newUser();
        RawSession client = securedWithPlain(lab);
        String message = switch (malformed) {
            case NO_SEPARATORS -> alice.username() + alice.password();
            case ONE_SEPARATOR -> alice.username() + "\0" + alice.password();
            case THREE_SEPARATORS -> "\0" + alice.username() + "\0" + alice.password() + "\0extra";
            case EMPTY_USERNAME -> "\0\0" + alice.password();
            case EMPTY_PASSWORD -> "\0" + alice.username() + "\0";
        };

        client.sendPlainAuth(message);

        ScramAuthentication.assertFailure(client.expectSaslOutcome(), Set.of("malformed-request", "not-authorized"),
                "a PLAIN response with " + malformed);
    }

    @Spec(document = "RFC 6120", section = "6.3.8", level = MUST,
          requirement = "a SASL authorization identity the authenticated user may not act as (another user's JID) "
                  + "is refused with <invalid-authzid/> (defined in §6.5.6)")
    @Test
    void authzidOfAnotherUserIsInvalidAuthzid(Lab lab) {
        User alice = lab.newUser();
        User bob = lab.newUser();
        RawSession client = securedWithPlain(lab);

        sendPlain(client, bob.jid().toString(), alice.username(), alice.password());

        XmlElement outcome = client.expectSaslOutcome();
        if (outcome.is("success", SASL)) {
            client.expectRestartedFeatures();
            String bound = client.requestBinding(null).fullJid();
            String what = "SASL PLAIN as " + alice.role() + " (" + alice.jid() + ") with authzid " + bob.jid()
                    + " succeeded instead of failing with <invalid-authzid/>; the stream was then bound to " + bound;
            if (bound != null && bound.startsWith(bob.jid() + "/")) {
                throw new SecurityBreach(what + ": " + alice.role() + " now acts as " + bob.role());
            }
            throw new ServerFailure(what);
        }
        ScramAuthentication.assertFailure(outcome, Set.of("invalid-authzid"),
                "PLAIN as " + alice.role() + " with authzid " + bob.jid());
    }

    @Spec(document = "RFC 6120", section = "6.4.4", level = MUST,
          requirement = "a client that aborts SASL PLAIN after the server's empty challenge gets <failure/> with <aborted/>")
    @Test
    void abortedPlainExchangeEndsWithAborted(Lab lab) {
        RawSession client = securedWithPlain(lab);
        client.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'/>");
        XmlElement challenge = client.expectSaslStep();
        lab.requireThat(challenge.is("challenge", SASL), "PLAIN without initial response was not answered with a challenge: "
                + challenge.toXml());

        client.send("<abort xmlns='" + SASL + "'/>");

        ScramAuthentication.assertFailure(client.expectSaslStep(), Set.of("aborted"), "an <abort/> after the PLAIN challenge");
    }

    @Spec(document = "RFC 6120", section = "6.4.5", level = SHOULD,
          requirement = "after failed SASL attempts the server lets the client retry on the same stream (at least twice)")
    @Test
    void failedAuthenticationMayBeRetried(Lab lab) {
        User alice = lab.newUser();
        RawSession client = securedWithPlain(lab);

        for (int attempt = 1; attempt <= 2; attempt++) {
            sendPlain(client, "", alice.username(), alice.password() + "-wrong-" + attempt);
            XmlElement failure = client.expectSaslOutcome();
            lab.requireThat(failure.is("failure", SASL), "a wrong password was accepted: " + failure.toXml());
        }
        sendPlain(client, "", alice.username(), alice.password());
        XmlElement outcome = client.expect("SASL <success/> or <failure/>, or a stream error, on the third attempt",
                e -> e.is("success", SASL) || e.is("failure", SASL) || StreamError.isStreamError(e));

        assertTrue(outcome.is("success", SASL), "the third attempt, with the right password, after two failures: " + outcome.toXml());
    }

    private static RawSession securedWithPlain(Lab lab) {
        return lab.raw().secure().requireMechanism("PLAIN");
    }

    private static void sendPlain(RawSession client, String authzid, String username, String password) {
        client.sendPlainAuth(authzid + "\0" + username + "\0" + password);
    }

    private static void assertSaslFailure(String expected, XmlElement outcome, String when) {
        assertTrue(outcome.is("failure", SASL), "expected SASL <failure/> " + when + ", got " + outcome.toXml());
        assertEquals(expected, Stanzas.saslCondition(outcome), "SASL failure condition " + when + " in " + outcome.toXml());
    }
}
