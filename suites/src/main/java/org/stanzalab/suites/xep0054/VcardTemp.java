package org.stanzalab.suites.xep0054;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;

/** XEP-0054 vcard-temp: one's own vCard, another user's, and the errors the XEP prescribes. */
@StanzalabTest
@FreshAccounts("the account's vCard must be only what this test stored")
class VcardTemp {
    private static final String VERSION = "1.3.0";
    /** A 1x1 PNG, base64: a real photo as clients store it. */
    private static final String PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==";

    enum Card {
        NAME("<FN>Juliet Capulet</FN><NICKNAME>Jul</NICKNAME>"),
        NON_ASCII("<FN>Jüliet Çapulet 朱丽叶</FN><NICKNAME>Ἰουλία &amp; &lt;Jul&gt;</NICKNAME>"),
        DESCRIPTION("<FN>Juliet Capulet</FN><DESC>Daughter of the house of Capulet.</DESC>"),
        STRUCTURED("<FN>Juliet Capulet</FN><N><FAMILY>Capulet</FAMILY><GIVEN>Juliet</GIVEN><MIDDLE/></N>"
                + "<ORG><ORGNAME>Capulet Family</ORGNAME></ORG><TEL><HOME/><VOICE/><NUMBER>+39 045 1234567</NUMBER></TEL>"
                + "<ADR><HOME/><STREET>Via Cappello 23</STREET><LOCALITY>Verona</LOCALITY><CTRY>IT</CTRY></ADR>"
                + "<EMAIL><INTERNET/><PREF/><USERID>juliet@capulet.example</USERID></EMAIL>"),
        PHOTO("<FN>Juliet</FN><PHOTO><TYPE>image/png</TYPE><BINVAL>" + PNG + "</BINVAL></PHOTO>");

        final String content;

        Card(String content) {
            this.content = content;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.1", level = MUST,
          requirement = "a user who has stored a vCard gets it back in a result, every field as stored, also from a"
                  + " later session")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Card.class)
    void ownVcardIsReturnedAsStored(Card card, Lab lab) {
        User alice = lab.newUser();
        RawSession first = Vcards.login(lab, alice);
        Vcards.stored(lab, first, card.content);
        RawSession second = Vcards.login(lab, alice);

        XmlElement reply = Vcards.get(second, null);

        assertTrue(Stanzas.hasType(reply, "result"), "the request for one's own vCard was answered with " + Stanzas.describe(reply));
        List<String> missing = Vcards.missingFields(Vcards.parse(card.content), Vcards.vcardOf(reply));
        assertEquals(List.of(), missing, "fields stored but not returned as stored: " + reply.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.1", level = MUST,
          requirement = "after an update, the vCard returned is the one stored last")
    @Test
    void updatedVcardReplacesTheEarlierOne(Lab lab) {
        RawSession alice = Vcards.login(lab, lab.newUser());
        Vcards.stored(lab, alice, "<FN>Juliet Capulet</FN><NICKNAME>before</NICKNAME>");
        Vcards.stored(lab, alice, "<FN>Juliet Montague</FN><NICKNAME>after</NICKNAME>");

        XmlElement reply = Vcards.get(alice, null);

        XmlElement vcard = Vcards.vcardOf(reply);
        assertEquals("Juliet Montague", vcard.childText("FN", Vcards.NS).map(String::trim).orElse(null), "FN after the update: " + reply.toXml());
        assertEquals("after", vcard.childText("NICKNAME", Vcards.NS).map(String::trim).orElse(null), "NICKNAME after the update: " + reply.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.1", level = MUST,
          requirement = "a user without a vCard gets either an error or a result with an empty vCard element")
    @Test
    void missingOwnVcardIsErrorOrEmpty(Lab lab) {
        RawSession alice = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.get(alice, null);

        if (Stanzas.hasType(reply, "result")) {
            XmlElement vcard = Vcards.vcardOf(reply);
            assertTrue(vcard.children().isEmpty() && vcard.text().isBlank(), "a user who never stored a vCard got a non-empty one: " + reply.toXml());
        } else {
            assertTrue(Stanzas.hasType(reply, "error"), "reply: " + reply.toXml());
        }
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.1", level = SHOULD,
          requirement = "when the server answers a request for a missing own vCard with an error, it is item-not-found")
    @Test
    void missingOwnVcardErrorIsItemNotFound(Lab lab) {
        RawSession alice = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.get(alice, null);

        lab.requireThat(Stanzas.hasType(reply, "error"), "the server answers with an empty vCard, which the XEP allows instead of an error");
        assertEquals("item-not-found", Stanzas.errorCondition(reply), "condition: " + reply.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.3", level = MUST,
          requirement = "a request for another user's vCard, sent to the bare JID, is answered by the server with the"
                  + " stored vCard and not passed to the user's resources")
    @Test
    void anotherUsersVcardIsServedByTheServer(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = Vcards.login(lab, aliceAccount).available();
        Vcards.stored(lab, alice, "<FN>Juliet Capulet</FN><NICKNAME>Jul</NICKNAME>");
        RawSession bob = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.get(bob, aliceAccount.jid().toString());

        assertTrue(Stanzas.hasType(reply, "result"), "the request for " + aliceAccount.jid() + "'s vCard was answered with " + Stanzas.describe(reply));
        assertEquals(List.of(), Vcards.missingFields(Vcards.parse("<FN>Juliet Capulet</FN><NICKNAME>Jul</NICKNAME>"), Vcards.vcardOf(reply)),
                "fields of the stored vCard missing from what another user got: " + reply.toXml());
        alice.expectNothingFrom(bob, "the vCard request of " + bob.jid() + " (the server answers it for the user)",
                e -> Stanzas.isStanza(e, "iq") && Stanzas.hasType(e, "get"));
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.3", level = MUST,
          requirement = "a request for the vCard of an existing user who has none is answered with service-unavailable")
    @Test
    void missingVcardOfAnotherUserIsServiceUnavailable(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.get(bob, alice.jid().toString());

        assertEquals("service-unavailable", Stanzas.errorCondition(reply), "the reply for a user without a vCard: " + reply.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.3", level = MUST,
          requirement = "a request for the vCard of an account that does not exist is answered with service-unavailable")
    @Test
    void vcardOfAbsentAccountIsServiceUnavailable(Lab lab) {
        RawSession bob = Vcards.login(lab, lab.newUser());
        String absent = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + lab.domain();

        XmlElement reply = Vcards.get(bob, absent);

        assertEquals("service-unavailable", Stanzas.errorCondition(reply), "the reply for the absent account " + absent + ": " + reply.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.3", level = MUST,
          requirement = "a user without a vCard and an account that does not exist get the same answer, so accounts"
                  + " cannot be harvested")
    @Test
    void missingVcardAndAbsentAccountLookAlike(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = Vcards.login(lab, lab.newUser());
        String absent = "nobody-" + UUID.randomUUID().toString().substring(0, 8) + "@" + lab.domain();

        XmlElement existing = Vcards.get(bob, alice.jid().toString());
        XmlElement missing = Vcards.get(bob, absent);

        assertEquals(describe(existing), describe(missing), "an existing user without a vCard (" + existing.toXml()
                + ") is told apart from an absent account (" + missing.toXml() + ")");
    }

    private static String describe(XmlElement reply) {
        return Stanzas.hasType(reply, "error") ? "error <" + Stanzas.errorCondition(reply) + "/>"
                : "result " + reply.child("vCard", Vcards.NS).map(v -> v.children().isEmpty() ? "with an empty vCard" : "with a vCard").orElse("without vCard");
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.2", level = MUST,
          requirement = "a vCard set addressed to another user's bare JID is refused with an error and changes nothing")
    @Test
    void setOnAnotherUsersVcardIsRefused(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = Vcards.login(lab, aliceAccount);
        Vcards.stored(lab, alice, "<FN>Juliet Capulet</FN>");
        RawSession bob = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.set(bob, aliceAccount.jid().toString(), "<FN>Hacked by Bob</FN>");

        XmlElement own = Vcards.vcardOf(Vcards.get(alice, null));
        String fn = own.childText("FN", Vcards.NS).map(String::trim).orElse(null);
        assertTrue(Stanzas.hasType(reply, "error"), "a vCard set on " + aliceAccount.jid() + " by another user was answered with "
                + reply.toXml() + (("Juliet Capulet".equals(fn)) ? "; the user's own vCard stayed unchanged" : "; the user's vCard is now " + own.toXml()));
        assertEquals("Juliet Capulet", fn, "the vCard after the refused set: " + own.toXml());
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "3.2", level = SHOULD,
          requirement = "the error refusing a set on another user's vCard is forbidden or not-allowed")
    @Test
    void setOnAnotherUsersVcardIsForbiddenOrNotAllowed(Lab lab) {
        User alice = lab.newUser();
        RawSession bob = Vcards.login(lab, lab.newUser());

        XmlElement reply = Vcards.set(bob, alice.jid().toString(), "<FN>Hacked by Bob</FN>");

        String condition = Stanzas.errorCondition(reply);
        if (!"forbidden".equals(condition) && !"not-allowed".equals(condition)) {
            fail("a vCard set on another user's JID must be refused with forbidden or not-allowed, but the reply was " + reply.toXml());
        }
    }

    @Spec(document = "XEP-0054", version = VERSION, section = "4", level = MUST,
          requirement = "a server that stores vCards lists the vcard-temp feature in its disco#info")
    @Test
    void serverThatStoresVcardsAdvertisesVcardTemp(Lab lab) {
        RawSession alice = Vcards.login(lab, lab.newUser());
        XmlElement reply = Vcards.set(alice, null, "<FN>Juliet</FN>");
        lab.cleanup("the vCard of " + alice.jid(), () -> Vcards.set(alice, null, ""));
        lab.requireThat(Stanzas.hasType(reply, "result"), "the server does not store vCards: " + reply.toXml());

        assertTrue(lab.serverInfo().containsFeature(Vcards.NS), "the server stored a vCard but its disco#info lacks " + Vcards.NS);
    }
}
