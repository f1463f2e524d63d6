package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** RFC 6120 §6: SASL as the server offers it, refuses it, and completes it. */
@StanzalabTest
class SaslAuthentication {
    private static final String SASL = XmppNamespaces.SASL;

    @Spec(document = "RFC 6120", section = "6.4.1", level = MUST,
          requirement = "once the stream is protected by TLS, the server's features offer at least one SASL mechanism")
    @Test
    void saslMechanismsAreOfferedAfterTls(Lab lab) {
        RawClient client = RawClient.secured(lab);

        List<String> mechanisms = client.saslMechanisms();

        assertFalse(mechanisms.isEmpty(),
                "the features after TLS offer no <mechanisms xmlns='" + SASL + "'/> with a mechanism: " + client.features().toXml());
    }

    @Spec(document = "RFC 6120", section = "13.9.4", level = SHOULD,
          requirement = "the server does not offer SASL PLAIN, which sends the password in the clear, on a stream without TLS")
    @Test
    void plainIsNotOfferedBeforeTls(Lab lab) {
        RawClient client = RawClient.beforeTls(lab);

        List<String> mechanisms = client.saslMechanisms();

        assertFalse(mechanisms.contains("PLAIN"),
                "PLAIN is offered on a stream without TLS: " + client.features().toXml());
    }

    @Spec(document = "RFC 6120", section = "6.5.10", level = MUST,
          requirement = "authentication with a wrong password fails with the condition <not-authorized/>")
    @Test
    void wrongPasswordFailsAsNotAuthorized(Lab lab) {
        User alice = lab.newUser();

        String condition = lab.loginFailure(alice.username(), alice.password() + "-wrong");

        assertEquals("not-authorized", condition, "SASL failure condition for a wrong password");
    }

    @Spec(document = "RFC 6120", section = "6.5.7", level = MUST,
          requirement = "a SASL mechanism the server does not offer is refused with the condition <invalid-mechanism/>")
    @Test
    void unknownMechanismFailsAsInvalidMechanism(Lab lab) {
        RawClient client = RawClient.secured(lab);
        String mechanism = "X-STANZALAB-NO-SUCH-MECHANISM";
        lab.requireThat(!client.saslMechanisms().contains(mechanism), "the server offers " + mechanism);

        client.send("<auth xmlns='" + SASL + "' mechanism='" + mechanism + "'/>");

        XmlElement outcome = client.expectSaslOutcome();
        assertSaslFailure("invalid-mechanism", outcome, "for an <auth/> naming the unknown mechanism " + mechanism);
    }

    @Spec(document = "RFC 6120", section = "6.5.5", level = MUST,
          requirement = "SASL data that is not valid base64 is refused with the condition <incorrect-encoding/>")
    @Test
    void badBase64FailsAsIncorrectEncoding(Lab lab) {
        RawClient client = RawClient.secured(lab);
        lab.requireThat(client.saslMechanisms().contains("PLAIN"),
                "the server offers no SASL PLAIN, whose initial response carries the data (offered: " + client.saslMechanisms() + ")");

        String notBase64 = "!!not base64!!";

        client.send("<auth xmlns='" + SASL + "' mechanism='PLAIN'>" + notBase64 + "</auth>");

        XmlElement outcome = client.expectSaslOutcome();
        assertSaslFailure("incorrect-encoding", outcome, "for the PLAIN initial response '" + notBase64
                + "' (the transcript hides it as [redacted])");
    }

    @Spec(document = "RFC 6120", section = "7.4", level = MUST,
          requirement = "after SASL success the server's features on the restarted stream offer resource binding")
    @Test
    void restartedStreamAfterSaslOffersResourceBinding(Lab lab) {
        User alice = lab.newUser();
        RawClient client = RawClient.secured(lab);

        XmlElement features = client.expectFeaturesAfterAuthenticating(alice);

        assertTrue(features.hasChild("bind", XmppNamespaces.BIND),
                "the features after SASL success offer no <bind xmlns='" + XmppNamespaces.BIND + "'/>: " + features.toXml());
    }

    private static void assertSaslFailure(String expected, XmlElement outcome, String when) {
        assertTrue(outcome.is("failure", SASL), "expected SASL <failure/> " + when + ", got " + outcome.toXml());
        assertEquals(expected, RawClient.saslCondition(outcome), "SASL failure condition " + when + " in " + outcome.toXml());
    }
}
