package org.stanzalab.engine.raw;

import java.util.List;
import java.util.Optional;

import org.stanzalab.engine.Impossible;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.TestError;
import org.stanzalab.wire.ChannelBindings;
import org.stanzalab.wire.TlsOptions;
import org.stanzalab.wire.sasl.ScramClient;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * A secured stream on which the server offers a SCRAM -PLUS mechanism, made with Bouncy Castle's TLS so that it can
 * export its channel bindings, for tests of SCRAM channel binding (RFC 5802 §6) and XEP-0440.
 *
 * @param client   the stream, secured, not authenticated
 * @param variant  the strongest SCRAM variant whose -PLUS form the server offers on it
 * @param protocol the TLS version negotiated ("TLSv1.2", "TLSv1.3")
 */
public record BoundScram(RawSession client, ScramMechanism variant, String protocol) {

    /** TLS 1.2 only, where tls-unique is defined (RFC 5929 §3; TLS 1.3 has no tls-unique). */
    public static final TlsOptions TLS_12 = TlsOptions.DEFAULT.withProtocols("TLSv1.2");

    /** A stream with these TLS options on which the server offers a -PLUS mechanism; impossible when it offers none. */
    public static BoundScram open(Lab lab, TlsOptions tls) {
        RawSession client = lab.rawWithChannelBinding(tls).secure();
        List<String> offered = client.saslMechanisms();
        String protocol = client.wire().negotiatedTls().map(t -> t.protocol())
                .orElseThrow(() -> new TestError("the secured stream has no TLS session"));
        ScramMechanism variant = strongestPlus(offered).orElseThrow(() -> new Impossible("the server offers no SCRAM -PLUS "
                + "mechanism on a " + protocol + " stream (offered: " + offered + ")"));
        return new BoundScram(client, variant, protocol);
    }

    /**
     * A stream on which the server offers -PLUS, with the TLS version the lab negotiates by default, else with TLS 1.2
     * (some servers bind only where tls-unique is defined); impossible when it offers -PLUS on neither.
     */
    public static BoundScram openAny(Lab lab) {
        try {
            return open(lab, TlsOptions.DEFAULT);
        } catch (Impossible notOnTheDefault) {
            lab.transcript().note("channel binding", notOnTheDefault.getMessage() + "; trying TLS 1.2");
            return open(lab, TLS_12);
        }
    }

    /** The types the server lists with XEP-0440 on this stream, if it lists any. */
    public Optional<List<String>> advertisedTypes() {
        return ChannelBindings.advertisedTypes(client.features());
    }

    /**
     * The binding type a client uses here without being told: one the server advertises (XEP-0440) and this
     * connection can export, the strongest first; otherwise the default for the TLS version, tls-unique up to TLS 1.2
     * (RFC 5802 §6) and tls-exporter from TLS 1.3 on (RFC 9266 §3).
     */
    public String usualType() {
        Optional<List<String>> advertised = advertisedTypes();
        if (advertised.isPresent()) {
            for (String type : List.of(ChannelBindings.TLS_EXPORTER, ChannelBindings.TLS_UNIQUE, ChannelBindings.TLS_SERVER_END_POINT)) {
                if (advertised.get().contains(type) && binding(type).isPresent()) {
                    return type;
                }
            }
            throw new Impossible("the server lists the channel-binding types " + advertised.get() + " (XEP-0440), none of "
                    + "which this " + protocol + " connection can export");
        }
        return defaultType(protocol);
    }

    /** tls-unique up to TLS 1.2, tls-exporter from TLS 1.3 on. */
    public static String defaultType(String protocol) {
        return "TLSv1.3".equals(protocol) ? ChannelBindings.TLS_EXPORTER : ChannelBindings.TLS_UNIQUE;
    }

    /** This connection's binding of this type, if it can export it. */
    public Optional<byte[]> binding(String type) {
        return client.wire().channelBinding(type);
    }

    /** A SCRAM -PLUS exchange over this stream with this type and these binding bytes (a test may alter them). */
    public RawScram scram(String type, byte[] data) {
        return new RawScram(client, ScramClient.binding(variant, type, data));
    }

    /** A SCRAM -PLUS exchange over this stream with the connection's real binding of this type. */
    public RawScram scram(String type) {
        byte[] data = binding(type).orElseThrow(() -> new TestError("this " + protocol + " connection cannot export the "
                + type + " channel binding"));
        return scram(type, data);
    }

    private static Optional<ScramMechanism> strongestPlus(List<String> offered) {
        List<ScramMechanism> strongestFirst = List.of(ScramMechanism.SHA512, ScramMechanism.SHA256, ScramMechanism.SHA1);
        return strongestFirst.stream().filter(m -> offered.contains(m.plusMechanism())).findFirst();
    }
}
