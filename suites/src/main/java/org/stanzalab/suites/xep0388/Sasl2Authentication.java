package org.stanzalab.suites.xep0388;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.wire.Sasl2;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** XEP-0388 SASL2: a login through {@code <authenticate/>}, its success and its failure. */
@StanzalabTest
class Sasl2Authentication {
    /** The SASL failure conditions of RFC 6120 §6.5. */
    private static final Set<String> SASL_CONDITIONS = Set.of("aborted", "account-disabled", "credentials-expired",
            "encryption-required", "incorrect-encoding", "invalid-authzid", "invalid-mechanism", "malformed-request",
            "mechanism-too-weak", "not-authorized", "temporary-auth-failure");

    enum Scram {
        SCRAM_SHA_1, SCRAM_SHA_256;

        String mechanism() {
            return name().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0388", version = "1.0.4", section = "2.6.1", level = MUST,
          requirement = "a SCRAM login through <authenticate/> with the right password ends in <success/> naming the account's bare JID as authorization identifier")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Scram.class)
    void scramLoginSucceedsWithAuthorizationIdentifier(Scram scram, Lab lab) {
        Sasl2Login login = Sasl2Login.offered(lab);
        lab.requireThat(Sasl2.mechanisms(login.features()).contains(scram.mechanism()), "SASL2 does not offer " + scram.mechanism());
        User alice = lab.newUser();

        Sasl2.Outcome outcome = login.scram(scram.mechanism(), alice.username(), alice.password(), null);

        Sasl2Login.requireSuccess(outcome, "a SASL2 " + scram.mechanism() + " login with the right password");
        assertEquals(alice.jid().toString(), outcome.authorizationIdentifier().orElse(null),
                "authorization identifier in <success/>: " + outcome.element().toXml());
    }

    @Spec(document = "XEP-0388", version = "1.0.4", section = "2.6.1", level = MUST,
          requirement = "the stream features of the authenticated stream follow <success/> at once, without a stream restart")
    @Test
    void featuresFollowSuccessWithoutRestart(Lab lab) {
        Sasl2Login login = Sasl2Login.offered(lab);
        String mechanism = login.scramMechanism(lab);
        User alice = lab.newUser();
        Sasl2Login.requireSuccess(login.scram(mechanism, alice.username(), alice.password(), null), "a SASL2 login");

        XmlElement features = login.featuresAfterSuccess();

        assertFalse(Sasl2.feature(features).isPresent(), "SASL2 is offered again on the authenticated stream: " + features.toXml());
        assertFalse(features.hasChild("mechanisms", XmppNamespaces.SASL), "SASL is offered again on the authenticated stream: " + features.toXml());
    }

    @Spec(document = "XEP-0388", version = "1.0.4", section = "2.6.2", level = MUST,
          requirement = "a login with a wrong password ends in <failure/> carrying one of the SASL error conditions")
    @Test
    void wrongPasswordEndsInFailureWithSaslCondition(Lab lab) {
        Sasl2Login login = Sasl2Login.offered(lab);
        String mechanism = login.scramMechanism(lab);
        User alice = lab.newUser();

        Sasl2.Outcome outcome = login.scram(mechanism, alice.username(), alice.password() + "-wrong", null);

        assertTrue(outcome.isFailure(), "a wrong password got " + outcome.element().toXml());
        String condition = outcome.failureCondition().orElse("none");
        assertTrue(SASL_CONDITIONS.contains(condition), "the <failure/> names no SASL condition of RFC 6120 §6.5: " + outcome.element().toXml());
    }
}
