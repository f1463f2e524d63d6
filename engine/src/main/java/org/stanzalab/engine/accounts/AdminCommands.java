package org.stanzalab.engine.accounts;

import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/**
 * Creates and deletes accounts with the service administration commands of XEP-0133 (add-user, delete-user),
 * over one admin connection that is the engine's, never a test's.
 */
public final class AdminCommands implements AccountProvisioner {
    private static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    private static final String DELETE_USER = "http://jabber.org/protocol/admin#delete-user";

    private final SmackConnector connector;
    private final Credentials admin;
    private final AccountNames names = new AccountNames();
    private XMPPTCPConnection connection;

    public AdminCommands(SmackConnector connector, Credentials admin) {
        this.connector = connector;
        this.admin = admin;
    }

    /** Logs in as admin and creates and deletes one account, so a run never starts with provisioning broken. */
    @Override
    public void preflight() {
        adminConnection();
        release(acquire());
    }

    @Override
    public Credentials acquire() {
        Credentials account = names.next();
        run(ADD_USER, form -> {
            form.setAnswer("accountjid", jid(account));
            form.setAnswer("password", account.password());
            if (form.hasField("password-verify")) {
                form.setAnswer("password-verify", account.password());
            }
        }, "create account " + account.username());
        return account;
    }

    @Override
    public void release(Credentials account) {
        run(DELETE_USER, form -> form.setAnswer("accountjids", List.of(jid(account))), "delete account " + account.username());
    }

    @Override
    public String describe() {
        return "admin commands (XEP-0133) as " + admin.username();
    }

    private String jid(Credentials account) {
        return account.username() + "@" + connector.target().domain();
    }

    private interface FormFiller {
        void fill(FillableForm form);
    }

    private void run(String node, FormFiller filler, String what) {
        try {
            XMPPTCPConnection conn = adminConnection();
            RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(conn)
                    .getRemoteCommand(JidCreate.domainBareFrom(connector.target().domain()), node);
            command.execute();
            if (command.getForm() == null) {
                throw new ProvisioningException("cannot " + what + ": the server's " + node + " command returned no form");
            }
            FillableForm form = new FillableForm(command.getForm());
            filler.fill(form);
            command.complete(form);
            // Some servers (Prosody) report a refused command as "completed" with an error note, not an IQ error.
            for (AdHocCommandNote note : command.getNotes()) {
                if (note.getType() == AdHocCommandNote.Type.error) {
                    throw new ProvisioningException("cannot " + what + ": the server said \"" + note.getValue() + "\"");
                }
            }
        } catch (XMPPException.XMPPErrorException e) {
            throw new ProvisioningException("cannot " + what + " with XEP-0133 " + node.substring(node.indexOf('#') + 1)
                    + ": " + SmackErrors.describe(e));
        } catch (SmackException | java.io.IOException | XMPPException e) {
            throw new ProvisioningException("cannot " + what + ": " + SmackErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException("interrupted while trying to " + what);
        }
    }

    /** The admin connection, reconnected if the server dropped it. */
    private synchronized XMPPTCPConnection adminConnection() {
        if (connection != null && connection.isAuthenticated()) {
            return connection;
        }
        if (connection != null) {
            connection.disconnect();
        }
        // A resource of its own per run: runs that share an admin account (two CI jobs, two people) must not
        // replace each other's admin session through a resource conflict.
        String resource = "stanzalab-admin-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        XMPPTCPConnection conn = connector.newConnection(admin.username(), admin.password(), resource, null, "admin");
        try {
            conn.connect().login();
        } catch (Exception e) {
            conn.disconnect();
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw SmackErrors.isLoginRefusal(e)
                    ? new LoginRefused("admin account " + admin.username() + "@" + connector.target().domain() + ": " + SmackErrors.describe(e))
                    : new ProvisioningException("admin login to " + connector.target().address() + " failed: " + SmackErrors.describe(e));
        }
        connection = conn;
        return conn;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.disconnect();
            connection = null;
        }
    }
}
