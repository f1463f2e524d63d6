package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.w3c.dom.Element;

/**
 * XEP-0441 (the archiving preferences XEP-0313 used to define, in the urn:xmpp:mam:2 namespace): reading and
 * setting them, and their effect on what is archived. Every test changes only a fresh account's preferences,
 * which go with the account.
 */
@StanzalabTest
@FreshAccounts("archive preferences are kept in the account, and the archive must hold only what this test sent")
class ArchivePreferences {

    /** A user's archiving preferences as the server states them. */
    record Prefs(String defaultPolicy, List<String> always, List<String> never, Element element) {
        static Prefs of(Element prefs) {
            return new Prefs(prefs.getAttribute("default"), jids(prefs, "always"), jids(prefs, "never"), prefs);
        }

        private static List<String> jids(Element prefs, String list) {
            Element e = Archive.child(prefs, Archive.MAM, list);
            List<String> jids = new ArrayList<>();
            if (e != null) {
                Archive.children(e, Archive.MAM, "jid").forEach(j -> jids.add(j.getTextContent().strip()));
            }
            return jids;
        }
    }

    static IQ get(Session session) {
        return session.request(new RawIq(IQ.Type.get, null, "prefs", Archive.MAM, ""));
    }

    /** The preferences now in force; impossible when the server does not offer them. */
    static Prefs current(Lab lab, Session session) {
        IQ reply = get(session);
        lab.requireThat(reply.getType() == IQ.Type.result, "the server does not offer archiving preferences: " + Archive.xml(reply));
        Element prefs = Archive.payload(reply, Archive.MAM, "prefs");
        assertNotNull(prefs, "the result of a preferences get holds no <prefs xmlns='urn:xmpp:mam:2'/>: " + Archive.xml(reply));
        return Prefs.of(prefs);
    }

    /**
     * Sets the preferences (a set-up step): the server may apply others than asked (XEP-0441 §2.1), and then the
     * situation the test needs cannot be had.
     */
    static Prefs set(Lab lab, Session session, String defaultPolicy, List<?> always, List<?> never) {
        StringBuilder inner = new StringBuilder("<always>");
        always.forEach(j -> inner.append("<jid>").append(j).append("</jid>"));
        inner.append("</always><never>");
        never.forEach(j -> inner.append("<jid>").append(j).append("</jid>"));
        inner.append("</never>");
        IQ reply = session.request(new PrefsSet(defaultPolicy, inner.toString()));
        lab.requireThat(reply.getType() == IQ.Type.result, "the server does not let the user set archiving preferences: " + Archive.xml(reply));
        Element prefs = Archive.payload(reply, Archive.MAM, "prefs");
        Prefs applied = prefs == null ? current(lab, session) : Prefs.of(prefs);
        lab.requireThat(defaultPolicy.equals(applied.defaultPolicy()), "the server applied default='" + applied.defaultPolicy()
                + "' instead of '" + defaultPolicy + "' (its policy may differ, XEP-0441 §2.1)");
        List<String> askedAlways = always.stream().map(Object::toString).toList();
        List<String> askedNever = never.stream().map(Object::toString).toList();
        lab.requireThat(askedAlways.equals(applied.always()) && askedNever.equals(applied.never()), "the server applied always="
                + applied.always() + " never=" + applied.never() + " instead of always=" + askedAlways + " never=" + askedNever
                + " (its policy may differ, XEP-0441 §2.1)");
        return applied;
    }

    /** A preferences set: the default as an attribute, the lists inside. */
    private static final class PrefsSet extends IQ {
        private final String defaultPolicy;
        private final String inner;

        PrefsSet(String defaultPolicy, String inner) {
            super("prefs", Archive.MAM);
            setType(Type.set);
            this.defaultPolicy = defaultPolicy;
            this.inner = inner;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("default", defaultPolicy);
            xml.rightAngleBracket();
            xml.append(inner);
            return xml;
        }
    }

    private static boolean archived(Session reader, String body) {
        Page page = Archive.runOk(reader, Archive.query());
        return page.bodies().contains(body);
    }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1", level = MUST,
          requirement = "the preferences the server returns hold the default policy and the always and never lists, even when empty")
    @Test
    void preferencesHoldDefaultAlwaysAndNever(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);

        Prefs prefs = current(lab, alice);

        assertTrue(List.of("always", "never", "roster").contains(prefs.defaultPolicy()),
                "default must be always, never or roster, it is '" + prefs.defaultPolicy() + "'");
        assertNotNull(Archive.child(prefs.element(), Archive.MAM, "always"), "the preferences lack <always/>");
        assertNotNull(Archive.child(prefs.element(), Archive.MAM, "never"), "the preferences lack <never/>");
    }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1", level = MUST,
          requirement = "after a preferences set, a get returns the preferences the set applied")
    // The server may apply other preferences than asked (§2.1); set() makes that impossible, so a get that
    // differs from the set's reply is what fails here.
    @Test
    void setPreferencesAreReturnedByGet(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        User bob = lab.newUser();
        User carol = lab.newUser();
        Prefs applied = set(lab, alice, "roster", List.of(bob.jid()), List.of(carol.jid()));

        Prefs read = current(lab, alice);

        assertEquals(applied.defaultPolicy(), read.defaultPolicy(), "default read back");
        assertEquals(applied.always(), read.always(), "always list read back");
        assertEquals(applied.never(), read.never(), "never list read back");
    }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1.1", level = MUST,
          requirement = "with the default 'never', a message from a contact on neither list is not archived")
    @Test
    void defaultNeverKeepsMessagesOut(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        set(lab, alice, "never", List.of(), List.of());
        String body = Archive.body("default never");

        Archive.deliver(bob, alice, Message.Type.chat, body);

        assertTrue(!archived(alice, body), "with default='never' the message from bob was archived");
    }

    /** Whether the sender is on the user's roster. */
    enum Roster { inRoster, notInRoster }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1.1", level = MUST,
          requirement = "with the default 'roster', a message is archived if and only if the contact's bare JID is in the user's roster")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Roster.class)
    void defaultRosterArchivesOnlyRosterContacts(Roster roster, Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        if (roster == Roster.inRoster) {
            lab.setUp("bob on alice's roster", () -> alice.requestResult(new RawIq(IQ.Type.set, null, "query", "jabber:iq:roster",
                    "<item jid='" + bob.bareJid() + "'/>")));
        }
        set(lab, alice, "roster", List.of(), List.of());
        String body = Archive.body("default roster " + roster);

        Archive.deliver(bob, alice, Message.Type.chat, body);

        assertEquals(roster == Roster.inRoster, archived(alice, body), "with default='roster', archived a message from bob who is "
                + (roster == Roster.inRoster ? "" : "not ") + "on the roster");
    }

    /** Which way the message goes between alice and the contact on her never list. */
    enum Direction { incoming, outgoing }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1.3", level = SHOULD,
          requirement = "messages to or from a bare JID on the never list are not archived, whatever the contact's resource")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Direction.class)
    void neverListKeepsMessagesOut(Direction direction, Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        set(lab, alice, "always", List.of(), List.of(bob.bareJid()));
        String body = Archive.body("never list " + direction);

        if (direction == Direction.incoming) {
            Archive.deliver(bob, alice, Message.Type.chat, body);
        } else {
            Archive.deliver(alice, bob, Message.Type.chat, body);
        }

        assertTrue(!archived(alice, body), "a message " + (direction == Direction.incoming ? "from" : "to") + " bob, whose bare JID is on the never list, was archived");
    }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.1.2", level = SHOULD,
          requirement = "messages from a JID on the always list are archived even when the default is 'never'")
    @Test
    void alwaysListArchivesDespiteDefaultNever(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        set(lab, alice, "never", List.of(bob.bareJid()), List.of());
        String body = Archive.body("always list");

        Archive.deliver(bob, alice, Message.Type.chat, body);

        assertTrue(archived(alice, body), "a message from bob, who is on the always list, was not archived");
    }

    @Spec(document = "XEP-0441", version = "0.2.0", section = "2.3.1", level = MUST,
          requirement = "a full JID on the never list matches only that resource: messages from the contact's other resources follow the default")
    @Test
    void fullJidOnNeverListMatchesOnlyThatResource(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        User bobAccount = lab.newUser();
        Session bobLaptop = bobAccount.connect("laptop");
        set(lab, alice, "always", List.of(), List.of(bobAccount.jid() + "/phone"));
        String body = Archive.body("other resource");

        Archive.deliver(bobLaptop, alice, Message.Type.chat, body);

        assertTrue(archived(alice, body), "never lists only " + bobAccount.jid() + "/phone, yet the message from " + bobLaptop.jid() + " was not archived");
    }
}
