package org.stanzalab.suites.rfc7622;

import java.nio.charset.StandardCharsets;

/** Building the address strings the tests send: width variants, exact octet lengths, readable renderings. */
final class Addresses {
    /** The limit of RFC 7622 §3.1 for each of localpart, domainpart and resourcepart, in UTF-8 octets. */
    static final int MAX_PART_OCTETS = 1023;

    private Addresses() {
    }

    /** ASCII letters, digits and punctuation replaced by their FULLWIDTH forms (U+FF01..U+FF5E). */
    static String fullwidth(String ascii) {
        StringBuilder out = new StringBuilder(ascii.length());
        for (char c : ascii.toCharArray()) {
            out.append(c >= 0x21 && c <= 0x7E ? (char) (c + 0xFEE0) : c);
        }
        return out.toString();
    }

    /** The first letter in upper case, the rest as it is. */
    static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    /** {@code unit} repeated until the string is exactly {@code octets} UTF-8 octets long. */
    static String ofOctets(String unit, int octets) {
        int unitOctets = octets(unit);
        if (octets % unitOctets != 0) {
            throw new IllegalArgumentException(octets + " octets cannot be made of '" + unit + "' (" + unitOctets + " octets)");
        }
        return unit.repeat(octets / unitOctets);
    }

    /** {@code prefix} padded with 'a' to exactly {@code octets} UTF-8 octets. */
    static String paddedTo(String prefix, int octets) {
        return prefix + "a".repeat(octets - octets(prefix));
    }

    static int octets(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The string with every code point outside printable ASCII shown as U+XXXX, and long strings shortened. */
    static String show(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(60).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7F) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("<U+%04X>", cp));
            }
        });
        if (s.codePointCount(0, s.length()) > 60) {
            out.append("... (").append(octets(s)).append(" octets)");
        }
        return "'" + out + "'";
    }
}
