package org.stanzalab.suites.xep0133;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0050.Commands;

/**
 * XEP-0133 §4.8 to §4.10: what the administrator can learn about one user (roster, last login, statistics), each
 * checked against what the test just did as that user.
 */
@StanzalabTest
class UserInformation {
    private static final String VERSION = "1.3.1";
    /** The test and the server share a clock (the reference servers run on the same machine); this allows for a remote one. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(2);

    /** Adds a roster item for the contact, as the user (set-up). */
    private static void addToRoster(Lab lab, Session session, User contact) {
        lab.setUp("a roster item for " + contact.role(), () -> {
            session.requestResult(new RawIq(org.jivesoftware.smack.packet.IQ.Type.set, null, "query", "jabber:iq:roster",
                    "<item jid='" + contact.jid() + "' name='stanzalab-contact'/>"));
        });
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.8", level = SHOULD,
          requirement = "get-user-roster returns the user's roster, with an item the user has just added")
    @Test
    void userRosterShowsAnItemJustAdded(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-user-roster");
        User alice = lab.newUser();
        User bob = lab.newUser();
        addToRoster(lab, alice.connect(), bob);

        AdHocCommandData done = admin.runOk("get-user-roster", Admin.answers().account(alice.jid().toString()));

        String xml = done.toXML().toString();
        assertTrue(xml.contains(bob.jid().toString()), "the roster of " + alice.jid() + " returned by get-user-roster lacks "
                + bob.jid() + ", which alice has just added: " + xml);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.9", level = SHOULD,
          requirement = "get-user-lastlogin returns the user's last login as an XEP-0082 date-time, which is the time of the test's login")
    @Test
    void lastLoginIsTheTimeOfTheLogin(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-user-lastlogin");
        User alice = lab.newUser();
        Instant before = Instant.now();
        lab.setUp("a login and logout of alice", () -> {
            RawSession session = lab.raw().authenticate(alice).bind();
            session.available();
            session.answerClosingTag();
            session.awaitServerClosingTag();
        });

        AdHocCommandData done = admin.runOk("get-user-lastlogin", Admin.answers().account(alice.jid().toString()));

        List<String> values = Commands.values(done, "lastlogin");
        assertFalse(values.isEmpty(), "get-user-lastlogin returned no lastlogin field: " + done.toXML());
        Instant at;
        try {
            at = OffsetDateTime.parse(values.get(0).strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw new AssertionError("the last login '" + values.get(0) + "' is no XEP-0082 date-time: " + done.toXML(), e);
        }
        assertTrue(!at.isBefore(before.minus(CLOCK_SKEW)) && !at.isAfter(Instant.now().plus(CLOCK_SKEW)),
                "alice logged in at about " + before + ", but the last login is given as " + at);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.10", level = SHOULD,
          requirement = "user-stats describes the user as it is: its roster size and the resources it has online")
    @Test
    void userStatisticsDescribeTheUser(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("user-stats");
        User alice = lab.newUser();
        User bob = lab.newUser();
        Session session = alice.connect("stats-resource").available();
        addToRoster(lab, session, bob);
        session.settled();

        AdHocCommandData done = admin.runOk("user-stats", Admin.answers().account(alice.jid().toString()));

        List<String> rosterSize = Commands.values(done, "rostersize");
        List<String> resources = Commands.values(done, "onlineresources");
        assertFalse(rosterSize.isEmpty() && resources.isEmpty(),
                "user-stats returned neither rostersize nor onlineresources: " + done.toXML());
        if (!rosterSize.isEmpty()) {
            assertEquals("1", rosterSize.get(0).strip(), "rostersize of a user with one roster item: " + done.toXML());
        }
        if (!resources.isEmpty()) {
            assertTrue(String.join(" ", resources).contains("stats-resource"),
                    "onlineresources lacks the resource alice is online with: " + done.toXML());
        }
    }
}
