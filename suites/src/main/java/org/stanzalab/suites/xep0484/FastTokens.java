package org.stanzalab.suites.xep0484;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.transcript.Secrets;
import org.stanzalab.suites.xep0388.Sasl2Login;
import org.stanzalab.wire.Sasl2;
import org.stanzalab.wire.XmlElement;

/** XEP-0484 FAST: a token asked for in a password login, then a login with that token. */
@StanzalabTest
class FastTokens {

    /** SASL2 with FAST offered inline, with the mechanism the wire driver speaks; impossible otherwise. */
    private static Sasl2Login offered(Lab lab) {
        Sasl2Login login = Sasl2Login.offered(lab);
        XmlElement fast = Sasl2.inlineFeature(login.features(), "fast", Sasl2.FAST).orElse(null);
        lab.requireThat(fast != null, "SASL2 offers no inline <fast xmlns='" + Sasl2.FAST + "'/>, so FAST is missing");
        List<String> mechanisms = fast.children("mechanism", Sasl2.FAST).stream().map(m -> m.text().strip()).toList();
        lab.requireThat(mechanisms.contains(Sasl2.HT_SHA_256_NONE), "FAST offers no " + Sasl2.HT_SHA_256_NONE + " (offered: " + mechanisms + ")");
        return login;
    }

    /** A password login on a new stream that asks for a token; returns the <token/>, whose secret is masked from now on. */
    private static XmlElement requestToken(Lab lab, User user, Sasl2Login login) {
        Sasl2.Outcome outcome = Sasl2Login.requireSuccess(login.scram(login.scramMechanism(lab), user.username(), user.password(),
                Sasl2.requestToken(Sasl2.HT_SHA_256_NONE)), "a password login asking for a FAST token");
        XmlElement token = outcome.child("token", Sasl2.FAST).orElseThrow(() -> new ServerFailure(
                "the <success/> to a login that asked for a token carries no <token/>: " + outcome.element().toXml()));
        token.attribute("token").ifPresent(Secrets::register);
        return token;
    }

    @Spec(document = "XEP-0484", version = "0.2.0", section = "3.3", level = MUST,
          requirement = "a password login that asks for a token ends in <success/> with a <token/> carrying the secret and its expiry")
    @Test
    void tokenRequestIsAnsweredWithTokenAndExpiry(Lab lab) {
        Sasl2Login login = offered(lab);
        User alice = lab.newUser();

        XmlElement token = requestToken(lab, alice, login);

        assertFalse(token.attribute("token").orElse("").isEmpty(), "the <token/> has no 'token'");
        String expiry = token.attribute("expiry").orElse("");
        try {
            OffsetDateTime.parse(expiry);
        } catch (DateTimeParseException e) {
            throw new ServerFailure("the <token/> 'expiry' is no XEP-0082 DateTime: '" + expiry + "'");
        }
    }

    @Spec(document = "XEP-0484", version = "0.2.0", section = "4.2", level = MUST,
          requirement = "a login with a token the server issued succeeds at once, with no further step")
    @Test
    void issuedTokenLogsInAtOnce(Lab lab) {
        User alice = lab.newUser();
        String token = requestToken(lab, alice, offered(lab)).attribute("token").orElseThrow();
        Sasl2Login again = offered(lab);

        Sasl2.Outcome outcome = again.token(alice.username(), token, null);

        assertTrue(outcome.isSuccess(), "a login with the issued token got " + outcome.element().toXml());
        assertEquals(alice.jid().toString(), outcome.authorizationIdentifier().orElse(null), "authorization identifier");
    }

    @Spec(document = "XEP-0484", version = "0.2.0", section = "4.2", level = MUST,
          requirement = "a login with a token the server does not trust (here one it never issued) fails")
    @Test
    void unknownTokenIsRefused(Lab lab) {
        User alice = lab.newUser();
        String token = requestToken(lab, alice, offered(lab)).attribute("token").orElseThrow();
        Sasl2Login again = offered(lab);

        Sasl2.Outcome outcome = again.token(alice.username(), token + "-not-issued", null);

        assertTrue(outcome.isFailure(), "a login with a token the server never issued got " + outcome.element().toXml());
    }
}
