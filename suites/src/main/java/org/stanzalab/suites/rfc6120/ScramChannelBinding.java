package org.stanzalab.suites.rfc6120;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.SecurityBreach;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.BoundScram;
import org.stanzalab.engine.raw.RawScram;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;
import org.stanzalab.wire.sasl.ScramClient;

/**
 * SCRAM's -PLUS variants (RFC 5802 §6): authentication bound to the TLS channel, on the streams where the server
 * offers them. The binding data come from Bouncy Castle's TLS (the JDK exports none); the types XEP-0440 lists are
 * tested in xep0440.
 */
@StanzalabTest
class ScramChannelBinding {

    // RFC 5802 §6: a server without channel binding advertises only the bare names; a stream without TLS has no channel
    // that a binding could name, so nothing a client could bind to.
    @Spec(document = "RFC 5802", section = "6", level = MUST,
          requirement = "the server offers no SCRAM -PLUS mechanism on a stream without TLS, where there is no channel "
                  + "to bind to")
    @Test
    void plusIsNotOfferedWithoutTls(Lab lab) {
        RawSession client = lab.raw().openWithoutTls();

        List<String> plus = client.saslMechanisms().stream().filter(m -> m.endsWith("-PLUS")).toList();

        assertTrue(plus.isEmpty(), "the server offers " + plus + " on a stream without TLS: " + client.features().toXml());
    }

    // The default binding type where no XEP-0440 list says otherwise: tls-unique up to TLS 1.2 (RFC 5802 §6), tls-exporter
    // with TLS 1.3 (RFC 9266 §3, which updates RFC 5802 for TLS 1.3, where tls-unique is not defined).
    @Spec(document = "RFC 5802", section = "6", level = MUST,
          requirement = "a server that offers a SCRAM -PLUS mechanism on a stream accepts a -PLUS exchange with the right "
                  + "password bound to that stream with the default type for its TLS version (tls-unique up to TLS 1.2, "
                  + "tls-exporter from TLS 1.3 on, RFC 9266), unless its XEP-0440 list leaves that type out")
    @ParameterizedTest(name = "{0}")
    @EnumSource(TlsVersion.class)
    void plusWithTheDefaultBindingSucceeds(TlsVersion version, Lab lab) {
        User alice = lab.newUser();
        BoundScram bound = BoundScram.open(lab, TlsOptions.DEFAULT.withProtocols(version.toString()));
        String type = BoundScram.defaultType(bound.protocol());
        bound.advertisedTypes().ifPresent(types -> lab.requireThat(types.contains(type), "the server lists the channel-binding "
                + "types " + types + " (XEP-0440) without the default " + type));
        lab.requireThat(bound.binding(type).isPresent(), "this tool cannot export " + type + " on a " + bound.protocol()
                + " stream (Bouncy Castle 1.78.1 forgets the TLS 1.3 exporter secret after the handshake): no verdict on the server");

        XmlElement outcome = bound.scram(type).exchange(alice.username(), alice.password());

        assertTrue(outcome.is("success", XmppNamespaces.SASL), "expected <success/> for " + bound.variant().plusMechanism()
                + " with the right password and the " + type + " binding of this " + bound.protocol() + " stream, got "
                + outcome.toXml());
    }

    @Spec(document = "RFC 5802", section = "6", level = MUST,
          requirement = "a SCRAM -PLUS exchange whose channel-binding data differ from the stream's (here one byte altered) "
                  + "fails even with the right password, with <not-authorized/> (RFC 6120 §6.5.10) or <malformed-request/>")
    @Test
    void plusWithAnAlteredBindingFails(Lab lab) {
        User alice = lab.newUser();
        Accepted accepted = acceptedBinding(lab, alice);
        String type = accepted.type();
        BoundScram bound = BoundScram.open(lab, accepted.tls());
        byte[] altered = bound.binding(type).orElseThrow().clone();
        altered[altered.length - 1] ^= 0x01;

        XmlElement outcome = bound.scram(type, altered).exchange(alice.username(), alice.password());

        ScramAuthentication.refuseAsBreach(outcome, "a " + bound.variant().plusMechanism() + " exchange bound to another "
                + type + " channel than this stream's");
        ScramAuthentication.assertFailure(outcome, Set.of("not-authorized", "malformed-request"),
                "a " + type + " binding with one byte altered");
    }

    @Spec(document = "RFC 5802", section = "6", level = MUST,
          requirement = "a client that says it could bind but believes the server cannot (GS2 flag 'y') fails to "
                  + "authenticate on a stream where the server offered -PLUS: the sign that -PLUS was stripped on the way")
    @Test
    void bindingClaimedUnsupportedWherePlusWasOfferedFails(Lab lab) {
        User alice = lab.newUser();
        BoundScram bound = BoundScram.openAny(lab);

        XmlElement outcome = new RawScram(bound.client(), ScramClient.claimingServerCannotBind(bound.variant()))
                .exchange(alice.username(), alice.password());

        ScramAuthentication.refuseAsBreach(outcome, "a " + bound.variant() + " exchange with GS2 flag 'y' after the server "
                + "offered " + bound.variant().plusMechanism());
        ScramAuthentication.assertFailure(outcome, Set.of("not-authorized", "malformed-request"),
                "GS2 flag 'y' where " + bound.variant().plusMechanism() + " was offered");
    }

    @Spec(document = "RFC 5802", section = "6", level = MUST,
          requirement = "a SCRAM -PLUS exchange naming a channel-binding type the server does not support fails, with "
                  + "<not-authorized/> (RFC 6120 §6.5.10) or <malformed-request/>")
    @Test
    void plusWithAnUnsupportedBindingTypeFails(Lab lab) {
        User alice = lab.newUser();
        BoundScram bound = BoundScram.openAny(lab);
        String type = "x-stanzalab-no-such-binding";
        bound.advertisedTypes().ifPresent(types -> lab.requireThat(!types.contains(type), "the server lists " + type));

        XmlElement outcome = bound.scram(type, new byte[32]).exchange(alice.username(), alice.password());

        ScramAuthentication.refuseAsBreach(outcome, "a " + bound.variant().plusMechanism() + " exchange bound with the "
                + "unknown type " + type);
        ScramAuthentication.assertFailure(outcome, Set.of("not-authorized", "malformed-request"),
                "a -PLUS exchange with the channel-binding type " + type);
    }

    /** The TLS versions whose default binding type differs. */
    enum TlsVersion {
        TLS_1_2("TLSv1.2"),
        TLS_1_3("TLSv1.3");

        private final String name;

        TlsVersion(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /** Where a right binding was accepted: the TLS options of the stream and the binding type. */
    private record Accepted(TlsOptions tls, String type) {
    }

    /**
     * The binding the altered-binding test spoils: the usual type of a stream where the server offers -PLUS (with the
     * lab's default TLS, else TLS 1.2), once a separate stream showed the server accepts it unaltered; otherwise a
     * refusal would prove nothing.
     */
    private static Accepted acceptedBinding(Lab lab, User account) {
        StringBuilder refused = new StringBuilder();
        for (TlsOptions tls : List.of(TlsOptions.DEFAULT, BoundScram.TLS_12)) {
            BoundScram control;
            try {
                control = BoundScram.open(lab, tls);
            } catch (org.stanzalab.engine.Impossible noPlus) {
                refused.append(noPlus.getMessage()).append("; ");
                continue;
            }
            String type = control.usualType();
            if (control.binding(type).isEmpty()) {
                refused.append("this tool cannot export ").append(type).append(" on a ").append(control.protocol())
                        .append(" stream; ");
                continue;
            }
            XmlElement outcome = control.scram(type).exchange(account.username(), account.password());
            if (outcome.is("success", XmppNamespaces.SASL)) {
                lab.transcript().note("channel binding", "control: the right " + type + " binding of a " + control.protocol()
                        + " stream was accepted");
                return new Accepted(tls, type);
            }
            refused.append("the right ").append(type).append(" binding of a ").append(control.protocol())
                    .append(" stream was refused: ").append(outcome.toXml()).append("; ");
        }
        throw new org.stanzalab.engine.Impossible("no stream where the server accepts a right binding, so refusing an "
                + "altered one shows nothing (" + refused + "see plusWithTheDefaultBindingSucceeds)");
    }
}
