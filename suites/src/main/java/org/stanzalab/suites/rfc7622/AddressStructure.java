package org.stanzalab.suites.rfc7622;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc7622.Addresses.MAX_PART_OCTETS;
import static org.stanzalab.suites.rfc7622.Addresses.ofOctets;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;

/**
 * RFC 7622 §3.1: how a JID is put together. Every part present is 1 to 1023 octets; a JID may be a domainpart with a
 * resourcepart, and the first '/' ends the domainpart even when an '@' follows it.
 */
@StanzalabTest
class AddressStructure {

    /** Addresses with a part that is present but empty (RFC 7622 §3.5, example 19, and its relatives). */
    enum EmptyPart {
        LOCALPART("empty-localpart", d -> "@" + d),
        RESOURCEPART("empty-resourcepart", d -> "juliet@" + d + "/"),
        LOCALPART_AND_RESOURCEPART("empty-localpart-and-resourcepart", d -> "@" + d + "/"),
        RESOURCEPART_OF_DOMAIN("empty-resourcepart-of-domain", d -> d + "/");

        final String key;
        final UnaryOperator<String> address;

        EmptyPart(String key, UnaryOperator<String> address) {
            this.key = key;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "each part of a JID that is present is at least one octet long; a stanza addressed to a JID "
                  + "with an empty localpart or resourcepart is refused with <jid-malformed/> (§3.3, §3.4)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(EmptyPart.class)
    void addressWithEmptyPartIsMalformed(EmptyPart c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.address.apply(lab.domain());

        String id = alice.sendMessage(to, "to an address with an empty part");

        Answers.assertMalformed(alice, id, to, "a separator is present but the part it introduces is empty (§3.1)");
    }

    /** Addresses with a localpart or resourcepart over the limit, in one-, two- and three-octet characters. */
    enum OverlongPart {
        LOCALPART("localpart-1024-octets", d -> ofOctets("a", MAX_PART_OCTETS + 1) + "@" + d),
        LOCALPART_TWO_OCTET("localpart-1024-octets-two-octet-chars", d -> ofOctets("\u00E9", MAX_PART_OCTETS + 1) + "@" + d),
        RESOURCEPART("resourcepart-1024-octets", d -> "juliet@" + d + "/" + ofOctets("r", MAX_PART_OCTETS + 1)),
        RESOURCEPART_THREE_OCTET("resourcepart-1026-octets-three-octet-chars",
                d -> "juliet@" + d + "/" + ofOctets("\u20AC", MAX_PART_OCTETS + 3));

        final String key;
        final UnaryOperator<String> address;

        OverlongPart(String key, UnaryOperator<String> address) {
            this.key = key;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a localpart or resourcepart is at most 1023 octets of UTF-8 (octets, not characters); a stanza "
                  + "addressed to a JID with a longer part is refused with <jid-malformed/> (§3.1, §3.3, §3.4)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OverlongPart.class)
    void addressWithOverlongPartIsMalformed(OverlongPart c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.address.apply(lab.domain());

        String id = alice.sendMessage(to, "to an address with an overlong part");

        Answers.assertMalformed(alice, id, to, "one of its parts is longer than 1023 octets (§3.1)");
    }

    /** Addresses whose localpart or resourcepart is exactly at the limit. */
    enum PartAtLimit {
        LOCALPART("localpart-1023-octets", d -> ofOctets("a", MAX_PART_OCTETS) + "@" + d),
        LOCALPART_THREE_OCTET("localpart-1023-octets-three-octet-chars", d -> ofOctets("\u674E", MAX_PART_OCTETS) + "@" + d),
        RESOURCEPART("resourcepart-1023-octets", d -> "juliet@" + d + "/" + ofOctets("r", MAX_PART_OCTETS)),
        RESOURCEPART_THREE_OCTET("resourcepart-1023-octets-three-octet-chars",
                d -> "juliet@" + d + "/" + ofOctets("\u20AC", MAX_PART_OCTETS));

        final String key;
        final UnaryOperator<String> address;

        PartAtLimit(String key, UnaryOperator<String> address) {
            this.key = key;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a localpart or resourcepart of exactly 1023 octets is within the limits of §3.1, so the server, "
                  + "which enforces the rules and rejects only what breaks them, never refuses a stanza to such a JID as "
                  + "malformed (<jid-malformed/> or <bad-request/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(PartAtLimit.class)
    void addressWithPartAtTheLimitIsNotMalformed(PartAtLimit c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.address.apply(lab.domain());

        String id = alice.sendMessage(to, "to an address with a part of 1023 octets");

        Answers.assertNotMalformed(alice, id, to, "each of its parts is within 1023 octets (RFC 7622 §3.1, §4)");
    }

    /** JIDs made of a domainpart and a resourcepart (RFC 7622 §3.5, examples 14 and 15). */
    enum DomainWithResource {
        PLAIN("domain-with-resource", d -> d + "/foobar"),
        AT_IN_RESOURCE("domain-with-at-in-resource", d -> d + "/b@example.net"),
        SLASH_IN_RESOURCE("domain-with-slash-in-resource", d -> d + "/foo/bar");

        final String key;
        final UnaryOperator<String> address;

        DomainWithResource(String key, UnaryOperator<String> address) {
            this.key = key;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a domainpart followed by a resourcepart is a valid JID (§3.1, §3.5), also when the resourcepart "
                  + "holds '@' or '/' (the first '/' ends the domainpart), so the server never refuses a stanza to it as "
                  + "malformed (<jid-malformed/> or <bad-request/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(DomainWithResource.class)
    void domainWithResourceIsNotMalformed(DomainWithResource c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.address.apply(lab.domain());

        String id = alice.sendMessage(to, "to a domain with a resource");

        Answers.assertNotMalformed(alice, id, to, show(to) + " is a valid JID: domainpart " + lab.domain()
                + " and a resourcepart (RFC 7622 §3.1, §3.5 examples 14 and 15, §4)");
    }
}
