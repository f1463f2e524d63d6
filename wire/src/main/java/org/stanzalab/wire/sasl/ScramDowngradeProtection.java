package org.stanzalab.wire.sasl;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.stanzalab.wire.ChannelBindings;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/**
 * The XEP-0474 (SASL SCRAM Downgrade Protection) hash a server puts into its SCRAM server-first message as
 * attribute "h": the mechanisms it advertised and, when it advertised them with XEP-0440, its channel-binding types,
 * each list sorted by octet and joined by U+001E, the two lists separated by U+001F, hashed with the SCRAM
 * mechanism's own hash function and base64-encoded. Computed here from what the client saw, so a mismatch means the
 * lists were changed on the way, or the server hashed something else.
 */
public final class ScramDowngradeProtection {
    private static final Comparator<String> OCTETS = (a, b) -> Arrays.compareUnsigned(
            a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));

    private ScramDowngradeProtection() {
    }

    /**
     * @param mechanisms          the SASL mechanisms the server advertised, in any order
     * @param channelBindingTypes the types of its XEP-0440 {@code <sasl-channel-binding/>} feature; empty when it sent
     *                            none (which is not the same as an empty list: then no U+001F is hashed)
     */
    public static String hash(ScramMechanism mechanism, Collection<String> mechanisms,
                              Optional<? extends Collection<String>> channelBindingTypes) {
        StringBuilder s = new StringBuilder(String.join("\u001e", sorted(mechanisms)));
        channelBindingTypes.ifPresent(types -> s.append('\u001f').append(String.join("\u001e", sorted(types))));
        return ScramMessages.base64(mechanism.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The hash a server must send for the SASL mechanisms and XEP-0440 channel-binding types in these stream
     * features (the features of the stream on which the SCRAM exchange runs).
     */
    public static String expectedHash(ScramMechanism mechanism, XmlElement features) {
        List<String> mechanisms = features.child("mechanisms", XmppNamespaces.SASL)
                .map(m -> m.children().stream().filter(c -> c.is("mechanism", XmppNamespaces.SASL))
                        .map(c -> c.text().strip()).toList())
                .orElse(List.of());
        return hash(mechanism, mechanisms, ChannelBindings.advertisedTypes(features));
    }

    private static List<String> sorted(Collection<String> names) {
        return names.stream().sorted(OCTETS).toList();
    }
}
