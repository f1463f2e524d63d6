package org.stanzalab.suites.rfc7622;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.raw.Stanzas.messageWithBody;
import static org.stanzalab.suites.rfc7622.Addresses.MAX_PART_OCTETS;
import static org.stanzalab.suites.rfc7622.Addresses.ofOctets;
import static org.stanzalab.suites.rfc7622.Addresses.paddedTo;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession.Binding;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;

/**
 * RFC 7622 §3.4: the resourcepart, an instance of the PRECIS OpaqueString profile. Case and width are kept,
 * non-ASCII spaces become ASCII spaces, NFC is applied; what the FreeformClass disallows is refused.
 */
@StanzalabTest
class Resourceparts {
    /** Conditions RFC 6120 names for a resource the server cannot accept: §7.7.2.1 and §8.3.3.8. */
    private static final Set<String> REFUSALS = Set.of("bad-request", "jid-malformed");

    /** Requested resources and the enforced form the OpaqueString profile gives them. */
    enum ValidResource {
        MIXEDCASE("resource-mixedcase", "Phone", "Phone"),
        UPPERCASE("resource-uppercase", "PHONE", "PHONE"),
        INNER_SPACE("resource-inner-space", "my phone", "my phone"),
        AT_SIGN("resource-at-sign", "foo@bar", "foo@bar"),
        SLASH("resource-slash", "foo/bar", "foo/bar"),
        SYMBOL("resource-symbol", "\u265A", "\u265A"),
        GREEK("resource-greek", "\u03A3\u03C0\u03AF\u03C4\u03B9", "\u03A3\u03C0\u03AF\u03C4\u03B9"),
        CYRILLIC("resource-cyrillic", "\u0422\u0435\u043B\u0435\u0444\u043E\u043D", "\u0422\u0435\u043B\u0435\u0444\u043E\u043D"),
        HAN("resource-han", "\u624B\u673A", "\u624B\u673A"),
        FULLWIDTH("resource-fullwidth", "\uFF50\uFF48\uFF4F\uFF4E\uFF45", "\uFF50\uFF48\uFF4F\uFF4E\uFF45"),
        ROMAN_NUMERAL("resource-roman-numeral", "Henry\u2163", "Henry\u2163"),
        LIGATURE("resource-ligature", "\uFB01le", "\uFB01le"),
        DECOMPOSED("resource-decomposed-nfc", "caf\u0065\u0301", "caf\u00E9"),
        NO_BREAK_SPACE("resource-no-break-space", "my\u00A0phone", "my phone"),
        MAX_LENGTH("resource-1023-octets", paddedTo("stanzalab-", MAX_PART_OCTETS), paddedTo("stanzalab-", MAX_PART_OCTETS));

        final String key;
        final String requested;
        final String enforced;

        ValidResource(String key, String requested, String enforced) {
            this.key = key;
            this.requested = requested;
            this.enforced = enforced;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /*
     * RFC 6120 §7.7.1 lets the server override a requested resource with one it generates, and asks it only at SHOULD
     * to accept the request, so neither an override nor a refusal on policy breaks a MUST. What does: taking the
     * request for one that breaks the rules (a <bad-request/> or <jid-malformed/> refusal), or binding it under
     * another profile's mapping (as given where the enforced form differs, NFKC, case folding, cut short).
     */
    @Spec(document = "RFC 7622", section = "3.4", level = MUST,
          requirement = "a requested resource that is valid under the OpaqueString profile is not refused as breaking the "
                  + "rules and, when the server binds it, is bound in its enforced form: case, width, symbols and "
                  + "compatibility characters kept, non-ASCII spaces mapped to ASCII space, NFC applied (the server may "
                  + "instead bind a resource of its own, RFC 6120 §7.7.1)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ValidResource.class)
    void validResourceIsBoundInEnforcedForm(ValidResource c, Lab lab) {
        User alice = lab.newUser();
        RawSession client = lab.raw().authenticate(alice);

        Binding binding = client.requestBinding(c.requested);

        if (binding.isRefused()) {
            if (REFUSALS.contains(binding.refusal())) {
                throw new ServerFailure("binding the resource " + show(c.requested) + " was refused with <" + binding.refusal()
                        + "/>, a refusal for a resource that breaks the rules, but it is valid under the OpaqueString profile "
                        + "(RFC 7622 §3.4): " + binding.errorReply().toXml());
            }
            lab.transcript().note("binding", "choice: refused on the server's policy with <" + binding.refusal() + "/> (RFC 6120 §7.7.1)");
            return;
        }
        assertEquals(alice.jid().toString(), binding.bareJid(), "bare JID of the bound JID " + show(binding.fullJid()));
        String bound = binding.resource();
        if (!bound.equals(c.enforced) && !derivedByAnotherMapping(c.requested, c.enforced, bound)) {
            lab.transcript().note("binding", "choice: a resource of the server's own, " + show(bound) + " (RFC 6120 §7.7.1)");
            return;
        }
        Answers.assertSameString(c.enforced, bound, "resource bound for the request " + show(c.requested)
                + " (RFC 7622 §3.4: the OpaqueString profile maps no case or width; it maps only non-ASCII spaces and applies NFC)");
    }

    /** Whether the bound resource is the request under some mapping other than OpaqueString's enforcement. */
    private static boolean derivedByAnotherMapping(String requested, String enforced, String bound) {
        String nfkc = Normalizer.normalize(requested, Normalizer.Form.NFKC);
        return Stream.of(requested, nfkc, nfkc.toLowerCase(Locale.ROOT), requested.toLowerCase(Locale.ROOT)).anyMatch(bound::equals)
                || (!bound.isEmpty() && (requested.startsWith(bound) || enforced.startsWith(bound)));
    }

    /** Pairs of resources that stringprep's Resourceprep would merge but the OpaqueString profile keeps apart. */
    enum DistinctPair {
        CASE("resource-case-pair", "Phone", "phone"),
        WIDTH("resource-width-pair", "\uFF50\uFF48\uFF4F\uFF4E\uFF45", "phone"),
        ROMAN_NUMERAL("resource-roman-numeral-pair", "Henry\u2163", "HenryIV"),
        LIGATURE("resource-ligature-pair", "\uFB01le", "file");

        final String key;
        final String first;
        final String second;

        DistinctPair(String key, String first, String second) {
            this.key = key;
            this.first = first;
            this.second = second;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.4", level = MUST,
          requirement = "resourceparts that differ only in case, width or compatibility form are different resources: "
                  + "both can be bound at once, and a message to one of them does not reach the other")
    @ParameterizedTest(name = "{0}")
    @EnumSource(DistinctPair.class)
    void resourcesDifferingOnlyInCaseOrWidthAreDistinct(DistinctPair pair, Lab lab) {
        User alice = lab.newUser();
        RawSession first = lab.raw().authenticate(alice).bind(pair.first).available();
        RawSession second = lab.raw().authenticate(alice);
        String bare = alice.jid().toString();
        String body = "only for " + pair.second + " " + UUID.randomUUID();

        Binding binding = second.requestBinding(pair.second);
        boolean ownChoice = !binding.isRefused() && !binding.resource().equals(pair.first)
                && !derivedByAnotherMapping(pair.second, pair.second, binding.resource());
        lab.requireThat(!ownChoice, "the server bound a resource of its own, " + show(binding.fullJid()) + ", for the request "
                + show(pair.second) + " (RFC 6120 §7.7.1 allows it), so the two spellings cannot be bound side by side");
        if (binding.isRefused() || !binding.resource().equals(pair.second)) {
            throw new ServerFailure("with " + show(pair.first) + " bound, binding " + show(pair.second) + " gave "
                    + (binding.isRefused() ? "<" + binding.refusal() + "/>" : "the resource " + show(binding.resource()))
                    + "; under the OpaqueString profile they are different resources (RFC 7622 §3.4)");
        }
        first.expectSessionGoesOn("binding " + show(pair.second) + " ended the session bound to " + show(pair.first)
                + ", so the server took them for the same resource; under the OpaqueString profile they differ (RFC 7622 §3.4)");
        second.available();
        first.sendMessage(bare + "/" + pair.second, body);

        second.expect("the message addressed to " + show(bare + "/" + pair.second), messageWithBody(body));
        // The message went out on first's stream, so first's marker to itself follows it on that route.
        first.expectNothingFrom(first, "the message addressed to its sibling resource " + show(pair.second)
                + " (RFC 7622 §3.4: resourceparts are compared without case or width mapping)", messageWithBody(body));
    }

    /** Resources with a code point the PRECIS FreeformClass disallows. */
    enum DisallowedResource {
        DELETE("resource-control-delete", "foo\u007Fbar"),
        C1_CONTROL("resource-control-c1", "foo\u0085bar"),
        ZERO_WIDTH_SPACE("resource-zero-width-space", "foo\u200Bbar"),
        NONCHARACTER("resource-noncharacter", "foo\uFDD0bar"),
        UNASSIGNED("resource-unassigned", "foo\u0378bar");

        final String key;
        final String resource;

        DisallowedResource(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        /** The one disallowed code point, between "foo" and "bar". */
        String disallowed() {
            return resource.substring("foo".length(), resource.length() - "bar".length());
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.4", level = MUST,
          requirement = "a requested resource with a code point the PRECIS FreeformClass disallows (controls, "
                  + "ignorable code points, noncharacters, unassigned code points) is never bound with that code point: "
                  + "the server refuses it with <bad-request/> (RFC 6120 §7.7.2.1) or <jid-malformed/>, or binds a "
                  + "conforming resource instead (made from the request, or its own)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(DisallowedResource.class)
    void resourceWithDisallowedCodePointIsRefused(DisallowedResource c, Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser());

        Binding binding = client.requestBinding(c.resource);

        assertRefused(binding, c.resource, bound -> bound.contains(c.disallowed()),
                "it has a code point the OpaqueString profile disallows and cannot map (RFC 7622 §3.4)");
    }

    /** Resources longer than 1023 octets, in one-, two- and three-octet characters. */
    enum OverlongResource {
        ASCII("resource-1024-octets", ofOctets("r", MAX_PART_OCTETS + 1)),
        TWO_OCTET("resource-1024-octets-two-octet-chars", ofOctets("\u00E9", MAX_PART_OCTETS + 1)),
        THREE_OCTET("resource-1026-octets-three-octet-chars", ofOctets("\u20AC", MAX_PART_OCTETS + 3));

        final String key;
        final String resource;

        OverlongResource(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.4", level = MUST,
          requirement = "a resourcepart is at most 1023 octets of UTF-8 (octets, not characters); a longer requested "
                  + "resource is refused, or replaced by one within the limit (made from the request, RFC 6120 §7.7.2.1, "
                  + "or the server's own), never bound as it is")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OverlongResource.class)
    void overlongResourceIsRefused(OverlongResource c, Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser());

        Binding binding = client.requestBinding(c.resource);

        assertRefused(binding, c.resource, bound -> Addresses.octets(bound) > MAX_PART_OCTETS, "it is " + Addresses.octets(c.resource)
                + " octets long, more than the 1023 "
                + "octets a resourcepart may have (RFC 7622 §3.4)");
    }

    /** Resources whose case, width or script a server must not touch when it stamps 'from'. */
    enum StampedResource {
        MIXEDCASE("from-mixedcase", "Phone"),
        SYMBOL("from-symbol", "\u265A"),
        INNER_SPACE("from-inner-space", "my phone"),
        FULLWIDTH("from-fullwidth", "\uFF50\uFF48\uFF4F\uFF4E\uFF45");

        final String key;
        final String resource;

        StampedResource(String key, String resource) {
            this.key = key;
            this.resource = resource;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    /*
     * The duty is the stamping rule of RFC 6120 §8.1.2.1 (the full JID the server determined for the sender); the
     * resources are ones a server that maps resourceparts (which RFC 7622 §3.4 forbids) would stamp differently.
     */
    @Spec(document = "RFC 6120", section = "8.1.2.1", level = MUST,
          requirement = "a stanza a client sends reaches its recipient with 'from' set to the full JID the server bound for "
                  + "the client, resourcepart exactly as bound, with no case or width mapping")
    @ParameterizedTest(name = "{0}")
    @EnumSource(StampedResource.class)
    void senderResourceIsStampedExactly(StampedResource c, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind(c.resource);
        String body = "stamped " + c + " " + UUID.randomUUID();

        alice.sendMessage(bob.user().jid().toString(), body);

        XmlElement received = bob.expect("alice's message", messageWithBody(body));
        String from = received.attribute("from").orElse("");
        Answers.assertSameString(alice.jid(), from, "'from' of alice's message as bob received it; alice bound "
                + show(alice.jid()) + " after asking for " + show(c.resource) + " (RFC 7622 §3.4: resourceparts are opaque)");
    }

    /**
     * The requested resource must never be bound as it is. The server refuses it, or binds a resource that keeps the
     * rules: one it made conform from the request (RFC 6120 §7.7.2.1 recommends that over a refusal) or one of its
     * own (RFC 6120 §7.7.1). What it must not do is bind a resource that still breaks the rule.
     */
    private static void assertRefused(Binding binding, String requested, java.util.function.Predicate<String> breaksTheRule, String rule) {
        if (!binding.isRefused()) {
            String bound = binding.resource();
            if (breaksTheRule.test(bound)) {
                throw new ServerFailure("binding " + show(requested) + " must be refused because " + rule
                        + ", but the server bound " + show(binding.fullJid()));
            }
            return;
        }
        if (!REFUSALS.contains(binding.refusal())) {
            throw new ServerFailure("binding " + show(requested) + " was refused with <" + binding.refusal()
                    + "/>, but the refusal of a resource that breaks the address rules is <bad-request/> (RFC 6120 §7.7.2.1) "
                    + "or <jid-malformed/> (RFC 6120 §8.3.3.8): " + binding.errorReply().toXml());
        }
    }
}
