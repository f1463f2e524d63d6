package org.stanzalab.suites.xep0440;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.BoundScram;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.ChannelBindings;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** XEP-0440: the {@code <sasl-channel-binding/>} stream feature after TLS, and the types it lists put to use. */
@StanzalabTest
class ChannelBindingTypes {

    @Spec(document = "XEP-0440", version = "1.0.0", section = "2", level = MUST,
          requirement = "the <sasl-channel-binding/> feature lists at least one <channel-binding/>, each with a 'type'")
    @Test
    void advertisedTypesAreWellFormed(Lab lab) {
        RawSession client = lab.raw().secure();
        XmlElement feature = advertised(client);

        List<XmlElement> types = feature.children().stream().filter(c -> c.is("channel-binding", ChannelBindings.XEP_0440)).toList();

        assertFalse(types.isEmpty(), "<sasl-channel-binding/> lists no <channel-binding/>: " + feature.toXml());
        for (XmlElement type : types) {
            assertTrue(type.attribute("type").filter(t -> !t.isBlank()).isPresent(),
                    "a <channel-binding/> without a 'type': " + feature.toXml());
        }
    }

    @Spec(document = "XEP-0440", version = "1.0.0", section = "3", level = MUST,
          requirement = "a server that lists its channel-binding types lists tls-server-end-point, which the XEP makes "
                  + "mandatory for servers to implement and advertise")
    @Test
    void tlsServerEndPointIsAdvertised(Lab lab) {
        RawSession client = lab.raw().secure();
        XmlElement feature = advertised(client);

        List<String> types = ChannelBindings.advertisedTypes(client.features()).orElseThrow();

        assertTrue(types.contains(ChannelBindings.TLS_SERVER_END_POINT),
                "the advertised channel-binding types " + types + " lack tls-server-end-point: " + feature.toXml());
    }

    // §2: listing a type declares that the server supports it; a -PLUS login bound with it must then work.
    @Spec(document = "XEP-0440", version = "1.0.0", section = "2", level = MUST,
          requirement = "a SCRAM -PLUS login with the right password, bound with a type the server lists, succeeds")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Type.class)
    void eachAdvertisedTypeIsAccepted(Type listed, Lab lab) {
        String type = listed.toString();
        User alice = lab.newUser();
        // tls-unique exists only up to TLS 1.2 (RFC 5929 §3); the others on the lab's usual TLS.
        BoundScram bound = BoundScram.open(lab, type.equals(ChannelBindings.TLS_UNIQUE) ? BoundScram.TLS_12 : TlsOptions.DEFAULT);
        List<String> types = bound.advertisedTypes().orElseThrow(() -> new Impossible(
                "the server lists no channel-binding types (no <sasl-channel-binding xmlns='" + ChannelBindings.XEP_0440
                        + "'/> in " + bound.client().features().toXml() + ")"));
        lab.requireThat(types.contains(type), "the server does not list " + type + " (it lists " + types + ")");
        lab.requireThat(bound.binding(type).isPresent(), "this tool cannot export " + type + " on a " + bound.protocol()
                + " connection (tls-exporter on TLS 1.3: Bouncy Castle 1.78.1 forgets the secret after the handshake)");

        XmlElement outcome = bound.scram(type).exchange(alice.username(), alice.password());

        assertTrue(outcome.is("success", XmppNamespaces.SASL), "expected <success/> for " + bound.variant().plusMechanism()
                + " bound with the advertised type " + type + " on a " + bound.protocol() + " stream, got " + outcome.toXml());
    }

    /** The channel-binding types the tool can export (RFC 5929 §3, §4; RFC 9266). */
    enum Type {
        TLS_SERVER_END_POINT(ChannelBindings.TLS_SERVER_END_POINT),
        TLS_EXPORTER(ChannelBindings.TLS_EXPORTER),
        TLS_UNIQUE(ChannelBindings.TLS_UNIQUE);

        private final String name;

        Type(String name) {
            this.name = name;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static XmlElement advertised(RawSession client) {
        return client.features().child("sasl-channel-binding", ChannelBindings.XEP_0440).orElseThrow(() -> new Impossible(
                "the server does not list its channel-binding types (XEP-0440) after TLS: " + client.features().toXml()));
    }
}
