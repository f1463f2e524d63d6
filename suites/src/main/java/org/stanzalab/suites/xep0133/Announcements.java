package org.stanzalab.suites.xep0133;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.Isolated;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Marker;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.suites.xep0050.Commands;

/**
 * XEP-0133 §4.23 to §4.28: announcements, the message of the day and the welcome message. They reach every online
 * session of the server, so these tests run alone; each text is unique to its test, so a test only ever waits for its
 * own, and every message of the day or welcome message set is deleted when the test ends (the test is impossible
 * where the server offers no command to delete it).
 */
@Isolated("announcements and messages of the day reach every online session of the server")
@Execution(ExecutionMode.SAME_THREAD)  // one message of the day at a time: the tests of this class set and delete it
@StanzalabTest
class Announcements {
    private static final String VERSION = "1.3.1";

    private static String text(String what) {
        return "stanzalab " + what + " " + UUID.randomUUID();
    }

    /** The text in whichever text field the form has: announcement (§8.2), or body as some servers call it. */
    private static Admin.Answers message(String text) {
        return Admin.answers().set("announcement", text).set("body", text).set("motd", text).set("welcome", text)
                .set("subject", "stanzalab");
    }

    private static boolean carries(Message m, String text) {
        return m.getBody() != null && m.getBody().contains(text);
    }

    /** Sets the message of the day, to be deleted when the test ends. */
    private static void motd(Lab lab, Admin admin, String text) {
        admin.require("set-motd");
        admin.require("delete-motd");
        lab.cleanup("the message of the day", () -> admin.attempt("delete-motd", Admin.answers().set("confirm", "true")));
        admin.setUp("set-motd", message(text));
    }

    /**
     * Waits until a user logging in receives the message of the day: a server may store it only after it has answered
     * set-motd, and from then on it is the current one.
     */
    private static void inEffect(Lab lab, String text) {
        lab.setUp("the message of the day in effect", () -> {
            lab.newUser().connect().available().expectMessage("the message of the day", m -> carries(m, text));
        });
    }

    /** A user logging in with initial presence; the marker arrives after whatever the login brought. */
    private static Marker loginMarker(Session session) {
        session.available();
        return session.sendMarkerTo(session);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.23", level = SHOULD,
          requirement = "announce sends the announcement to the users who are online")
    @Test
    void announcementReachesAnOnlineUser(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("announce");
        Session alice = lab.newUser().connect().available().settled();
        String text = text("announcement");

        admin.runOk("announce", message(text));

        alice.expectMessage("the announcement", m -> carries(m, text));
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.23", level = SHOULD,
          requirement = "announce goes only to users with a session: a user who logs in afterwards does not get it")
    @Test
    void announcementIsNotKeptForUsersOffline(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("announce");
        User bob = lab.newUser();
        String text = text("announcement");

        admin.runOk("announce", message(text));

        Session session = bob.connect();
        Marker marker = loginMarker(session);
        session.expectNothingBefore(marker, Message.class, "the announcement made while bob was offline", m -> carries(m, text));
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.24", level = SHOULD,
          requirement = "set-motd sets a message of the day that a user logging in afterwards receives")
    @Test
    void messageOfTheDayReachesUsersLoggingInLater(Lab lab) {
        Admin admin = Admin.of(lab);
        String text = text("message of the day");

        motd(lab, admin, text);

        lab.newUser().connect().available().expectMessage("the message of the day", m -> carries(m, text));
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.25", level = SHOULD,
          requirement = "edit-motd offers a form that holds the current message of the day")
    @Test
    void editFormHoldsTheCurrentMessageOfTheDay(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("edit-motd");
        String text = text("message of the day");
        motd(lab, admin, text);
        inEffect(lab, text);

        AdHocCommandData form = Commands.stage(Commands.execute(admin.session(), lab.domainJid(), Admin.node("edit-motd")), "edit-motd");

        if (Commands.isExecuting(form)) {
            Commands.send(admin.session(), new Commands.Request(lab.domainJid(), Admin.node("edit-motd")).session(form.getSessionID()).action("cancel"));
        }
        assertTrue(form.getForm() != null && form.getForm().toXML().toString().contains(text),
                "the edit-motd form does not hold the current message of the day '" + text + "': " + form.toXML());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.25", level = SHOULD,
          requirement = "edit-motd replaces the message of the day: a user logging in afterwards receives the edited text")
    @Test
    void editedMessageOfTheDayReachesUsersLoggingInLater(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("edit-motd");
        String first = text("message of the day");
        motd(lab, admin, first);
        inEffect(lab, first);
        String edited = text("edited message of the day");

        admin.runOk("edit-motd", message(edited));

        lab.newUser().connect().available().expectMessage("the edited message of the day", m -> carries(m, edited));
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.26", level = SHOULD,
          requirement = "delete-motd deletes the message of the day: a user logging in afterwards does not receive it")
    @Test
    void deletedMessageOfTheDayIsNoLongerSent(Lab lab) {
        Admin admin = Admin.of(lab);
        String text = text("message of the day");
        motd(lab, admin, text);
        inEffect(lab, text);

        admin.runOk("delete-motd", Admin.answers().set("confirm", "true"));

        Session session = lab.newUser().connect();
        Marker marker = loginMarker(session);
        session.expectNothingBefore(marker, Message.class, "the deleted message of the day", m -> carries(m, text));
    }

    /** Sets the welcome message, to be deleted when the test ends. */
    private static void welcome(Lab lab, Admin admin, String text) {
        admin.require("set-welcome");
        admin.require("delete-welcome");
        lab.cleanup("the welcome message", () -> admin.attempt("delete-welcome", Admin.answers().set("confirm", "true")));
        admin.setUp("set-welcome", message(text));
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.27", level = SHOULD,
          requirement = "set-welcome sets a welcome message that a newly created account receives when it first logs in")
    @Test
    void welcomeMessageReachesANewAccount(Lab lab) {
        Admin admin = Admin.of(lab);
        String text = text("welcome message");
        welcome(lab, admin, text);

        Admin.Account account = admin.newAccount();

        RawSession session = lab.raw().authenticate(account.username(), account.password()).bind().available();
        assertTrue(session.await("the welcome message", e -> e.toXml().contains(text)).isPresent(),
                "the new account " + account.jid() + " did not receive the welcome message within the reply timeout");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.28", level = SHOULD,
          requirement = "delete-welcome deletes the welcome message: an account created afterwards does not receive it")
    @Test
    void deletedWelcomeMessageIsNoLongerSent(Lab lab) {
        Admin admin = Admin.of(lab);
        String text = text("welcome message");
        welcome(lab, admin, text);

        admin.runOk("delete-welcome", Admin.answers().set("confirm", "true"));

        Admin.Account account = admin.newAccount();
        RawSession session = lab.raw().authenticate(account.username(), account.password()).bind().available();
        String id = session.newId("after-login");
        session.send("<message to='" + session.jid() + "' id='" + id + "' type='normal'><body>marker</body></message>");
        session.expect("the marker sent to itself", e -> org.stanzalab.engine.raw.Stanzas.hasId(e, id));
        assertTrue(session.received().stream().noneMatch(e -> e.toXml().contains(text)),
                "an account created after delete-welcome received the deleted welcome message");
    }
}
