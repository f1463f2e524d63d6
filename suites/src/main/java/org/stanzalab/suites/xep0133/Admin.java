package org.stanzalab.suites.xep0133;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.stanzalab.suites.xep0050.Commands;

/**
 * The service administrator of a test (the run's admin account, see {@code Lab.admin()}) and the XEP-0133 commands
 * it runs: execute, fill in the form the server sent with the standard fields (§8.2) it has, complete. A command the
 * server does not list to its administrator ends the test as impossible, naming the node.
 */
final class Admin {
    static final String NS = "http://jabber.org/protocol/admin";

    private final Lab lab;
    private final Session session;
    private List<String> listed;

    private Admin(Lab lab, Session session) {
        this.lab = lab;
        this.session = session;
    }

    /** Logs in as the administrator; impossible when the run has none. */
    static Admin of(Lab lab) {
        return new Admin(lab, lab.admin());
    }

    static String node(String command) {
        return NS + "#" + command;
    }

    Session session() {
        return session;
    }

    /** The nodes of the command list the server gives its administrator. */
    synchronized List<String> listed() {
        if (listed == null) {
            listed = lab.setUp("the administrator's command list", () -> Commands.nodes(session, lab.domainJid()));
        }
        return listed;
    }

    /** Ends the test as impossible unless the administrator's command list has this command. */
    void require(String command) {
        lab.requireThat(listed().contains(node(command)), "the server lists no command " + node(command) + " to its administrator");
    }

    /** Answers for a form, field by field; {@code jid} fills both accountjid and accountjids, as servers use either. */
    static final class Answers {
        final Map<String, List<String>> fields = new LinkedHashMap<>();

        Answers set(String var, String... values) {
            fields.put(var, List.of(values));
            return this;
        }

        Answers account(String jid) {
            return set("accountjid", jid).set("accountjids", jid);
        }
    }

    static Answers answers() {
        return new Answers();
    }

    /**
     * Runs a listed command to its end: execute, and while the server asks for more, submit the answers that its
     * form has fields for. Returns the last stage, whatever its status; an IQ error is returned as the error reply
     * through {@link #attempt}, here it fails the test.
     */
    AdHocCommandData run(String command, Answers answers) {
        IQ last = attempt(command, answers);
        return Commands.stage(last, "the " + command + " command");
    }

    /** Like {@link #run}, but the command must complete without a note of type error. */
    AdHocCommandData runOk(String command, Answers answers) {
        AdHocCommandData done = run(command, answers);
        if (done.getStatus() != AdHocCommand.Status.completed || Commands.hasErrorNote(done)) {
            throw new ServerFailure("the " + command + " command did not complete: " + Commands.describe(done) + ": " + done.toXML());
        }
        return done;
    }

    /** Runs a command as set-up: the test goes on only if it completes. */
    AdHocCommandData setUp(String command, Answers answers) {
        require(command);
        return lab.setUp(command, () -> {
            try {
                return runOk(command, answers);
            } catch (ServerFailure e) {
                throw new AssertionError(e.getMessage(), e);
            }
        });
    }

    /** Runs a listed command and returns its last reply as it came, an IQ error included. */
    IQ attempt(String command, Answers answers) {
        require(command);
        String node = node(command);
        IQ reply = Commands.execute(session, lab.domainJid(), node);
        for (int stage = 0; stage < 4; stage++) {
            if (!(reply instanceof AdHocCommandData data) || reply.getType() != IQ.Type.result || !Commands.isExecuting(data)) {
                return reply;
            }
            DataForm form = data.getForm();
            Answers filled = withListSize(form, answers);
            if (form != null) {
                for (FormField field : form.getFields()) {
                    if (field.isRequired() && field.getFirstValue() == null && !filled.fields.containsKey(field.getFieldName())) {
                        throw new TestError("not run: the " + command + " form requires the field '" + field.getFieldName()
                                + "', which the test has no answer for: " + form.toXML());
                    }
                }
            }
            reply = Commands.send(session, new Commands.Request(lab.domainJid(), node).session(data.getSessionID())
                    .action("complete").payload(Commands.submit(form, filled.fields)));
        }
        throw new TestError("not run: the " + command + " command was still executing after four stages");
    }

    /**
     * The user lists of §4.18 to §4.22 may first ask how many to show (max_items): the tests want them all, so they
     * take "all" or "none" (no limit) where offered, else the largest number offered.
     */
    private static Answers withListSize(DataForm form, Answers answers) {
        FormField size = form == null ? null : form.getField("max_items");
        if (size == null || answers.fields.containsKey("max_items")) {
            return answers;
        }
        List<String> options = size instanceof org.jivesoftware.smackx.xdata.ListSingleFormField list
                ? list.getOptions().stream().map(o -> o.getValueString()).toList() : List.of();
        String choice = options.contains("all") ? "all" : options.contains("none") ? "none"
                : options.stream().filter(o -> o.matches("\\d+")).max(java.util.Comparator.comparingLong(Long::parseLong)).orElse("none");
        Answers filled = new Answers();
        filled.fields.putAll(answers.fields);
        return filled.set("max_items", choice);
    }

    /** An account of the test's own, made with add-user as set-up and deleted with delete-user when the test ends. */
    record Account(String username, String password, String jid) {
    }

    Account newAccount() {
        String username = "sl-adm-" + (1 + ThreadLocalRandom.current().nextLong(999_999_999L));
        String password = "pw-" + UUID.randomUUID();
        String jid = username + "@" + lab.domain();
        setUp("add-user", answers().set("accountjid", jid).set("password", password).set("password-verify", password));
        deletedAtEnd(jid);
        return new Account(username, password, jid);
    }

    /** Deletes the account when the test ends (it may be gone already: that is no problem). */
    void deletedAtEnd(String jid) {
        lab.cleanup("the account " + jid, () -> {
            if (listed().contains(node("delete-user"))) {
                attempt("delete-user", answers().set("accountjids", jid));
            }
        });
    }
}
