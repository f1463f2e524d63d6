package org.stanzalab.suites.xep0474;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawScram;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramDowngradeProtection;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * XEP-0474: the hash ("h=") of the advertised SASL mechanisms and XEP-0440 channel-binding types in the SCRAM
 * server-first message, where the server sends one. Sending none is allowed (the attribute is optional), so its
 * absence is impossible, not a failure.
 */
@StanzalabTest
class DowngradeProtection {

    @Spec(document = "XEP-0474", version = "0.5.0", section = "6.1", level = MUST,
          requirement = "the downgrade protection hash in the SCRAM server-first message is the hash, with the SCRAM "
                  + "variant's function, of the mechanisms and channel-binding types the server advertised on that stream")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ScramMechanism.class)
    void hashMatchesWhatWasAdvertised(ScramMechanism variant, Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().secure();
        lab.requireThat(client.saslMechanisms().contains(variant.mechanism()),
                "the server does not offer " + variant + " (offered: " + client.saslMechanisms() + ")");
        RawScram scram = new RawScram(client, new ScramClient(variant));

        scram.readServerFirst(scram.sendClientFirst(alice.username()));

        String sent = scram.downgradeProtectionHash().orElseThrow(() -> new Impossible("the " + variant
                + " server-first message carries no downgrade protection hash ('h=', XEP-0474)"));
        client.send("<abort xmlns='" + XmppNamespaces.SASL + "'/>");
        assertEquals(ScramDowngradeProtection.expectedHash(variant, client.features()), sent,
                "XEP-0474 hash of the advertised " + client.saslMechanisms() + " (features: " + client.features().toXml() + ")");
    }
}
