package org.stanzalab.engine.target;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.stanzalab.wire.WireStream;

/**
 * The SASL mechanisms ordinary logins may use ({@code --sasl}), in the user's order. Tests about one mechanism
 * choose it themselves and are not bound by this. Empty means no restriction: Smack picks by its own preference
 * among those the server offers, the wire driver takes PLAIN if offered.
 */
public record SaslChoice(List<String> mechanisms) {
    /** What Smack can log in with here (SCRAM-SHA-1-PLUS stays off: Smack has no channel binding on this platform). */
    public static final List<String> SMACK = List.of("SCRAM-SHA-1", "PLAIN", "DIGEST-MD5", "CRAM-MD5");
    /** What some client of the tool can log in with, given a username and password. */
    public static final List<String> KNOWN = known();
    /** The wire driver's preference when nothing is chosen: PLAIN first, as the tests were written with it. */
    private static final List<String> WIRE_DEFAULT = List.of("PLAIN", "SCRAM-SHA-256", "SCRAM-SHA-1");

    public SaslChoice {
        mechanisms = List.copyOf(mechanisms);
    }

    public static SaslChoice any() {
        return new SaslChoice(List.of());
    }

    /**
     * The mechanisms named, in capitals, duplicates dropped. An unknown name, or a choice Smack (which makes most
     * logins) cannot use at all, is refused with a one-line IllegalArgumentException.
     */
    public static SaslChoice of(List<String> names) {
        Set<String> chosen = new LinkedHashSet<>();
        for (String name : names) {
            String mechanism = name.trim().toUpperCase(Locale.ROOT);
            if (!KNOWN.contains(mechanism)) {
                throw new IllegalArgumentException("--sasl " + name + ": unknown SASL mechanism (known: " + String.join(", ", KNOWN) + ")");
            }
            chosen.add(mechanism);
        }
        SaslChoice choice = new SaslChoice(new ArrayList<>(chosen));
        if (choice.restricted() && choice.forSmack().isEmpty()) {
            throw new IllegalArgumentException("--sasl " + String.join(",", chosen) + ": Smack, which makes most logins, can use none of these (it can: "
                    + String.join(", ", SMACK) + ")");
        }
        return choice;
    }

    public boolean restricted() {
        return !mechanisms.isEmpty();
    }

    /** The chosen mechanisms Smack can use; only meaningful when {@link #restricted()}. */
    public List<String> forSmack() {
        return mechanisms.stream().filter(SMACK::contains).toList();
    }

    /** The mechanism the wire driver logs in with, given what the server offers; empty when none fits. */
    public Optional<String> forWire(List<String> offered) {
        List<String> preference = restricted() ? mechanisms : WIRE_DEFAULT;
        return preference.stream().filter(WireStream.LOGIN_MECHANISMS::contains).filter(offered::contains).findFirst();
    }

    /** Whether the wire driver can use any of the chosen mechanisms at all. */
    public boolean wireCapable() {
        return !restricted() || mechanisms.stream().anyMatch(WireStream.LOGIN_MECHANISMS::contains);
    }

    /** "SCRAM-SHA-1, PLAIN", or "any" when nothing is chosen. */
    @Override
    public String toString() {
        return restricted() ? String.join(", ", mechanisms) : "any";
    }

    private static List<String> known() {
        Set<String> all = new LinkedHashSet<>(WireStream.LOGIN_MECHANISMS);
        all.addAll(SMACK);
        return List.copyOf(all);
    }
}
