package org.stanzalab.suites.xep0313;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.Message;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.FreshAccounts;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0313.Archive.Page;
import org.stanzalab.suites.xep0313.Archive.Result;

/** XEP-0313 §4.1: filtering a query by 'with', 'start' and 'end'. */
@StanzalabTest
@FreshAccounts("the archive must hold only what this test sent")
class ArchiveFiltering {

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = MUST,
          requirement = "a query with a bare JID in 'with' returns the messages to and from that contact and no others")
    @Test
    void withBareJidReturnsOnlyThatContactsMessages(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Session carol = lab.newUser().connect();
        String toBob = Archive.body("to bob");
        Archive.deliver(alice, bob, Message.Type.chat, toBob);
        String toCarol = Archive.body("to carol");
        Archive.deliver(alice, carol, Message.Type.chat, toCarol);
        String fromBob = Archive.body("from bob");
        Archive.deliver(bob, alice, Message.Type.chat, fromBob);

        Page page = Archive.runOk(alice, Archive.query().with(bob.bareJid()));

        assertEquals(List.of(toBob, fromBob), page.bodies(), "results of with=" + bob.bareJid() + ": " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = SHOULD,
          requirement = "a bare JID in 'with' also matches messages to and from any full JID of that contact")
    @Test
    void withBareJidMatchesEveryResourceOfTheContact(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        User bobAccount = lab.newUser();
        Session bobPhone = bobAccount.connect("phone");
        Session bobLaptop = bobAccount.connect("laptop");
        String fromPhone = Archive.body("from phone");
        Archive.deliver(bobPhone, alice, Message.Type.chat, fromPhone);
        String fromLaptop = Archive.body("from laptop");
        Archive.deliver(bobLaptop, alice, Message.Type.chat, fromLaptop);

        Page page = Archive.runOk(alice, Archive.query().with(bobAccount.jid()));

        assertEquals(List.of(fromPhone, fromLaptop), page.bodies(), "results of with=" + bobAccount.jid() + ": " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = MUST,
          requirement = "a query with a full JID in 'with' returns the messages of that resource and not those of the contact's other resources")
    @Test
    void withFullJidReturnsOnlyThatResourcesMessages(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        User bobAccount = lab.newUser();
        Session bobPhone = bobAccount.connect("phone");
        Session bobLaptop = bobAccount.connect("laptop");
        String fromPhone = Archive.body("from phone");
        Archive.deliver(bobPhone, alice, Message.Type.chat, fromPhone);
        String fromLaptop = Archive.body("from laptop");
        Archive.deliver(bobLaptop, alice, Message.Type.chat, fromLaptop);

        Page page = Archive.runOk(alice, Archive.query().with(bobPhone.jid()));

        assertEquals(List.of(fromPhone), page.bodies(), "results of with=" + bobPhone.jid() + ": " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = MUST,
          requirement = "a query with the user's own JID in 'with' returns only the messages whose 'to' and 'from' are both the user")
    @Test
    void withOwnJidReturnsOnlyMessagesToSelf(Lab lab) {
        User aliceAccount = lab.newUser();
        Session alice = aliceAccount.connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        String toBob = Archive.body("to bob");
        Archive.deliver(alice, bob, Message.Type.chat, toBob);
        String note = Archive.body("note to self");
        alice.sendMessage(alice.jid(), Message.Type.chat, note);
        alice.expectMessage("the note to self", m -> note.equals(m.getBody()));
        String fromBob = Archive.body("from bob");
        Archive.deliver(bob, alice, Message.Type.chat, fromBob);

        Page page = Archive.runOk(alice, Archive.query().with(aliceAccount.jid()));

        List<String> wrong = page.bodies().stream().filter(b -> !note.equals(b)).toList();
        assertTrue(wrong.isEmpty(), "with=" + aliceAccount.jid() + " returned messages exchanged with bob: " + page.describe());
        assertTrue(page.bodies().contains(note), "with=" + aliceAccount.jid() + " did not return the note to self: " + page.describe());
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.1", level = MUST,
          requirement = "a query with a JID nobody talked to in 'with' succeeds with no results")
    @Test
    void withUnknownContactIsAnEmptyResult(Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        Archive.conversation(alice, bob, 2, "unrelated");

        Page page = Archive.runOk(alice, Archive.query().with("nobody-" + Archive.body("x").substring(2) + "@" + lab.domain()));

        assertEquals(List.of(), page.bodies(), "results for a contact nobody talked to: " + page.describe());
        assertTrue(page.isComplete(), "an empty result is complete, but the fin says complete=" + page.complete());
    }

    /** Where the time filter is put, relative to the messages of the test. */
    enum Window {
        /** 'start' an hour from now: nothing can match. */
        startInTheFuture,
        /** 'end' an hour ago, before the accounts existed: nothing can match. */
        endInThePast,
        /** 'start' an hour ago and 'end' an hour from now: everything matches. */
        aroundTheMessages,
        /** 'start' at the stamp of the last message: that message matches, and only what is that recent. */
        startAtTheLastStamp,
        /** 'end' at the stamp of the first message plus a second: that message matches, and only what is that old. */
        endAtTheFirstStamp
    }

    @Spec(document = "XEP-0313", version = "1.1.3", section = "4.1.2", level = MUST,
          requirement = "'start' and 'end' restrict the results to messages whose time is within them, ends included")
    @ParameterizedTest(name = "{0}")
    @EnumSource(Window.class)
    void timeFilterReturnsExactlyTheMessagesWithin(Window window, Lab lab) {
        Session alice = lab.newUser().connect();
        Archive.require(lab, alice);
        Session bob = lab.newUser().connect();
        List<String> bodies = Archive.conversation(alice, bob, 3, "time " + window);
        Page all = lab.setUp("reading the whole archive with its stamps", () -> Archive.runOk(alice, Archive.query()));
        List<Instant> stamps = new ArrayList<>();
        for (Result r : all.results) {
            lab.requireThat(r.stamp() != null, "the results carry no delay stamps, so the messages' times are unknown");
            stamps.add(Archive.parseStamp(r.stamp()));
        }
        Instant now = Instant.now();

        Archive.Query query = Archive.query();
        List<String> expected = new ArrayList<>();
        switch (window) {
            case startInTheFuture -> query.start(now.plus(Duration.ofHours(1)));
            case endInThePast -> query.end(now.minus(Duration.ofHours(1)));
            case aroundTheMessages -> {
                query.start(now.minus(Duration.ofHours(1))).end(now.plus(Duration.ofHours(1)));
                expected.addAll(bodies);
            }
            case startAtTheLastStamp -> {
                Instant start = stamps.get(stamps.size() - 1);
                query.field("start", all.results.get(all.results.size() - 1).stamp());
                for (int i = 0; i < stamps.size(); i++) {
                    if (!stamps.get(i).isBefore(start)) {
                        expected.add(all.results.get(i).body());
                    }
                }
            }
            case endAtTheFirstStamp -> {
                // A second beyond the stamp: a stamp cut to whole seconds may be earlier than the time stored.
                Instant end = stamps.get(0).plusSeconds(1);
                query.end(end);
                for (int i = 0; i < stamps.size(); i++) {
                    if (!stamps.get(i).isAfter(end.minusSeconds(1))) {
                        expected.add(all.results.get(i).body());
                    }
                }
            }
        }
        Page page = Archive.runOk(alice, query);

        if (window == Window.endAtTheFirstStamp) {
            assertTrue(page.bodies().contains(bodies.get(0)), "end a second after the first message's stamp must include it: " + page.describe());
            for (Result r : page.results) {
                assertTrue(!Archive.parseStamp(r.stamp()).isAfter(stamps.get(0).plusSeconds(1)), "a result later than 'end': " + r);
            }
        } else {
            assertEquals(expected, page.bodies(), "results of " + window + " (stamps " + stamps + "): " + page.describe());
        }
    }
}
