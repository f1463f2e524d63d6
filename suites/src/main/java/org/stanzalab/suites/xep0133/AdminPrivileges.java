package org.stanzalab.suites.xep0133;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.stanzalab.engine.Level.MUST;

import java.util.ArrayList;
import java.util.List;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.Spec;
import org.stanzalab.engine.StanzalabTest;
import org.stanzalab.engine.User;
import org.stanzalab.suites.xep0050.Commands;

/**
 * XEP-0133 §3, §5 and §6: which commands the administrator is offered, the error stanzas, and that an ordinary user
 * can run none of them. An ordinary user's attempt only ever sends the first request of a command (action execute):
 * a server that wrongly opens a session gets it canceled at once, so no form is ever submitted. Restart and shut down
 * (§4.30, §4.31) are never sent to the shared server at all, not even by an ordinary user, and neither is any command
 * outside XEP-0133 (Prosody's reload and module commands).
 */
@StanzalabTest
class AdminPrivileges {
    private static final String VERSION = "1.3.1";

    /** The §4 commands an ordinary user tries; every one but restart and shutdown (and the retracted §4.6 is kept). */
    enum AdminCommand {
        ADD_USER("add-user"), DELETE_USER("delete-user"), DISABLE_USER("disable-user"), REENABLE_USER("reenable-user"),
        END_USER_SESSION("end-user-session"), GET_USER_PASSWORD("get-user-password"), CHANGE_USER_PASSWORD("change-user-password"),
        GET_USER_ROSTER("get-user-roster"), GET_USER_LASTLOGIN("get-user-lastlogin"), USER_STATS("user-stats"),
        EDIT_BLACKLIST("edit-blacklist"), ADD_TO_WHITELIST("add-to-whitelist"),
        GET_REGISTERED_USERS_NUM("get-registered-users-num"), GET_DISABLED_USERS_NUM("get-disabled-users-num"),
        GET_ONLINE_USERS_NUM("get-online-users-num"), GET_ACTIVE_USERS_NUM("get-active-users-num"),
        GET_IDLE_USERS_NUM("get-idle-users-num"), GET_REGISTERED_USERS_LIST("get-registered-users-list"),
        GET_DISABLED_USERS_LIST("get-disabled-users-list"), GET_ONLINE_USERS_LIST("get-online-users-list"),
        GET_ACTIVE_USERS("get-active-users"), GET_IDLE_USERS("get-idle-users"), ANNOUNCE("announce"), SET_MOTD("set-motd"),
        EDIT_MOTD("edit-motd"), DELETE_MOTD("delete-motd"), SET_WELCOME("set-welcome"), DELETE_WELCOME("delete-welcome"),
        EDIT_ADMIN("edit-admin");

        final String command;

        AdminCommand(String command) {
            this.command = command;
        }

        @Override
        public String toString() {
            return command;
        }
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "6", level = MUST,
          requirement = "an ordinary user cannot run an administration command: its execution is refused, never started")
    @ParameterizedTest(name = "{0}")
    @EnumSource(AdminCommand.class)
    void ordinaryUserCannotRunTheCommand(AdminCommand command, Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require(command.command);
        Session mallory = lab.newUser().connect();
        String node = Admin.node(command.command);

        IQ reply = Commands.execute(mallory, lab.domainJid(), node);

        if (Commands.isError(reply)) {
            return;  // refused (§5: forbidden, or not-allowed, or the command does not exist for this user)
        }
        if (reply instanceof AdHocCommandData data) {
            if (Commands.isExecuting(data)) {
                Commands.send(mallory, new Commands.Request(lab.domainJid(), node).session(data.getSessionID()).action("cancel"));
                fail("an ordinary user's execution of " + node + " was started (status executing, with a form to submit) instead of refused: "
                        + data.toXML());
            }
            if (data.getStatus() == AdHocCommand.Status.completed && !Commands.hasErrorNote(data)) {
                fail("an ordinary user's execution of " + node + " completed: " + data.toXML());
            }
            return;  // canceled, or completed with an error note: refused
        }
        fail("an ordinary user's execution of " + node + " was answered with " + reply.toXML());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "3", level = MUST,
          requirement = "the server lists every administration command it supports: one it does not list is refused when the administrator executes it")
    @Test
    void everyCommandTheServerRunsIsListed(Lab lab) {
        Admin admin = Admin.of(lab);
        List<String> unlistedButStarted = new ArrayList<>();
        for (AdminCommand command : AdminCommand.values()) {
            String node = Admin.node(command.command);
            if (admin.listed().contains(node)) {
                continue;
            }
            IQ reply = Commands.execute(admin.session(), lab.domainJid(), node);
            if (reply instanceof AdHocCommandData data && reply.getType() == IQ.Type.result) {
                if (Commands.isExecuting(data)) {
                    Commands.send(admin.session(), new Commands.Request(lab.domainJid(), node).session(data.getSessionID()).action("cancel"));
                }
                if (!Commands.hasErrorNote(data)) {
                    unlistedButStarted.add(node);
                }
            }
        }
        assertTrue(unlistedButStarted.isEmpty(), "the server runs these administration commands but does not list them: " + unlistedButStarted);
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "5", level = MUST,
          requirement = "add-user for an account that exists is answered with an error stanza (conflict), not a completed command")
    @Test
    void addingAnExistingAccountIsAConflictError(Lab lab) {
        Admin admin = Admin.of(lab);
        admin.require("add-user");
        User alice = lab.newUser();
        String password = "pw-" + java.util.UUID.randomUUID();

        IQ reply = admin.attempt("add-user", Admin.answers().set("accountjid", alice.jid().toString())
                .set("password", password).set("password-verify", password));

        assertEquals(StanzaError.Condition.conflict, Commands.condition(reply).orElse(null),
                "add-user for the existing account " + alice.jid() + " was answered with " + Commands.describe(reply) + ": " + reply.toXML());
    }

    @Spec(document = "XEP-0133", version = VERSION, section = "5", level = MUST,
          requirement = "an administration command the server does not have is answered with an error stanza")
    @Test
    void unknownAdministrationCommandIsAnError(Lab lab) {
        Admin admin = Admin.of(lab);
        lab.requireThat(!admin.listed().isEmpty(), "the server lists no command to its administrator");
        String node = Admin.node("stanzalab-no-such-command");

        IQ reply = Commands.execute(admin.session(), lab.domainJid(), node);

        assertTrue(Commands.isError(reply), "the execution of the unknown command " + node + " was answered with "
                + Commands.describe(reply) + " instead of an error stanza: " + reply.toXML());
    }
}
