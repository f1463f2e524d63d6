package org.stanzalab.suites.xep0133;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.TestError;
import org.stanzalab.engine.User;
import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.Closure;
import org.stanzalab.wire.XmlElement;

/**
 * XEP-0133 §4.1 to §4.7: the commands that create, remove, disable, re-enable and change accounts, and end their
 * sessions, each checked by what the account can do afterwards (log in, keep its session, keep its roster). The
 * accounts they change are the test's own, made with add-user and deleted with delete-user at its end; sessions are
 * ended only on the test's own users.
 */
@StanzalabTest
class UserAccounts {
    private static final String VERSION = "1.3.1";
    private static final String ROSTER = "jabber:iq:roster";

    /** Logs in over the wire driver; a refused login fails the test (the account should work). */
    private static RawSession logIn(Lab lab, Admin.Account account, String why) {
        try {
            return lab.raw().authenticate(account.username(), account.password()).bind();
        } catch (TestError e) {
            throw new AssertionError(why + ", but " + account.jid() + " cannot log in: " + e.getMessage(), e);
        }
    }

    private static void assertStreamEnded(RawSession session, String why) {
        Closure closure = session.awaitServerClosingTag();
        assertNotEquals(Closure.TIMEOUT, closure, why + ", but the session " + session.jid() + " was still open after the reply timeout");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.1", level = MUST,
          requirement = "add-user creates the account: the new account can log in with the password given")
    @Test
    void addedUserCanLogIn(Lab lab) {
        Admin admin = Admin.of(lab);
        String username = "sl-adm-" + Long.toHexString(System.nanoTime());
        String password = "pw-" + UUID.randomUUID();
        String jid = username + "@" + lab.domain();
        admin.deletedAtEnd(jid);

        admin.runOk("add-user", Admin.answers().set("accountjid", jid).set("password", password).set("password-verify", password));

        logIn(lab, new Admin.Account(username, password, jid), "add-user completed").ping(lab.domain());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.2", level = SHOULD,
          requirement = "delete-user removes the account: its password no longer logs in")
    @Test
    void deletedUserCannotLogIn(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("delete-user");
        Admin.Account account = admin.newAccount();

        admin.runOk("delete-user", Admin.answers().set("accountjids", account.jid()));

        lab.loginFailure(account.username(), account.password());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.2", level = SHOULD,
          requirement = "delete-user ends the sessions the account has open")
    @Test
    void deletedUsersSessionIsEnded(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("delete-user");
        Admin.Account account = admin.newAccount();
        RawSession session = lab.setUp("a session of the account", () -> logIn(lab, account, "set-up"));

        admin.runOk("delete-user", Admin.answers().set("accountjids", account.jid()));

        assertStreamEnded(session, "the account was deleted");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.3", level = MUST,
          requirement = "disable-user prevents further logins of the account")
    @Test
    void disabledUserCannotLogIn(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("disable-user");
        Admin.Account account = admin.newAccount();

        admin.runOk("disable-user", Admin.answers().set("accountjids", account.jid()));

        lab.loginFailure(account.username(), account.password());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.3", level = MUST,
          requirement = "disable-user ends the sessions the account has open")
    @Test
    void disabledUsersSessionIsEnded(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("disable-user");
        Admin.Account account = admin.newAccount();
        RawSession session = lab.setUp("a session of the account", () -> logIn(lab, account, "set-up"));

        admin.runOk("disable-user", Admin.answers().set("accountjids", account.jid()));

        assertStreamEnded(session, "the account was disabled");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.3", level = MUST,
          requirement = "disabling an account keeps its data: after re-enabling, its roster still holds the item it had")
    @Test
    void disabledUserKeepsItsRoster(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("disable-user");
        admin.require("reenable-user");
        Admin.Account account = admin.newAccount();
        String contact = "sl-contact-" + Long.toHexString(System.nanoTime()) + "@" + lab.domain();
        lab.setUp("a roster item", () -> {
            RawSession session = logIn(lab, account, "set-up");
            XmlElement reply = session.request("<iq type='set' id='r1'><query xmlns='" + ROSTER + "'><item jid='" + contact + "'/></query></iq>", "r1");
            assertTrue(Stanzas.hasType(reply, "result"), "the roster set was answered with " + Stanzas.describe(reply));
        });
        lab.setUp("disable-user", () -> admin.runOk("disable-user", Admin.answers().set("accountjids", account.jid())));

        admin.runOk("reenable-user", Admin.answers().set("accountjids", account.jid()));

        RawSession again = logIn(lab, account, "the account was re-enabled");
        XmlElement roster = again.request("<iq type='get' id='r2'><query xmlns='" + ROSTER + "'/></iq>", "r2");
        assertTrue(roster.toXml().contains(contact), "the roster lost its item " + contact + " while the account was disabled: " + roster.toXml());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.4", level = MUST,
          requirement = "reenable-user lets a disabled account log in again")
    @Test
    void reenabledUserCanLogInAgain(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("disable-user");
        admin.require("reenable-user");
        Admin.Account account = admin.newAccount();
        lab.setUp("disable-user", () -> admin.runOk("disable-user", Admin.answers().set("accountjids", account.jid())));

        admin.runOk("reenable-user", Admin.answers().set("accountjids", account.jid()));

        logIn(lab, account, "the account was re-enabled").ping(lab.domain());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.5", level = MUST,
          requirement = "end-user-session with a bare JID ends every session of the user")
    @Test
    void endingSessionsOfABareJidEndsThemAll(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("end-user-session");
        User alice = lab.newUser();
        RawSession one = lab.setUp("alice's first session", () -> lab.raw().authenticate(alice).bind("one"));
        RawSession two = lab.setUp("alice's second session", () -> lab.raw().authenticate(alice).bind("two"));

        admin.runOk("end-user-session", Admin.answers().account(alice.jid().toString()));

        assertStreamEnded(one, "all sessions of " + alice.jid() + " were to end");
        assertStreamEnded(two, "all sessions of " + alice.jid() + " were to end");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.5", level = MUST,
          requirement = "end-user-session with a full JID ends only the session of that resource")
    @Test
    void endingTheSessionOfAFullJidEndsOnlyThatOne(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("end-user-session");
        User alice = lab.newUser();
        RawSession one = lab.setUp("alice's first session", () -> lab.raw().authenticate(alice).bind("one"));
        RawSession two = lab.setUp("alice's second session", () -> lab.raw().authenticate(alice).bind("two"));

        admin.runOk("end-user-session", Admin.answers().account(one.jid()));

        assertStreamEnded(one, "the session " + one.jid() + " was to end");
        two.expectSessionGoesOn("only " + one.jid() + " was named, so " + two.jid() + " had to stay");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.5", level = SHOULD,
          requirement = "ending a user's sessions is a kick, not a ban: the user can log in again afterwards")
    @Test
    void userWhoseSessionsEndedCanLogInAgain(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("end-user-session");
        Admin.Account account = admin.newAccount();
        RawSession session = lab.setUp("a session of the account", () -> logIn(lab, account, "set-up"));

        admin.runOk("end-user-session", Admin.answers().account(account.jid()));
        lab.setUp("the end of the session", () -> assertStreamEnded(session, "the session was to end"));

        logIn(lab, account, "only the session was ended").ping(lab.domain());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.7", level = SHOULD,
          requirement = "change-user-password sets the account's password: the new one logs in")
    @Test
    void changedPasswordLogsIn(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("change-user-password");
        Admin.Account account = admin.newAccount();
        String newPassword = "pw-" + UUID.randomUUID();

        admin.runOk("change-user-password", Admin.answers().set("accountjid", account.jid()).set("password", newPassword));

        logIn(lab, new Admin.Account(account.username(), newPassword, account.jid()), "the password was changed").ping(lab.domain());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.7", level = SHOULD,
          requirement = "after change-user-password the old password no longer logs in")
    @Test
    void oldPasswordNoLongerLogsInAfterChange(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("change-user-password");
        Admin.Account account = admin.newAccount();

        admin.runOk("change-user-password", Admin.answers().set("accountjid", account.jid()).set("password", "pw-" + UUID.randomUUID()));

        try {
            lab.loginFailure(account.username(), account.password());
        } catch (org.stanzalab.engine.SecurityBreach e) {
            fail("the old password of " + account.jid() + " still logs in after change-user-password");
        }
    }
}
