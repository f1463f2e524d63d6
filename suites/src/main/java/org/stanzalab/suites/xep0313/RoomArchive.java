package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.muc.MUCAffiliation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.suites.xep0045.Room;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.stanzalab.suites.xep0313.Archive.Result;

/**
 * XEP-0313 on a group-chat room (§3.3.2, §3.5, §6.1.2): the room's own archive, queried at the room's bare JID.
 * Each test creates a fresh room, so its archive holds only what the test said there. A room that does not
 * advertise urn:xmpp:mam:2 makes the test impossible.
 */
@StanzalabTest
class RoomArchive {

    /** A fresh room of alice's with bob in it, whose archive the room advertises. */
    private record Chat(Room room, Session alice, Session bob) {
        /** alice says this in the room; returns once bob has it (the room has archived it as it sent it out). */
        Message say(Session who, String nick, String body) {
            Message sent = room.say(who, body);
            Session other = who == alice ? bob : alice;
            return other.expectMessage("'" + body + "' from " + nick + " in the room", m -> room.occupant(nick).equals(m.getFrom())
                    && body.equals(m.getBody()));
        }
    }

    private static Chat chat(Lab lab, String... fields) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Room room = fields.length == 0 ? Room.instant(lab, alice, "alice") : Room.reserved(lab, alice, "alice", Room.fields(fields));
        requireArchive(lab, alice, room);
        room.joined(bob, "bob");
        return new Chat(room, alice, bob);
    }

    /** Impossible unless disco#info of the room lists urn:xmpp:mam:2 (§7: a room that keeps an archive says so). */
    static void requireArchive(Lab lab, Session session, Room room) {
        IQ info = room.discoInfo(session);
        lab.requireThat(info instanceof DiscoverInfo d && d.containsFeature(Archive.MAM),
                "the room " + room.jid + " does not list " + Archive.MAM + " in disco#info, so it keeps no archive to query");
    }

    private static Page query(Chat chat, Session who, Archive.Query query) {
        return Archive.runOk(who, query.to(chat.room().jid));
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.3.2", level = MUST,
          requirement = "a room that advertises the archive answers a query sent to its bare JID with the results and a closing fin")
    @Test
    void roomArchiveIsQueriedAtTheRoomsBareJid(Lab lab) {
        Chat chat = chat(lab);
        String body = Archive.body("hello room");
        chat.say(chat.alice(), "alice", body);

        Page page = query(chat, chat.bob(), Archive.query());

        assertNotNull(page.fin(), "the room's reply has no <fin/>: " + page.describe());
        assertTrue(page.bodies().contains(body), "the room's archive lacks the message said in it: " + page.describe());
        assertTrue(page.results.stream().allMatch(r -> chat.room().jid.equals(r.wrapper.getFrom())),
                "a result did not come from the room's bare JID: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.2", level = MUST,
          requirement = "a room archive keeps each groupchat message once, not once per occupant it was sent to")
    @Test
    void groupchatMessageIsArchivedOnce(Lab lab) {
        Chat chat = chat(lab);
        Session carol = lab.newUser().connect();
        chat.room().joined(carol, "carol");
        String body = Archive.body("once");
        chat.say(chat.alice(), "alice", body);
        carol.expectMessage("the message in the room", m -> body.equals(m.getBody()));

        Page page = query(chat, chat.alice(), Archive.query());

        assertEquals(List.of(body), page.bodiesAmong(List.of(body)), "the message must be in the room's archive exactly once: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.2", level = MUST,
          requirement = "a message from a room archive comes with the sender's occupant JID as 'from' and without a 'to'")
    @Test
    void archivedMessageIsFromTheOccupantJidWithoutTo(Lab lab) {
        Chat chat = chat(lab);
        String body = Archive.body("who said it");
        chat.say(chat.bob(), "bob", body);

        Page page = query(chat, chat.alice(), Archive.query());

        Result result = page.results.stream().filter(r -> body.equals(r.body())).findFirst().orElse(null);
        assertNotNull(result, "the room's archive lacks bob's message: " + page.describe());
        StandardExtensionElement message = result.message();
        assertEquals(chat.room().occupant("bob").toString(), message.getAttributeValue("from"), "'from' of the archived message: " + result);
        assertNull(message.getAttributeValue("to"), "the archived message has a 'to': " + result);
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "3.5", level = MUST,
          requirement = "a room that archives a message adds a stanza-id with 'by' set to the room's bare JID to the copies it sends, with the id the archive knows it by")
    @Test
    void roomStanzaIdIsByTheRoomAndIsTheArchiveId(Lab lab) {
        Chat chat = chat(lab);
        String body = Archive.body("stamped");

        Message received = chat.say(chat.alice(), "alice", body);

        StandardExtensionElement stanzaId = ArchiveContents.stanzaIdBy(received, chat.room().jid);
        assertNotNull(stanzaId, "bob's copy of the room message has no stanza-id by " + chat.room().jid + ": " + received.toXML());
        Page page = query(chat, chat.bob(), Archive.query());
        Result result = page.results.stream().filter(r -> body.equals(r.body())).findFirst().orElse(null);
        assertNotNull(result, "the room's archive lacks the message: " + page.describe());
        assertEquals(result.id(), stanzaId.getAttributeValue("id"), "the stanza-id of the delivered message and the archive's id differ");
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.2", level = MUST,
          requirement = "private messages between occupants are not in the room's archive")
    @Test
    void privateMessagesAreNotInRoomArchive(Lab lab) {
        Chat chat = chat(lab);
        String whisper = Archive.body("just between us");
        chat.bob().sendMessage(chat.room().occupant("alice"), Message.Type.chat, whisper);
        chat.alice().expectMessage("bob's private message", m -> whisper.equals(m.getBody()));
        String aloud = Archive.body("for everyone");
        chat.say(chat.bob(), "bob", aloud);

        Page page = query(chat, chat.alice(), Archive.query());

        assertTrue(page.bodies().contains(aloud), "the room's archive lacks the groupchat message: " + page.describe());
        assertFalse(page.bodies().contains(whisper), "the room's archive holds a private message: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4", level = MUST,
          requirement = "a room's archive returns its messages in chronological order, and the fin's RSM set names the first and last result")
    @Test
    void roomArchiveIsInOrderWithFirstAndLast(Lab lab) {
        Chat chat = chat(lab);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            String body = Archive.body("line " + i);
            chat.say(i % 2 == 0 ? chat.bob() : chat.alice(), i % 2 == 0 ? "bob" : "alice", body);
            bodies.add(body);
        }

        Page page = query(chat, chat.alice(), Archive.query());

        assertEquals(bodies, page.bodiesAmong(bodies), "the room's archive in order: " + page.describe());
        assertEquals(page.results.get(0).id(), page.rsmText("first"), "the fin's <first/>: " + page.describe());
        assertEquals(page.results.get(page.results.size() - 1).id(), page.rsmText("last"), "the fin's <last/>: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.3.2", level = MUST,
          requirement = "a room's archive can be paged with RSM max and after: the pages put together hold every message once, in order")
    @Test
    void roomArchivePagesWithRsm(Lab lab) {
        Chat chat = chat(lab);
        List<String> bodies = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            String body = Archive.body("page line " + i);
            chat.say(chat.alice(), "alice", body);
            bodies.add(body);
        }

        List<String> seen = new ArrayList<>();
        Page page = query(chat, chat.bob(), Archive.query().max(2));
        seen.addAll(page.bodies());
        int pages = 1;
        while (!page.isComplete() && page.rsmText("last") != null && pages < 6) {
            assertTrue(page.results.size() <= 2, "a page larger than max=2: " + page.describe());
            page = query(chat, chat.bob(), Archive.query().max(2).after(page.rsmText("last")));
            seen.addAll(page.bodies());
            pages++;
        }

        assertEquals(bodies, seen.stream().filter(bodies::contains).toList(), "the pages put together, after " + pages + " page(s)");
        assertTrue(pages >= 3, "five messages in pages of two took only " + pages + " page(s)");
    }

    /** A time window relative to now, with whether the test's messages fall in it. */
    enum Window {
        startInTheFuture(Duration.ofHours(1), null, false),
        endInThePast(null, Duration.ofHours(-1), false),
        aroundTheMessages(Duration.ofHours(-1), Duration.ofHours(1), true);

        final Duration start;
        final Duration end;
        final boolean includes;

        Window(Duration start, Duration end, boolean includes) {
            this.start = start;
            this.end = end;
            this.includes = includes;
        }
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.2", level = MUST,
          requirement = "'start' and 'end' in a query to a room restrict the results to the room's messages within them")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Window.class)
    void roomArchiveTimeFilter(Window window, Lab lab) {
        Chat chat = chat(lab);
        String body = Archive.body("timed");
        chat.say(chat.alice(), "alice", body);
        Instant now = Instant.now();
        Archive.Query query = Archive.query();
        if (window.start != null) {
            query.start(now.plus(window.start));
        }
        if (window.end != null) {
            query.end(now.plus(window.end));
        }

        Page page = query(chat, chat.bob(), query);

        assertEquals(window.includes, page.bodies().contains(body), "the message in the results of " + window + ": " + page.describe());
        if (!window.includes) {
            assertTrue(page.results.isEmpty(), "results outside the window " + window + ": " + page.describe());
        }
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = MUST,
          requirement = "'with' naming the sender in a query to a room returns only that sender's messages (the sender as the archive shows him, his occupant JID, or his real JID in a non-anonymous room)")
    @Test
    void roomArchiveWithFilterSelectsTheSender(Lab lab) {
        Chat chat = chat(lab, "muc#roomconfig_whois", "anyone");
        String fromAlice = Archive.body("alice speaks");
        chat.say(chat.alice(), "alice", fromAlice);
        String fromBob = Archive.body("bob speaks");
        chat.say(chat.bob(), "bob", fromBob);
        List<String> both = List.of(fromAlice, fromBob);

        // The XEP says the publisher must match without saying which of his addresses names him: the occupant JID
        // is what the archive shows as 'from', the real JID is who he is (the room is non-anonymous, so alice may
        // know it). Either one selecting exactly bob's message passes.
        Page byOccupant = query(chat, chat.alice(), Archive.query().with(chat.room().occupant("bob")));
        if (byOccupant.bodiesAmong(both).equals(List.of(fromBob))) {
            return;
        }
        Page byRealJid = query(chat, chat.alice(), Archive.query().with(chat.bob().bareJid()));

        assertEquals(List.of(fromBob), byRealJid.bodiesAmong(both), "neither with=" + chat.room().occupant("bob") + " ("
                + byOccupant.describe() + ") nor with=" + chat.bob().bareJid() + " selects only bob's message: " + byRealJid.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "8.4", level = MUST,
          requirement = "a muc#user element an occupant put in his own message is stripped before the room archives it (a forged real JID does not show in the archive)")
    @Test
    void forgedMucUserElementIsNotArchived(Lab lab) {
        Chat chat = chat(lab);
        String body = Archive.body("spoof");
        String forged = "sl-forged-" + body.substring(body.length() - 8) + "@" + lab.domain();
        chat.bob().send(chat.bob().smack().getStanzaFactory().buildMessageStanza().to(chat.room().jid).ofType(Message.Type.groupchat)
                .setBody(body).addExtension(StandardExtensionElement.builder("x", Room.USER)
                        .addElement(StandardExtensionElement.builder("item", Room.USER).addAttribute("jid", forged).build()).build())
                .build());
        chat.alice().expectMessage("bob's message in the room", m -> body.equals(m.getBody()));

        Page page = query(chat, chat.alice(), Archive.query());

        Result result = page.results.stream().filter(r -> body.equals(r.body())).findFirst().orElse(null);
        assertNotNull(result, "the room's archive lacks bob's message: " + page.describe());
        assertFalse(result.toString().contains(forged), "the archived message keeps the forged JID " + forged + ": " + result);
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.2", level = MUST,
          requirement = "the archive of a members-only room is refused to a user who is not a member (he may not enter the room), while a member gets it")
    @Test
    void membersOnlyRoomArchiveIsRefusedToNonMember(Lab lab) {
        Session alice = lab.newUser().connect();
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "1"));
        requireArchive(lab, alice, room);
        room.grant(alice, bob.bareJid(), MUCAffiliation.member);
        String body = Archive.body("members only");
        room.say(alice, body);
        alice.expectMessage("alice's own message back from the room", m -> body.equals(m.getBody()));

        Page member = Archive.run(bob, Archive.query().to(room.jid));
        Page stranger = Archive.run(carol, Archive.query().to(room.jid));

        assertFalse(member.isError(), "bob, a member, was refused the archive: " + member.describe());
        assertTrue(member.bodies().contains(body), "bob, a member, does not get the room's message: " + member.describe());
        assertTrue(stranger.isError(), "carol, not a member, got the members-only room's archive: " + stranger.describe());
        assertTrue(stranger.results.isEmpty(), "carol, not a member, was sent archived messages: " + stranger.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "8.1", level = SHOULD,
          requirement = "a query to an archive the user may not read is refused with forbidden (here a non-member and a members-only room)")
    @Test
    void refusedRoomArchiveSaysForbidden(Lab lab) {
        Session alice = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        Room room = Room.reserved(lab, alice, "alice", Room.fields("muc#roomconfig_membersonly", "1"));
        requireArchive(lab, alice, room);

        Page stranger = Archive.run(carol, Archive.query().to(room.jid));

        assertTrue(stranger.isError(), "carol, not a member, got the members-only room's archive: " + stranger.describe());
        assertEquals(StanzaError.Condition.forbidden, stranger.condition(), "condition: " + stranger.describeError());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "6.1.2", level = MUST,
          requirement = "the archive of an open room is refused to a user banned from it (he may not enter)")
    @Test
    void bannedUserIsRefusedRoomArchive(Lab lab) {
        Chat chat = chat(lab);
        Session carol = lab.newUser().connect();
        chat.room().grant(chat.alice(), carol.bareJid(), MUCAffiliation.outcast);
        chat.say(chat.alice(), "alice", Archive.body("not for outcasts"));

        Page page = Archive.run(carol, Archive.query().to(chat.room().jid));

        assertTrue(page.isError(), "carol, banned, got the room's archive: " + page.describe());
        assertTrue(page.results.isEmpty(), "carol, banned, was sent archived messages: " + page.describe());
    }
}
