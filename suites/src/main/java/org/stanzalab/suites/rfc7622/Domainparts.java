package org.stanzalab.suites.rfc7622;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.raw.Stanzas.describe;
import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.suites.rfc7622.Addresses.capitalised;
import static org.stanzalab.suites.rfc7622.Addresses.fullwidth;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.wire.XmlElement;

/**
 * RFC 7622 §3.2: the domainpart. It is compared after case and width mapping (IDNA2008), a final dot is removed
 * before routing, and a string that is no domain name is refused.
 */
@StanzalabTest
class Domainparts {

    /** Spellings of the server's own domain that name the same entity. */
    enum SameDomain {
        UPPERCASE("domain-uppercase", d -> d.toUpperCase(Locale.ROOT)),
        MIXEDCASE("domain-mixedcase", d -> capitalised(d)),
        FULLWIDTH("domain-fullwidth", d -> fullwidth(d).replace('\uFF0E', '.')),
        FULLWIDTH_UPPERCASE("domain-fullwidth-uppercase", d -> fullwidth(d.toUpperCase(Locale.ROOT)).replace('\uFF0E', '.'));

        final String key;
        final UnaryOperator<String> spell;

        SameDomain(String key, UnaryOperator<String> spell) {
            this.key = key;
            this.spell = spell;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.2.3", level = MUST,
          requirement = "domainparts are compared after IDNA2008 case and width mapping, so a stanza to the server's "
                  + "domain spelled in another case or in fullwidth letters is handled by the server itself")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SameDomain.class)
    void serverDomainInAnotherSpellingReachesTheServer(SameDomain spelling, Lab lab) {
        RawSession alice = pingingClient(lab);
        String to = spelling.spell.apply(lab.domain());

        XmlElement reply = alice.ping(to);

        if (!hasType(reply, "result")) {
            throw new ServerFailure("a ping to " + show(to) + " is a ping to " + lab.domain()
                    + " after case and width mapping (RFC 7622 §3.2.3), so the server must answer it; it answered "
                    + describe(reply));
        }
    }

    @Spec(document = "RFC 7622", section = "3.2.3", level = MUST,
          requirement = "a message to a user's JID whose domainpart is spelled in another case or in fullwidth letters "
                  + "reaches the user, because domainparts are compared after case and width mapping")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SameDomain.class)
    void userJidWithDomainInAnotherSpellingReachesTheUser(SameDomain spelling, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = bob.user().username() + "@" + spelling.spell.apply(lab.domain());
        String body = "domain spelled " + spelling + " " + UUID.randomUUID();

        String id = alice.sendMessage(to, body);

        Answers.assertDelivered(alice, id, bob, body, to, "its domainpart matches " + lab.domain()
                + " after case and width mapping (RFC 7622 §3.2.3)");
    }

    @Spec(document = "RFC 7622", section = "3.2.3", level = MUST,
          requirement = "a message to a user's full JID whose domainpart is spelled in another case or in fullwidth "
                  + "letters reaches that resource")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SameDomain.class)
    void fullJidWithDomainInAnotherSpellingReachesTheResource(SameDomain spelling, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind("stanzalab-domain-case").available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = bob.user().username() + "@" + spelling.spell.apply(lab.domain()) + "/" + bob.resource();
        String body = "full JID with domain spelled " + spelling + " " + UUID.randomUUID();

        String id = alice.sendMessage(to, body);

        Answers.assertDelivered(alice, id, bob, body, to, "its domainpart matches " + lab.domain()
                + " after case and width mapping (RFC 7622 §3.2.3)");
    }

    @Spec(document = "RFC 7622", section = "3.2", level = MUST,
          requirement = "a final dot in the domainpart is removed before the address is used for routing, so a ping "
                  + "to 'domain.' is handled by the server of 'domain' itself")
    @Test
    void serverDomainWithFinalDotReachesTheServer(Lab lab) {
        RawSession alice = pingingClient(lab);
        String dotted = lab.domain() + ".";

        XmlElement reply = alice.ping(dotted);

        if (!hasType(reply, "result")) {
            throw new ServerFailure("a ping to " + show(dotted) + " is a ping to " + lab.domain()
                    + " once the final dot is removed (RFC 7622 §3.2), so the server must answer it; it answered "
                    + describe(reply));
        }
    }

    /** A user's JIDs whose domainpart ends with the label separator. */
    enum TrailingDot {
        BARE_JID("trailing-dot-bare-jid", false),
        FULL_JID("trailing-dot-full-jid", true);

        final String key;
        final boolean fullJid;

        TrailingDot(String key, boolean fullJid) {
            this.key = key;
            this.fullJid = fullJid;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.2", level = MUST,
          requirement = "a final dot in the domainpart is removed before the address is used for routing, so a "
                  + "message to a user's JID at 'domain.' reaches the user")
    @ParameterizedTest(name = "{0}")
    @EnumSource(TrailingDot.class)
    void userJidWithFinalDotInDomainpartReachesTheUser(TrailingDot form, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind("stanzalab-dot").available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = bob.user().username() + "@" + lab.domain() + "." + (form.fullJid ? "/" + bob.resource() : "");
        String body = "trailing dot " + UUID.randomUUID();

        String id = alice.sendMessage(to, body);

        Answers.assertDelivered(alice, id, bob, body, to, "the final dot of a domainpart is removed before routing (RFC 7622 §3.2)");
    }

    /** Domainparts with code points that are allowed neither in NR-LDH labels nor in U-labels. */
    enum DisallowedCodePoint {
        SPACE("domain-space", "bad host.example"),
        UNDERSCORE("domain-underscore", "bad_host.example"),
        SYMBOL("domain-symbol", "\u265A.example"),
        SECOND_AT("domain-second-at", "host@example.com"),
        QUOTE("domain-quote", "\"host\".example"),
        NBSP("domain-nbsp", "bad\u00A0host.example");

        final String key;
        final String domainpart;

        DisallowedCodePoint(String key, String domainpart) {
            this.key = key;
            this.domainpart = domainpart;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a domainpart holds only code points allowed in NR-LDH labels or U-labels (§3.2.1); the server "
                  + "refuses a stanza addressed to any other domainpart with <jid-malformed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(DisallowedCodePoint.class)
    void domainpartWithDisallowedCodePointIsMalformed(DisallowedCodePoint c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = "someone@" + c.domainpart;

        String id = alice.sendMessage(to, "to a domainpart that is no domain name");

        Answers.assertMalformed(alice, id, to, "its domainpart " + show(c.domainpart)
                + " has a code point allowed in neither NR-LDH labels nor U-labels (§3.2.1)");
    }

    /** Domainparts that break the label and length rules of domain names. */
    enum BadStructure {
        EMPTY_LABEL("domain-empty-label", "host..example"),
        LEADING_DOT("domain-leading-dot", ".host.example"),
        LABEL_64_OCTETS("domain-label-64-octets", "a".repeat(64) + ".example"),
        LEADING_HYPHEN("domain-leading-hyphen", "-host.example"),
        TRAILING_HYPHEN("domain-trailing-hyphen", "host-.example"),
        OVER_1023_OCTETS("domain-1024-octets", ("a".repeat(63) + ".").repeat(15) + "a".repeat(62) + ".b");

        final String key;
        final String domainpart;

        BadStructure(String key, String domainpart) {
            this.key = key;
            this.domainpart = domainpart;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a domainpart is a domain name within the limits of RFC 1034 (no empty label, labels of at most "
                  + "63 octets, no hyphen at either end of a label) and at most 1023 octets (§3.2); the server refuses a "
                  + "stanza addressed to any other domainpart with <jid-malformed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(BadStructure.class)
    void domainpartThatIsNoDomainNameIsMalformed(BadStructure c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = "someone@" + c.domainpart;

        String id = alice.sendMessage(to, "to a domainpart that is no domain name");

        Answers.assertMalformed(alice, id, to, "its domainpart " + show(c.domainpart)
                + " breaks the domain name rules that apply to every domainpart (§3.2)");
    }

    /** Strings that have no domainpart at all (RFC 7622 §3.5, examples 22 and 23). */
    enum NoDomain {
        LOCALPART_ONLY("no-domain-after-at", "juliet@"),
        RESOURCE_ONLY("no-domain-before-slash", "/foobar"),
        LOCALPART_AND_RESOURCE("no-domain-between", "juliet@/foobar");

        final String key;
        final String address;

        NoDomain(String key, String address) {
            this.key = key;
            this.address = address;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "the domainpart is the one part every JID must have (§3.2); a stanza addressed to a string "
                  + "without one is refused with <jid-malformed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(NoDomain.class)
    void addressWithoutDomainpartIsMalformed(NoDomain c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();

        String id = alice.sendMessage(c.address, "to an address without a domainpart");

        Answers.assertMalformed(alice, id, c.address, "it has no domainpart, the only part a JID requires (§3.2)");
    }

    /** Internationalized domain names of domains this server does not serve. */
    enum ForeignIdn {
        U_LABEL("idn-u-label", "b\u00FCcher.invalid"),
        A_LABEL("idn-a-label", "xn--bcher-kva.invalid"),
        U_LABEL_UPPERCASE("idn-u-label-uppercase", "B\u00DCCHER.invalid"),
        GREEK("idn-greek", "\u03B5\u03BB\u03BB\u03B7\u03BD\u03B9\u03BA\u03AC.invalid");

        final String key;
        final String domainpart;

        ForeignIdn(String key, String domainpart) {
            this.key = key;
            this.domainpart = domainpart;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a domainpart may be an internationalized domain name (U-labels, or A-labels that are converted "
                  + "to U-labels, §3.2.1); a stanza to such a domain is routed or answered with a routing error, never "
                  + "refused as malformed (<jid-malformed/> or <bad-request/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ForeignIdn.class)
    void internationalizedDomainpartIsNotMalformed(ForeignIdn c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = "someone@" + c.domainpart;

        String id = alice.sendMessage(to, "to an internationalized domain name");

        Answers.assertNotMalformed(alice, id, to, "an internationalized domain name is a valid domainpart (RFC 7622 §3.2.1, §4)");
    }

    /**
     * A bound client, once the server has answered its ping to the domain as written: only then does an error to a
     * ping to another spelling of the domain say that the spelling was not recognised.
     */
    private static RawSession pingingClient(Lab lab) {
        RawSession client = lab.raw().authenticate(lab.newUser()).bind();
        lab.requireThat(hasType(client.ping(lab.domain()), "result"), "the server does not answer a ping (XEP-0199) to its own domain "
                + lab.domain() + ", so a ping to another spelling of it shows nothing");
        return client;
    }
}
