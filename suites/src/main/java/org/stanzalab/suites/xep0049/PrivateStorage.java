package org.stanzalab.suites.xep0049;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MAY;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.WireProtocolException;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0049 Private XML Storage, over the wire driver so the stored XML comes back exactly as the server wrote it.
 * Everything is stored in fresh accounts, which the engine removes; the namespaces are our own.
 */
@StanzalabTest
@FreshAccounts("the account's private storage must be only what this test stored")
class PrivateStorage {
    private static final String VERSION = "1.2";
    private static final String NS = "jabber:iq:private";
    private static final String PREFS = "urn:stanzalab:test:prefs";
    private static final String OTHER = "urn:stanzalab:test:other";

    enum Fragment {
        SIMPLE("<prefs xmlns='" + PREFS + "'><defaultnick>Hamlet</defaultnick></prefs>"),
        NESTED("<prefs xmlns='" + PREFS + "' version='2'><window width='800' height='600'><pos x='10' y='-4'/></window>"
                + "<flag/></prefs>"),
        NON_ASCII("<prefs xmlns='" + PREFS + "'><motto lang='el'>γνῶθι σεαυτόν &amp; &lt;more&gt;</motto><name>Ōphēlia 奥菲莉亚</name></prefs>");

        final String xml;

        Fragment(String xml) {
            this.xml = xml;
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.1", level = MAY,
          requirement = "XML stored under its own namespace is returned unchanged when that namespace is asked for,"
                  + " also in a later session")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Fragment.class)
    void storedXmlIsReturnedUnchanged(Fragment fragment, Lab lab) {
        roundTrip(lab, fragment.xml);
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.3", level = MAY,
          requirement = "a set may hold several elements of the same namespace, and the get returns all of them")
    @Test
    void severalElementsOfOneNamespaceAreAllReturned(Lab lab) {
        String two = "<prefs xmlns='" + PREFS + "'><n>1</n></prefs><prefs xmlns='" + PREFS + "'><n>2</n></prefs>";
        User alice = lab.newUser();
        XmlElement stored = set(login(lab, alice), null, two);
        assertTrue(Stanzas.hasType(stored, "result"), "a set with two elements of one namespace was answered with " + Stanzas.describe(stored));

        compare(login(lab, alice), two);
    }

    /** Stores the XML in one session and compares what a later session gets back for its namespace. */
    private static void roundTrip(Lab lab, String xml) {
        User alice = lab.newUser();
        store(lab, login(lab, alice), xml);
        compare(login(lab, alice), xml);
    }

    private static void compare(RawSession later, String xml) {
        XmlElement reply = get(later, null, "<prefs xmlns='" + PREFS + "'/>");

        assertTrue(Stanzas.hasType(reply, "result"), "the request for stored data was answered with " + Stanzas.describe(reply));
        List<XmlElement> returned = query(reply).children();
        List<XmlElement> stored = parse("<query xmlns='" + NS + "'>" + xml + "</query>").children();
        assertEquals(stored.size(), returned.size(), "elements returned for " + PREFS + ": " + reply.toXml());
        for (int i = 0; i < stored.size(); i++) {
            assertTrue(Stanzas.sameContent(stored.get(i), returned.get(i)), "stored " + stored.get(i).toXml() + " but got back "
                    + returned.get(i).toXml());
        }
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.1", level = MAY,
          requirement = "data is kept per namespace: a get returns only the namespace asked for, and storing one"
                  + " namespace leaves another untouched")
    @Test
    void namespacesAreKeptApart(Lab lab) {
        RawSession alice = login(lab, lab.newUser());
        store(lab, alice, "<prefs xmlns='" + PREFS + "'><v>first</v></prefs>");
        store(lab, alice, "<other xmlns='" + OTHER + "'><v>kept</v></other>");
        store(lab, alice, "<prefs xmlns='" + PREFS + "'><v>second</v></prefs>");

        XmlElement prefs = query(get(alice, null, "<prefs xmlns='" + PREFS + "'/>"));
        XmlElement other = query(get(alice, null, "<other xmlns='" + OTHER + "'/>"));

        assertTrue(prefs.children().stream().allMatch(c -> PREFS.equals(c.namespace())), "a get for " + PREFS + " returned other namespaces too: " + prefs.toXml());
        assertEquals("second", prefs.child("prefs", PREFS).flatMap(p -> p.childText("v", PREFS)).orElse(null), "the last " + PREFS + " stored: " + prefs.toXml());
        assertEquals("kept", other.child("other", OTHER).flatMap(p -> p.childText("v", OTHER)).orElse(null),
                "storing " + PREFS + " changed " + OTHER + ": " + other.toXml());
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.3", level = MUST,
          requirement = "a private storage set with no child element is refused with not-acceptable (or bad-format, which"
                  + " the XEP's own example shows for it)")
    @Test
    void setWithoutChildIsNotAcceptable(Lab lab) {
        RawSession alice = login(lab, lab.newUser());

        XmlElement reply = set(alice, null, "");

        assertNotAcceptable(reply, "a set with an empty query");
    }

    /** The rule says not-acceptable; the XEP's example for a query without a child shows bad-format, so either is taken. */
    private static void assertNotAcceptable(XmlElement reply, String what) {
        String condition = Stanzas.errorCondition(reply);
        if (!"not-acceptable".equals(condition) && !"bad-format".equals(condition)) {
            fail("the reply to " + what + " must be an error <not-acceptable/> (or the example's <bad-format/>), but it was " + reply.toXml());
        }
    }

    enum Method {
        GET, SET;

        @Override
        public String toString() {
            return name().toLowerCase();
        }
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.3", level = MUST,
          requirement = "a child element without a namespace of its own (in jabber:iq:private itself) is refused with"
                  + " not-acceptable (or the example's bad-format), for a get as for a set")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Method.class)
    void childInThePrivateNamespaceIsNotAcceptable(Method method, Lab lab) {
        RawSession alice = login(lab, lab.newUser());

        XmlElement reply = method == Method.GET ? get(alice, null, "<prefs/>") : set(alice, null, "<prefs><v>1</v></prefs>");

        assertNotAcceptable(reply, "a " + method + " whose child is in " + NS);
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.3", level = SHOULD,
          requirement = "a private storage get with no child element is refused: bad-format as the XEP's example shows,"
                  + " or not-acceptable as existing servers do (bad-request, RFC 6120's condition for it, is accepted too)")
    @Test
    void getWithoutChildIsRefused(Lab lab) {
        RawSession alice = login(lab, lab.newUser());

        XmlElement reply = get(alice, null, "");

        String condition = Stanzas.errorCondition(reply);
        if (!Set.of("bad-format", "not-acceptable", "bad-request").contains(String.valueOf(condition))) {
            fail("a get with an empty query must be refused (bad-format or not-acceptable), but the reply was " + reply.toXml());
        }
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "2.3", level = MUST,
          requirement = "a get or set of another user's private data is refused with forbidden or service-unavailable")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Method.class)
    void anotherUsersStorageIsRefused(Method method, Lab lab) {
        User alice = lab.newUser();
        RawSession bob = login(lab, lab.newUser());
        String to = alice.jid().toString();

        XmlElement reply = method == Method.GET ? get(bob, to, "<prefs xmlns='" + PREFS + "'/>")
                : set(bob, to, "<prefs xmlns='" + PREFS + "'><v>from bob</v></prefs>");

        String condition = Stanzas.errorCondition(reply);
        if (!"forbidden".equals(condition) && !"service-unavailable".equals(condition)) {
            fail("a " + method + " of " + to + "'s private data by another user must be refused with forbidden or"
                    + " service-unavailable, but the reply was " + reply.toXml());
        }
    }

    @Spec(document = "XEP-0049", version = VERSION, section = "4", level = MUST,
          requirement = "nobody but the user can change the user's private data: another user's set leaves it as it was")
    @Test
    void anotherUserCannotChangeStoredData(Lab lab) {
        User aliceAccount = lab.newUser();
        RawSession alice = login(lab, aliceAccount);
        store(lab, alice, "<prefs xmlns='" + PREFS + "'><v>alice's</v></prefs>");
        RawSession bob = login(lab, lab.newUser());

        set(bob, aliceAccount.jid().toString(), "<prefs xmlns='" + PREFS + "'><v>bob's</v></prefs>");

        XmlElement prefs = query(get(alice, null, "<prefs xmlns='" + PREFS + "'/>"));
        assertEquals("alice's", prefs.child("prefs", PREFS).flatMap(p -> p.childText("v", PREFS)).orElse(null),
                "the private data after another user's set: " + prefs.toXml());
    }

    // ---- the protocol by hand ----

    /**
     * The user over the wire driver, once a read of the account's own storage has shown that the server keeps private
     * XML at all (XEP-0049 names no feature to discover it by): a server without it answers that read with an error.
     */
    private static RawSession login(Lab lab, User user) {
        RawSession session = lab.raw().authenticate(user).bind();
        XmlElement probe = get(session, null, "<probe xmlns='urn:stanzalab:test:private-probe'/>");
        lab.requireThat(Stanzas.hasType(probe, "result"), "the server keeps no private XML: reading the account's own storage was"
                + " answered with " + Stanzas.describe(probe));
        return session;
    }

    private static XmlElement set(RawSession session, String to, String content) {
        String id = session.newId("private-set");
        return session.request("<iq type='set' id='" + id + "'" + to(to) + "><query xmlns='" + NS + "'>" + content + "</query></iq>", id);
    }

    private static XmlElement get(RawSession session, String to, String content) {
        String id = session.newId("private-get");
        return session.request("<iq type='get' id='" + id + "'" + to(to) + "><query xmlns='" + NS + "'>" + content + "</query></iq>", id);
    }

    /** Stores as set-up; the data lives in a fresh account the engine removes. */
    private static void store(Lab lab, RawSession session, String content) {
        lab.setUp("storing private data", () -> {
            XmlElement reply = set(session, null, content);
            if (!Stanzas.hasType(reply, "result")) {
                throw new AssertionError("the private storage set was answered with " + Stanzas.describe(reply));
            }
        });
    }

    private static XmlElement query(XmlElement reply) {
        if (!Stanzas.hasType(reply, "result")) {
            throw new ServerFailure("the private storage get was answered with " + Stanzas.describe(reply));
        }
        return reply.child("query", NS).orElseThrow(() -> new ServerFailure("the result carries no <query xmlns='" + NS + "'/>: " + reply.toXml()));
    }

    private static String to(String to) {
        return to == null ? "" : " to='" + XmlEscape.attribute(to) + "'";
    }

    private static XmlElement parse(String xml) {
        try {
            return XmlElement.parse(xml);
        } catch (WireProtocolException e) {
            throw new IllegalStateException(e);
        }
    }
}
