package org.stanzalab.suites.xep0368;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.Optional;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.wire.NegotiatedTls;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.WireStream;
import org.stanzalab.wire.WireTlsException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/** XEP-0368 direct TLS on the client port: TLS from the first byte, then the XMPP stream without STARTTLS. */
@StanzalabTest
class DirectTls {

    /** What the client offers in ALPN: the XEP's protocol, or nothing (ALPN is only recommended to clients). */
    enum AlpnOffer {
        XMPP_CLIENT, NONE;

        TlsOptions options() {
            return this == NONE ? TlsOptions.DEFAULT.withApplicationProtocols() : TlsOptions.DEFAULT.withApplicationProtocols(DirectTlsPort.XMPP_CLIENT);
        }
    }

    @Spec(document = "XEP-0368", version = "1.1.0", section = "3", level = MUST,
          requirement = "where ALPN is used on the direct-TLS client port, the protocol agreed is xmpp-client")
    @Test
    void alpnAgreesOnXmppClientOrNothing(Lab lab) {
        WireStream stream = DirectTlsPort.connected(lab, AlpnOffer.XMPP_CLIENT.options());

        Optional<String> agreed = stream.negotiatedTls().flatMap(NegotiatedTls::applicationProtocol);

        lab.transcript().note("xep0368", "ALPN agreed: " + agreed.orElse("none"));
        assertTrue(agreed.isEmpty() || agreed.get().equals(DirectTlsPort.XMPP_CLIENT), "ALPN protocol agreed: " + agreed);
    }

    @Spec(document = "XEP-0368", version = "1.1.0", section = "3", level = MUST,
          requirement = "offered only a protocol other than xmpp-client, the direct-TLS client port agrees on no ALPN protocol (it may refuse the handshake)")
    @Test
    void foreignAlpnProtocolIsNotAgreedOn(Lab lab) {
        String foreign = "stanzalab-not-xmpp";
        WireStream stream;
        try {
            stream = DirectTlsPort.connect(lab, TlsOptions.DEFAULT.withApplicationProtocols(foreign));
        } catch (WireTlsException refused) {
            lab.transcript().note("xep0368", "the server refused the handshake: " + refused.getMessage());
            return;
        }

        Optional<String> agreed = stream.negotiatedTls().flatMap(NegotiatedTls::applicationProtocol);

        assertTrue(agreed.isEmpty(), "offered only '" + foreign + "', the server agreed on ALPN " + agreed.orElse(""));
    }

    @Spec(document = "XEP-0368", version = "1.1.0", section = "3", level = MUST,
          requirement = "the certificate on the direct-TLS port is valid for the domain (SNI set to it) exactly as STARTTLS requires")
    @Test
    void certificateIsValidForTheDomain(Lab lab) {
        lab.requireThat(!lab.target().trust().isInsecure() && lab.target().trust().verifyHostname(),
                "the run does not verify certificates (--insecure), so it cannot judge them");

        // The handshake verifies the chain against the run's trust and the name against the domain; a certificate
        // that fails either makes it fail, which DirectTlsPort reports as the server's failure.
        WireStream stream = DirectTlsPort.connected(lab, TlsOptions.DEFAULT);

        assertFalse(stream.negotiatedTls().map(NegotiatedTls::peerCertificates).orElseThrow().isEmpty(),
                "the server presented no certificate");
    }

    @Spec(document = "XEP-0368", version = "1.1.0", section = "3", level = MUST,
          requirement = "the stream over direct TLS offers SASL and never STARTTLS, whether or not the client used ALPN")
    @ParameterizedTest(name = "{0}")
    @EnumSource(AlpnOffer.class)
    void streamOverDirectTlsOffersSaslWithoutStartTls(AlpnOffer offer, Lab lab) {
        WireStream stream = DirectTlsPort.connected(lab, offer.options());

        XmlElement features = DirectTlsPort.openStream(stream);

        assertFalse(features.hasChild("starttls", XmppNamespaces.TLS), "STARTTLS offered over direct TLS: " + features.toXml());
        assertTrue(features.hasChild("mechanisms", XmppNamespaces.SASL), "no SASL offered over direct TLS: " + features.toXml());
    }

    @Spec(document = "XEP-0368", version = "1.1.0", section = "3", level = MUST,
          requirement = "a client that connects with direct TLS gets the whole session over it: login, binding and messages both ways")
    @Test
    void loginAndMessagesWorkOverDirectTls(Lab lab) {
        User alice = lab.newUser();
        Session bob = lab.newUser().connect();
        WireStream stream = DirectTlsPort.connected(lab, TlsOptions.DEFAULT);
        XmlElement features = DirectTlsPort.openStream(stream);
        String mechanism = DirectTlsPort.loginMechanism(features).orElseThrow(() -> new ServerFailure(
                "the stream over direct TLS offers no mechanism the tool can log in with: " + features.toXml()));

        String jid = DirectTlsPort.step("a login with SASL " + mechanism + " and a bound resource over direct TLS", () -> {
            stream.authenticate(mechanism, alice.username(), alice.password());
            return stream.bind("direct-tls");
        });
        DirectTlsPort.step("alice's message to go out", () -> {
            stream.send("<message type='chat' id='over-direct-tls' to='" + XmlEscape.attribute(bob.jid().toString())
                    + "'><body>over direct TLS</body></message>");
            return null;
        });
        Message received = bob.expectMessage("alice's message sent over direct TLS", m -> "over direct TLS".equals(m.getBody()));
        bob.sendMessage(received.getFrom(), Message.Type.chat, "reply to direct TLS");
        XmlElement reply = DirectTlsPort.step("bob's reply over direct TLS", () -> stream.expect(
                e -> e.name().equals("message") && "reply to direct TLS".equals(e.childText("body", XmppNamespaces.CLIENT).orElse(null)),
                "bob's reply"));

        assertEquals(jid, String.valueOf(received.getFrom()), "'from' of alice's message as bob received it");
        assertEquals(jid, reply.attribute("to").orElse(null), "'to' of bob's reply as alice received it");
    }
}
