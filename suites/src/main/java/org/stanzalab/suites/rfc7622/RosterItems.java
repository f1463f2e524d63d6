package org.stanzalab.suites.rfc7622;

import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.suites.rfc7622.Addresses.MAX_PART_OCTETS;
import static org.stanzalab.suites.rfc7622.Addresses.fullwidth;
import static org.stanzalab.suites.rfc7622.Addresses.ofOctets;
import static org.stanzalab.suites.rfc7622.Addresses.show;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.function.BinaryOperator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * RFC 7622 §4: the 'jid' attribute of a roster item is a JID slot the server handles itself, so it enforces the
 * address rules there: it stores the enforced form, and refuses an item whose JID breaks the rules.
 */
@StanzalabTest
class RosterItems {
    private static final String ROSTER = "jabber:iq:roster";
    /** §4 names <jid-malformed/> for stanzas; RFC 6121 §2.3.3 answers a roster set it cannot accept with <bad-request/>. */
    private static final Set<String> REFUSALS = Set.of("jid-malformed", "bad-request");

    /** Spellings of a contact's JID and the enforced form the server must store (localpart, domain) -> jid. */
    enum Spelling {
        LOCALPART_UPPERCASE("item-localpart-uppercase", (l, d) -> l.toUpperCase(Locale.ROOT) + "@" + d),
        DOMAIN_UPPERCASE("item-domain-uppercase", (l, d) -> l + "@" + d.toUpperCase(Locale.ROOT)),
        LOCALPART_FULLWIDTH("item-localpart-fullwidth", (l, d) -> fullwidth(l) + "@" + d),
        ALL_MIXEDCASE("item-mixedcase", (l, d) -> Addresses.capitalised(l) + "@" + Addresses.capitalised(d));

        final String key;
        final BinaryOperator<String> spell;

        Spelling(String key, BinaryOperator<String> spell) {
            this.key = key;
            this.spell = spell;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "the server enforces the address rules on the 'jid' of a roster item it is asked to add: the "
                  + "item is stored and pushed with the case- and width-mapped JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Spelling.class)
    void rosterItemJidIsStoredInEnforcedForm(Spelling spelling, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        fetchRoster(alice);
        String contact = "contact-" + UUID.randomUUID().toString().substring(0, 8);
        String enforced = contact + "@" + lab.domain().toLowerCase(Locale.ROOT);
        String sent = spelling.spell.apply(contact, lab.domain());

        XmlElement reply = setItem(alice, sent);

        if (!hasType(reply, "result")) {
            throw new ServerFailure("adding the valid contact " + show(sent) + " to the roster was answered with "
                    + Stanzas.describe(reply));
        }
        XmlElement push = alice.expect("the roster push for " + show(sent),
                e -> hasType(e, "set") && e.hasChild("query", ROSTER));
        Answers.assertSameString(enforced, itemJids(push).stream().findFirst().orElse("(no item)"), "'jid' of the item pushed after adding " + show(sent)
                + " (RFC 7622 §4: the server enforces the rules on roster item JIDs)");
        List<String> stored = itemJids(fetchRoster(alice));
        if (!stored.equals(List.of(enforced))) {
            throw new ServerFailure("after adding " + show(sent) + " the roster holds " + stored.stream().map(Addresses::show).toList()
                    + "; expected exactly " + show(enforced) + " (RFC 7622 §4)");
        }
    }

    /** Contact JIDs that break the address rules. */
    enum Invalid {
        LOCALPART_SPACE("item-localpart-space", (l, d) -> "foo bar" + l + "@" + d),
        LOCALPART_QUOTE("item-localpart-quotation-mark", (l, d) -> "\"" + l + "\"@" + d),
        LOCALPART_SYMBOL("item-localpart-symbol", (l, d) -> "\u265A" + l + "@" + d),
        EMPTY_LOCALPART("item-empty-localpart", (l, d) -> "@" + d),
        LOCALPART_OVERLONG("item-localpart-1024-octets", (l, d) -> l + ofOctets("a", MAX_PART_OCTETS + 1 - l.length()) + "@" + d),
        DOMAIN_EMPTY_LABEL("item-domain-empty-label", (l, d) -> l + "@host..example");

        final String key;
        final BinaryOperator<String> spell;

        Invalid(String key, BinaryOperator<String> spell) {
            this.key = key;
            this.spell = spell;
        }

        @Override
        public String toString() {
            return key;
        }
    }

    @Spec(document = "RFC 7622", section = "4", level = MUST,
          requirement = "a roster set whose item 'jid' breaks the address rules is refused (with <jid-malformed/>, or "
                  + "<bad-request/> as RFC 6121 answers roster sets it cannot accept) and adds nothing to the roster")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Invalid.class)
    void rosterItemWithInvalidJidIsRefused(Invalid c, Lab lab) {
        RawSession alice = lab.raw().authenticate(lab.newUser()).bind();
        String contact = "contact" + UUID.randomUUID().toString().substring(0, 8);
        String sent = c.spell.apply(contact, lab.domain());

        XmlElement reply = setItem(alice, sent);

        Answers.assertRefused(reply, REFUSALS, "the roster set adding " + show(sent), "the item's 'jid' is no valid JID");
        List<String> stored = itemJids(fetchRoster(alice));
        if (!stored.isEmpty()) {
            throw new ServerFailure("the refused roster set for " + show(sent) + " still changed the roster, which now holds "
                    + stored.stream().map(Addresses::show).toList());
        }
    }

    private static XmlElement fetchRoster(RawSession client) {
        String id = client.newId("roster-get");
        XmlElement reply = client.request("<iq type='get' id='" + id + "'><query xmlns='" + ROSTER + "'/></iq>", id);
        if (!hasType(reply, "result")) {
            throw new ServerFailure("the roster get was answered with " + Stanzas.describe(reply) + " (RFC 6121 §2.1.3)");
        }
        return reply;
    }

    private static XmlElement setItem(RawSession client, String jid) {
        String id = client.newId("roster-set");
        return client.request("<iq type='set' id='" + id + "'><query xmlns='" + ROSTER + "'><item jid='"
                + XmlEscape.attribute(jid) + "'/></query></iq>", id);
    }

    private static List<String> itemJids(XmlElement iq) {
        return iq.child("query", ROSTER).map(q -> q.children("item", ROSTER).stream()
                .map(item -> item.attribute("jid").orElse("")).toList()).orElse(List.of());
    }
}
