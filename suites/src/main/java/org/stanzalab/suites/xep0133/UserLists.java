package org.stanzalab.suites.xep0133;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.stanzalab.engine.Level.SHOULD;

import java.util.List;

import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Test;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0050.Commands;

/**
 * XEP-0133 §4.13 to §4.22: the numbers and lists of registered, disabled, online, active and idle users. Other tests
 * run at the same time, so exact numbers cannot be known: a number must count at least the accounts the test knows
 * to be in that state (its own users, the administrator), and a list must name them.
 */
@StanzalabTest
class UserLists {
    private static final String VERSION = "1.3.1";

    private static long number(AdHocCommandData done, String var) {
        List<String> values = Commands.values(done, var);
        assertFalse(values.isEmpty(), "the result has no " + var + " field: " + done.toXML());
        try {
            long n = Long.parseLong(values.get(0).strip());
            assertTrue(n >= 0, var + " is negative: " + n);
            return n;
        } catch (NumberFormatException e) {
            throw new AssertionError(var + " is no number: '" + values.get(0) + "'", e);
        }
    }

    /** Whether a list field names the account (bare, or a full JID of it). */
    private static boolean names(AdHocCommandData done, String var, String bareJid) {
        return Commands.values(done, var).stream().map(String::strip)
                .anyMatch(v -> v.equalsIgnoreCase(bareJid) || v.toLowerCase().startsWith(bareJid.toLowerCase() + "/"));
    }

    private static void assertNames(AdHocCommandData done, String var, String bareJid, String why) {
        assertFalse(Commands.values(done, var).isEmpty() && done.getForm() == null, "the result has no form: " + done.toXML());
        assertTrue(names(done, var, bareJid), "the " + var + " list lacks " + bareJid + " (" + why + "): " + Commands.values(done, var));
    }

    /** An online user: logged in, available, and its presence processed. */
    private static User online(Lab lab) {
        User alice = lab.newUser();
        Session session = alice.connect().available();
        session.settled();
        return alice;
    }

    /** A disabled account of the test's own (set-up); it is deleted at the end. */
    private static Admin.Account disabled(Lab lab, Admin admin) {
        admin.require("disable-user");
        Admin.Account account = admin.newAccount();
        admin.setUp("disable-user", Admin.answers().set("accountjids", account.jid()));
        return account;
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.13", level = SHOULD,
          requirement = "get-registered-users-num returns a number that counts at least the accounts known to exist")
    @Test
    void registeredUsersNumberCountsKnownAccounts(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-registered-users-num");
        lab.newUser();

        long n = number(admin.runOk("get-registered-users-num", Admin.answers()), "registeredusersnum");

        assertTrue(n >= 2, "the administrator and the test's user are registered, but the number given is " + n);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.14", level = SHOULD,
          requirement = "get-disabled-users-num counts an account the test has disabled")
    @Test
    void disabledUsersNumberCountsADisabledAccount(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-disabled-users-num");
        disabled(lab, admin);

        long n = number(admin.runOk("get-disabled-users-num", Admin.answers()), "disabledusersnum");

        assertTrue(n >= 1, "the test has just disabled an account, but the number of disabled users is " + n);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.15", level = SHOULD,
          requirement = "get-online-users-num counts the users known to be online (the test's user and the administrator)")
    @Test
    void onlineUsersNumberCountsOnlineUsers(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-online-users-num");
        online(lab);

        long n = number(admin.runOk("get-online-users-num", Admin.answers()), "onlineusersnum");

        assertTrue(n >= 2, "the test's user and the administrator are online, but the number of online users is " + n);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.16", level = SHOULD,
          requirement = "get-active-users-num counts at least the administrator, which is sending stanzas")
    @Test
    void activeUsersNumberCountsTheAdministrator(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-active-users-num");

        long n = number(admin.runOk("get-active-users-num", Admin.answers()), "activeusersnum");

        assertTrue(n >= 1, "the administrator is online and sending commands, but the number of active users is " + n);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.17", level = SHOULD,
          requirement = "get-idle-users-num returns the number of idle users as a non-negative number")
    @Test
    void idleUsersNumberIsANumber(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-idle-users-num");
        online(lab);

        long n = number(admin.runOk("get-idle-users-num", Admin.answers()), "idleusersnum");

        assertTrue(n >= 0, "a negative number of idle users: " + n);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.18", level = SHOULD,
          requirement = "get-registered-users-list names an account the test knows to exist")
    @Test
    void registeredUsersListNamesAKnownAccount(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-registered-users-list");
        User alice = lab.newUser();

        AdHocCommandData done = admin.runOk("get-registered-users-list", Admin.answers());

        assertNames(done, "registereduserjids", alice.jid().toString(), "the account exists");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.19", level = SHOULD,
          requirement = "get-disabled-users-list names an account the test has disabled")
    @Test
    void disabledUsersListNamesADisabledAccount(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-disabled-users-list");
        Admin.Account account = disabled(lab, admin);

        AdHocCommandData done = admin.runOk("get-disabled-users-list", Admin.answers());

        assertNames(done, "disableduserjids", account.jid(), "the test disabled it");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.20", level = SHOULD,
          requirement = "get-online-users-list names a user the test keeps online")
    @Test
    void onlineUsersListNamesAnOnlineUser(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-online-users-list");
        User alice = online(lab);

        AdHocCommandData done = admin.runOk("get-online-users-list", Admin.answers());

        assertNames(done, "onlineuserjids", alice.jid().toString(), "alice is online");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.20", level = SHOULD,
          requirement = "get-online-users-list does not name a user who has never logged in")
    @Test
    void onlineUsersListOmitsAUserWhoIsOffline(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-online-users-list");
        User carol = lab.newUser();
        online(lab);

        AdHocCommandData done = admin.runOk("get-online-users-list", Admin.answers());

        lab.requireThat(!Commands.values(done, "onlineuserjids").isEmpty(), "the list of online users is empty or absent");
        assertFalse(names(done, "onlineuserjids", carol.jid().toString()), carol.jid() + " has never logged in, but is listed as online");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.21", level = SHOULD,
          requirement = "get-active-users names the administrator, which is sending stanzas")
    @Test
    void activeUsersListNamesTheAdministrator(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-active-users");

        AdHocCommandData done = admin.runOk("get-active-users", Admin.answers());

        assertNames(done, "activeuserjids", admin.session().bareJid().toString(), "it is sending commands");
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "4.22", level = SHOULD,
          requirement = "get-idle-users returns a list of this server's users")
    @Test
    void idleUsersListNamesOnlyUsersOfTheServer(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("get-idle-users");
        online(lab);

        AdHocCommandData done = admin.runOk("get-idle-users", Admin.answers());

        assertTrue(done.getForm() != null && done.getForm().getField("idleuserjids") != null, "the result has no idleuserjids field: " + done.toXML());
        List<String> foreign = Commands.values(done, "idleuserjids").stream().filter(v -> !v.strip().toLowerCase().contains("@" + lab.domain())).toList();
        assertTrue(foreign.isEmpty(), "the idle users listed are not users of " + lab.domain() + ": " + foreign);
    }
}
