package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.stanzalab.suites.xep0313.Archive.Result;

/** XEP-0313 §3, §4 and §4.2: a user's archive, how it is queried and what a result looks like. */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class ArchiveQueries {

    /** Who reads the archive after alice sent bob a message: the sender or the recipient. */
    enum Party { sender, recipient }

    /** How the query is addressed: without 'to' (the user's own account) or to the user's bare JID. */
    enum Addressing { noTo, bareJid }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.3.1", level = MUST,
          requirement = "a server that keeps archives for its users lets each user query the archive at the user's bare JID")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Addressing.class)
    void archiveIsQueriedAtTheUsersBareJid(Addressing addressing, Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        String body = Archive.body("bare jid archive");
        Archive.deliver(alice, bob, Message.Type.chat, body);

        Page page = Archive.runOk(alice, Archive.query().to(addressing == Addressing.bareJid ? alice.bareJid() : null));

        assertTrue(page.bodies().contains(body), "the archive at " + alice.bareJid() + " lacks the message alice sent: " + page.describe());
        for (Result result : page.results) {
            assertTrue(result.wrapper.getFrom() == null || result.wrapper.getFrom().equals(alice.bareJid()),
                    "a result of alice's archive must come from her bare JID, it came from " + result.wrapper.getFrom() + ": " + result);
        }
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = SHOULD,
          requirement = "a message of type chat with a body that a user sends or receives is kept in that user's archive")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Party.class)
    void chatMessageWithBodyIsArchived(Party party, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session reader = party == Party.sender ? alice : bob;
        Archive.require(lab, reader);
        String body = Archive.body("chat archived");
        Archive.deliver(alice, bob, Message.Type.chat, body);

        Page page = Archive.runOk(reader, Archive.query());

        assertEquals(List.of(body), page.bodiesAmong(List.of(body)), "the " + party + "'s archive must hold the chat message once: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.1", level = SHOULD,
          requirement = "a message of type normal with a body that a user sends or receives is kept in that user's archive")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Party.class)
    void normalMessageWithBodyIsArchived(Party party, Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session reader = party == Party.sender ? alice : bob;
        Archive.require(lab, reader);
        String body = Archive.body("normal archived");
        Archive.deliver(alice, bob, Message.Type.normal, body);

        Page page = Archive.runOk(reader, Archive.query());

        assertEquals(List.of(body), page.bodiesAmong(List.of(body)), "the " + party + "'s archive must hold the normal message once: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = MUST,
          requirement = "every result of a query carries the archive id of its message and the queryid the client gave")
    @Test
    void resultCarriesArchiveIdAndQueryId(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 2, "ids");

        Page page = Archive.runOk(alice, Archive.query());

        assertTrue(page.strays.isEmpty(), () -> "archive results without the query's queryid " + page.queryId + " arrived: " + page.strays.get(0).toXML());
        assertEquals(2, page.results.size(), "results of the query " + page.queryId + ": " + page.describe());
        for (Result result : page.results) {
            assertTrue(result.id() != null && !result.id().isEmpty(), "a result without an archive id: " + result);
        }
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4", level = MUST,
          requirement = "the server sends the IQ result of a query only after the last of its results")
    @Test
    void replyComesAfterTheLastResult(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 3, "reply last");

        Page page = Archive.runOk(alice, Archive.query());

        assertEquals(3, page.results.size(), "the results that came before the reply: " + page.describe());
        assertFalse(page.resultAfterReply, "a result of query " + page.queryId + " came after the IQ result: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = SHOULD,
          requirement = "each result's forwarded element carries a delay element stating when the message was received")
    @Test
    void resultCarriesDelayStamp(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.deliver(alice, bob, Message.Type.chat, Archive.body("delay"));

        Page page = Archive.runOk(alice, Archive.query());

        assertEquals(1, page.results.size(), page.describe());
        assertNotNull(page.results.get(0).stamp(), "the forwarded message has no <delay xmlns='urn:xmpp:delay' stamp=.../>: " + page.results.get(0));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.2", level = MUST,
          requirement = "the delay stamp of a result is the time the server received the original message")
    @Test
    void delayStampIsTheTimeOfReceipt(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Instant before = Instant.now();
        Archive.deliver(alice, bob, Message.Type.chat, Archive.body("stamp"));
        Instant after = Instant.now();

        Page page = Archive.runOk(alice, Archive.query());

        assertEquals(1, page.results.size(), page.describe());
        String stamp = page.results.get(0).stamp();
        lab.requireThat(stamp != null, "the result carries no delay stamp (a SHOULD, checked by resultCarriesDelayStamp)");
        Instant at = Archive.parseStamp(stamp);
        // The stamp may be cut to whole seconds; the server and the tool share a clock only up to a little slack.
        Duration slack = Duration.ofSeconds(2);
        assertTrue(!at.isBefore(before.minus(slack)) && !at.isAfter(after.plus(slack)),
                "the message was sent and delivered between " + before + " and " + after + ", but its stamp says " + stamp);
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3", level = MUST,
          requirement = "an archived message keeps its body and its standard attributes (to, from, type, id)")
    @Test
    void archivedMessageKeepsBodyAndAttributes(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Archive.require(lab, bob);
        String body = Archive.body("attributes & <markup>");
        Message sent = Archive.deliver(alice, bob, Message.Type.chat, body);

        Page page = Archive.runOk(bob, Archive.query());

        assertEquals(1, page.results.size(), page.describe());
        StandardExtensionElement message = page.results.get(0).message();
        assertNotNull(message, "the result has no forwarded message: " + page.results.get(0));
        assertEquals(body, page.results.get(0).body(), "body of the archived message");
        assertEquals(sent.getStanzaId(), message.getAttributeValue("id"), "id of the archived message: " + page.results.get(0));
        assertEquals("chat", message.getAttributeValue("type"), "type of the archived message: " + page.results.get(0));
        assertEquals(bob.jid().toString(), message.getAttributeValue("to"), "to of the archived message: " + page.results.get(0));
        assertEquals(alice.jid().toString(), message.getAttributeValue("from"), "from of the archived message: " + page.results.get(0));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3", level = SHOULD,
          requirement = "the whole original message is stored, extension elements included")
    @Test
    void archivedMessageKeepsItsExtensions(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Archive.require(lab, bob);
        String body = Archive.body("extension");
        alice.send(alice.smack().getStanzaFactory().buildMessageStanza().to(bob.jid()).ofType(Message.Type.chat).setBody(body)
                .addExtension(StandardExtensionElement.builder("note", "urn:stanzalab:test:0").addAttribute("kind", "kept").setText("payload").build())
                .build());
        bob.expectMessage("the message with an extension", m -> body.equals(m.getBody()));

        Page page = Archive.runOk(bob, Archive.query());

        assertEquals(1, page.results.size(), page.describe());
        StandardExtensionElement note = page.results.get(0).message().getFirstElement("note", "urn:stanzalab:test:0");
        assertNotNull(note, "the archived message lost the <note xmlns='urn:stanzalab:test:0'/> it was sent with: " + page.results.get(0));
        assertEquals("kept", note.getAttributeValue("kind"), "attribute of the stored extension");
        assertEquals("payload", note.getText(), "text of the stored extension");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.1", level = MUST,
          requirement = "the archive keeps messages in the order the user received or sent them, and a query returns them in that order")
    @Test
    void resultsComeInChronologicalOrder(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 6, "order");

        Page page = Archive.runOk(alice, Archive.query());

        assertEquals(bodies, page.bodies(), "the order of the results: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.2", level = MUST,
          requirement = "every archived message has an id of its own within the archive")
    @Test
    void archiveIdsAreUnique(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 6, "unique");

        Page page = Archive.runOk(alice, Archive.query());

        assertEquals(6, page.results.size(), page.describe());
        assertEquals(6, new HashSet<>(page.ids()).size(), "archive ids must differ: " + page.ids());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4", level = MUST,
          requirement = "the IQ result of a query holds a fin element with an RSM set naming the first and last result's archive ids")
    @Test
    void finNamesFirstAndLastResult(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 3, "fin");

        Page page = Archive.runOk(alice, Archive.query());

        assertNotNull(page.fin(), "the IQ result lacks <fin xmlns='urn:xmpp:mam:2'/>: " + Archive.xml(page.reply));
        assertNotNull(page.rsm(), "the fin lacks an RSM <set/>: " + Archive.xml(page.reply));
        assertEquals(3, page.results.size(), page.describe());
        assertEquals(page.results.get(0).id(), page.rsmText("first"), "RSM <first/> against the first result's id: " + page.describe());
        assertEquals(page.results.get(2).id(), page.rsmText("last"), "RSM <last/> against the last result's id: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.2", level = MUST,
          requirement = "when a query's results are complete, the fin element says complete='true'")
    @Test
    void finIsCompleteWhenEverythingWasReturned(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 2, "complete");

        Page page = Archive.runOk(alice, Archive.query().max(10));

        assertEquals(2, page.results.size(), page.describe());
        assertTrue(page.isComplete(), "the whole archive was returned, but the fin says complete=" + page.complete() + ": " + Archive.xml(page.reply));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.2", level = MUST,
          requirement = "when a page does not hold all of the results, the fin element has no complete attribute or complete='false'")
    @Test
    void finIsNotCompleteWhenThePageIsLimited(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 4, "incomplete");

        Page page = Archive.runOk(alice, Archive.query().max(2));

        assertTrue(page.results.size() <= 2, "a page of at most 2 brought more: " + page.describe());
        assertFalse(page.isComplete(), "two of four messages were returned, but the fin says complete=" + page.complete() + ": " + Archive.xml(page.reply));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "8.1", level = MUST,
          requirement = "a query of another user's archive is refused with an error and reveals none of its messages")
    @Test
    void anotherUsersArchiveIsRefused(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        String body = Archive.body("private");
        Archive.deliver(alice, bob, Message.Type.chat, body);
        Session mallory = lab.newUser().connect();

        Page page = Archive.run(mallory, Archive.query().to(alice.bareJid()));

        if (page.bodies().contains(body)) {
            throw new org.stanzalab.engine.SecurityBreach("XEP-0313 §8.1: " + mallory.bareJid() + " read alice's archive: " + page.describe());
        }
        assertTrue(page.isError(), "a query of another user's archive must be refused with an IQ error, got " + Archive.xml(page.reply));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "8.1", level = SHOULD,
          requirement = "the error refusing a query of another user's archive is forbidden")
    @Test
    void anotherUsersArchiveIsForbidden(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session mallory = lab.newUser().connect();

        Page page = Archive.run(mallory, Archive.query().to(alice.bareJid()));

        lab.requireThat(page.isError(), "the query was not refused (anotherUsersArchiveIsRefused judges that)");
        assertEquals(org.jivesoftware.smack.packet.StanzaError.Condition.forbidden, page.condition(),
                "condition of the refusal: " + page.describeError());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "7", level = MUST,
          requirement = "an account whose archive answers mam:2 queries advertises urn:xmpp:mam:2 on its bare JID")
    // §7's first sentence names urn:xmpp:mam:2#extended as well, but its table lists mam:2 alone as a level of
    // support of its own: only the base feature is required here.
    @Test
    void answeringArchiveAdvertisesTheFeature(Lab lab) {
        Session alice = lab.newUser().connect();
        Page page = Archive.run(alice, Archive.query());
        lab.requireThat(page.reply.getType() == IQ.Type.result, "the account does not answer mam:2 queries: " + page.describeError());

        DiscoverInfo info = Archive.accountInfo(alice);

        assertNotNull(info, "disco#info of " + alice.bareJid() + " was refused");
        assertTrue(info.containsFeature(Archive.MAM), "the archive answered a query, but disco#info of " + alice.bareJid() + " lacks " + Archive.MAM);
    }
}
