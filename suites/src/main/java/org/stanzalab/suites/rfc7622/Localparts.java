package org.stanzalab.suites.rfc7622;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.suites.rfc7622.Addresses.capitalised;
import static org.stanzalab.suites.rfc7622.Addresses.fullwidth;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.util.Locale;
import java.util.UUID;
import java.util.function.UnaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/**
 * RFC 7622 §3.3: the localpart, an instance of the PRECIS UsernameCaseMapped profile (RFC 7613, now RFC 8265)
 * with the XMPP exclusions of §3.3.1. Width and case are mapped before comparison; what cannot be mapped is refused.
 */
@StanzalabTest
class Localparts {

    /** Spellings of an account's localpart that the UsernameCaseMapped profile maps to the account's own. */
    enum SameLocalpart {
        UPPERCASE("localpart-uppercase", u -> u.toUpperCase(Locale.ROOT)),
        MIXEDCASE("localpart-mixedcase", u -> capitalised(u)),
        FULLWIDTH("localpart-fullwidth", u -> fullwidth(u)),
        FULLWIDTH_UPPERCASE("localpart-fullwidth-uppercase", u -> fullwidth(u.toUpperCase(Locale.ROOT)));

        final String key;
        final UnaryOperator<String> spell;

        SameLocalpart(String key, UnaryOperator<String> spell) {
            this.key = key;
            this.spell = spell;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.3", level = MUST,
          requirement = "localparts are compared after the width and case mapping of the UsernameCaseMapped profile, "
                  + "so a message to an account's bare JID with the localpart in upper case or in fullwidth letters "
                  + "reaches the account")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SameLocalpart.class)
    void localpartInAnotherSpellingReachesTheAccount(SameLocalpart spelling, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = spelling.spell.apply(bob.user().username()) + "@" + lab.domain();
        String body = "localpart spelled " + spelling + " " + UUID.randomUUID();

        String id = alice.sendMessage(to, body);

        Answers.assertDelivered(alice, id, bob, body, to, "its localpart maps to " + bob.user().username()
                + " under the UsernameCaseMapped profile (RFC 7622 §3.3)");
    }

    @Spec(document = "RFC 7622", section = "3.3", level = MUST,
          requirement = "a message to a full JID whose localpart is spelled in upper case or in fullwidth letters "
                  + "reaches that resource of the account the localpart maps to")
    @ParameterizedTest(name = "{0}")
    @EnumSource(SameLocalpart.class)
    void fullJidWithLocalpartInAnotherSpellingReachesTheResource(SameLocalpart spelling, Lab lab) {
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind("stanzalab-local-case").available();
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = spelling.spell.apply(bob.user().username()) + "@" + lab.domain() + "/" + bob.resource();
        String body = "full JID with localpart spelled " + spelling + " " + UUID.randomUUID();

        String id = alice.sendMessage(to, body);

        Answers.assertDelivered(alice, id, bob, body, to, "its localpart maps to " + bob.user().username()
                + " under the UsernameCaseMapped profile (RFC 7622 §3.3)");
    }

    /** The characters XMPP excludes from localparts on top of the PRECIS profile. */
    enum ExcludedCharacter {
        QUOTATION_MARK("localpart-quotation-mark", '"'),
        AMPERSAND("localpart-ampersand", '&'),
        APOSTROPHE("localpart-apostrophe", '\''),
        COLON("localpart-colon", ':'),
        LESS_THAN("localpart-less-than", '<'),
        GREATER_THAN("localpart-greater-than", '>');

        final String key;
        final char character;

        ExcludedCharacter(String key, char character) {
            this.key = key;
            this.character = character;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "the characters \" & ' / : < > @ are not allowed in a localpart (§3.3.1); a stanza addressed to a "
                  + "localpart with one of them is refused with <jid-malformed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ExcludedCharacter.class)
    void localpartWithExcludedCharacterIsMalformed(ExcludedCharacter c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = "ju" + c.character + "liet@" + lab.domain();

        String id = alice.sendMessage(to, "to a localpart with an excluded character");

        Answers.assertMalformed(alice, id, to, "XMPP excludes " + show(String.valueOf(c.character)) + " from localparts (§3.3.1)");
    }

    /** Localparts with code points the PRECIS IdentifierClass disallows (RFC 7622 §3.5, examples 17, 20 and 21). */
    enum OutsideIdentifierClass {
        SPACE("localpart-space", "foo bar"),
        TAB("localpart-tab", "foo\tbar"),
        NO_BREAK_SPACE("localpart-no-break-space", "foo\u00A0bar"),
        DELETE("localpart-control-delete", "foo\u007Fbar"),
        C1_CONTROL("localpart-control-c1", "foo\u0085bar"),
        ROMAN_NUMERAL("localpart-roman-numeral", "henry\u2163"),
        CHESS_KING("localpart-symbol", "\u265A"),
        ZERO_WIDTH_SPACE("localpart-zero-width-space", "ju\u200Bliet"),
        SOFT_HYPHEN("localpart-soft-hyphen", "ju\u00ADliet");

        final String key;
        final String localpart;

        OutsideIdentifierClass(String key, String localpart) {
            this.key = key;
            this.localpart = localpart;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a localpart follows the UsernameCaseMapped profile of the PRECIS IdentifierClass (§3.3), which "
                  + "disallows spaces, controls, symbols, compatibility characters and ignorable code points; a stanza "
                  + "addressed to such a localpart is refused with <jid-malformed/>")
    @ParameterizedTest(name = "{0}")
    @EnumSource(OutsideIdentifierClass.class)
    void localpartOutsideIdentifierClassIsMalformed(OutsideIdentifierClass c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.localpart + "@" + lab.domain();

        String id = alice.sendMessage(to, "to a localpart outside the IdentifierClass");

        Answers.assertMalformed(alice, id, to, "the localpart " + show(c.localpart)
                + " has a code point the UsernameCaseMapped profile disallows and cannot map (§3.3)");
    }

    /** Valid localparts beyond ASCII (RFC 7622 §3.5, Table 1) that name no account here. */
    enum ValidLocalpart {
        GREEK_PI("localpart-greek-pi", "\u03C0"),
        GREEK_CAPITAL_SIGMA("localpart-greek-capital-sigma", "\u03A3"),
        GREEK_FINAL_SIGMA("localpart-greek-final-sigma", "\u03C2"),
        SHARP_S("localpart-sharp-s", "fu\u00DFball"),
        CYRILLIC("localpart-cyrillic", "\u0438\u0432\u0430\u043D"),
        ACCENTED_LATIN("localpart-accented-latin", "jos\u00E9"),
        HAN("localpart-han", "\u674E\u767D"),
        ESCAPED_SPACE("localpart-escaped-space", "foo\\20bar");

        final String key;
        final String localpart;

        ValidLocalpart(String key, String localpart) {
            this.key = key;
            this.localpart = localpart;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "letters and digits beyond ASCII are valid in a localpart (§3.3); a stanza to such a localpart "
                  + "that names no account gets the usual no-such-user treatment, never a refusal as malformed "
                  + "(<jid-malformed/> or <bad-request/>)")
    @ParameterizedTest(name = "{0}")
    @EnumSource(ValidLocalpart.class)
    void internationalLocalpartIsNotMalformed(ValidLocalpart c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String to = c.localpart + "@" + lab.domain();

        String id = alice.sendMessage(to, "to a valid localpart beyond ASCII");

        Answers.assertNotMalformed(alice, id, to, "the localpart " + show(c.localpart)
                + " is valid under the UsernameCaseMapped profile (RFC 7622 §3.3, §3.5 Table 1, §4)");
    }

    /** Usernames a client may authenticate with that map to the account's localpart. */
    enum LoginSpelling {
        UPPERCASE("login-uppercase", u -> u.toUpperCase(Locale.ROOT)),
        MIXEDCASE("login-mixedcase", u -> capitalised(u));

        final String key;
        final UnaryOperator<String> spell;

        LoginSpelling(String key, UnaryOperator<String> spell) {
            this.key = key;
            this.spell = spell;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "3.3", level = MUST,
          requirement = "a client that authenticated with its username in another case is bound to, and stamped with, "
                  + "the JID whose localpart is in the enforced (case-mapped) form, the same JID as any other session "
                  + "of the account")
    @ParameterizedTest(name = "{0}")
    @EnumSource(LoginSpelling.class)
    void jidBoundAfterCaseVariantLoginIsInEnforcedForm(LoginSpelling spelling, Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession bob = lab.raw().authenticate(lab.newUser()).bind().available();
        RawSession alice = lab.raw().authenticateAs(aliceAccount, spelling.spell.apply(aliceAccount.username()));
        String body = "from a login spelled " + spelling + " " + UUID.randomUUID();

        RawSession.Binding binding = alice.requestBinding("stanzalab-login-case");
        if (binding.isRefused()) {
            throw new TestError("binding a resource after the login failed: <" + binding.refusal() + "/>");
        }
        alice.sendMessage(bob.jid(), body);
        XmlElement received = bob.expect("alice's message", Stanzas.messageWithBody(body));

        String enforced = aliceAccount.username() + "@" + lab.domain();
        assertEquals(enforced, binding.bareJid(), "bare JID bound after authenticating as "
                + show(spelling.spell.apply(aliceAccount.username())) + " (RFC 7622 §3.3: the localpart's enforced form is case-mapped)");
        assertEquals(binding.fullJid(), received.attribute("from").orElse(null),
                "'from' the server stamped on alice's message, which must be the JID it bound");
    }
}
