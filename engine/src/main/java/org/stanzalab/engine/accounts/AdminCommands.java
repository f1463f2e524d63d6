package org.stanzalab.engine.accounts;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.StanzaTypeFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.RemoteCommand;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/**
 * Creates and deletes accounts with the service administration commands of XEP-0133 (add-user, delete-user),
 * over one admin connection that is the engine's, never a test's. Each failure names its step: connect, TLS,
 * login as admin, command listed, form, reply (a reply Smack did not match), completion.
 */
public final class AdminCommands implements AccountProvisioner {
    private static final String MODE = "admin commands (XEP-0133)";
    static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    static final String DELETE_USER = "http://jabber.org/protocol/admin#delete-user";
    private static final Pattern REQUEST_ID = Pattern.compile("id=([^\\s,)]+)");

    private final SmackConnector connector;
    private final Credentials admin;
    private final AccountNames names = new AccountNames();
    /** Where the IQ replies of the admin connection came from, by stanza id: to explain a reply Smack dropped. */
    private final Map<String, Jid> replySenders = new ConcurrentHashMap<>();
    private XMPPTCPConnection connection;

    public AdminCommands(SmackConnector connector, Credentials admin) {
        this.connector = connector;
        this.admin = admin;
    }

    /**
     * Logs in as admin and creates and deletes one account, so a run never starts with provisioning broken. When
     * that fails and the server does not list the command, the error says so: the likelier cause.
     */
    @Override
    public void preflight() {
        XMPPTCPConnection conn = adminConnection();
        try {
            release(acquire());
        } catch (ProvisioningException e) {
            List<String> missing = unlisted(conn);
            if (missing.isEmpty()) {
                throw e;
            }
            throw new ProvisioningException(MODE + ": command listed: " + domain() + " lists no " + String.join(" or ", missing)
                    + " command for " + adminJid() + " (is it an admin, are the commands enabled?); trying anyway: " + e.getMessage());
        }
    }

    /** Which of add-user and delete-user the server's command list lacks; none if the list cannot be had. */
    private List<String> unlisted(XMPPTCPConnection conn) {
        try {
            List<String> listed = AdHocCommandManager.getAddHocCommandsManager(conn).discoverCommands(domain()).getItems()
                    .stream().map(DiscoverItems.Item::getNode).toList();
            return java.util.stream.Stream.of(ADD_USER, DELETE_USER).filter(node -> !listed.contains(node))
                    .map(AdminCommands::shortName).toList();
        } catch (Exception e) {
            Steps.interruptIf(e);
            return List.of();
        }
    }

    @Override
    public Credentials acquire() {
        Credentials account = names.next();
        run(ADD_USER, account, form -> {
            form.setAnswer("accountjid", jid(account));
            form.setAnswer("password", account.password());
            if (form.hasField("password-verify")) {
                form.setAnswer("password-verify", account.password());
            }
        });
        return account;
    }

    @Override
    public void release(Credentials account) {
        run(DELETE_USER, account, form -> form.setAnswer("accountjids", List.of(jid(account))));
    }

    /** Deletes an account by name, for {@code stanzalab accounts sweep}; throws {@link ProvisioningException}. */
    public void delete(String username) {
        run(DELETE_USER, username, null, form -> form.setAnswer("accountjids", List.of(username + "@" + connector.target().domain())));
    }

    /**
     * The server's accounts, if it offers the XEP-0133 get-registered-users-list command; empty when it does not
     * (Prosody 0.12 has none).
     */
    public java.util.Optional<List<String>> registeredUsers() {
        try {
            RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(adminConnection())
                    .getRemoteCommand(domain(), "http://jabber.org/protocol/admin#get-registered-users-list");
            command.execute();
            if (command.getForm() != null && command.getForm().getField("registereduserjids") == null) {
                command.complete(new FillableForm(command.getForm()));
            }
            var field = command.getForm() == null ? null : command.getForm().getField("registereduserjids");
            if (field == null) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(field.getValues().stream().map(CharSequence::toString)
                    .map(jid -> jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid).toList());
        } catch (Exception e) {
            Steps.interruptIf(e);
            return java.util.Optional.empty();
        }
    }

    @Override
    public String describe() {
        return MODE + " as " + admin.username();
    }

    private String jid(Credentials account) {
        return account.username() + "@" + connector.target().domain();
    }

    private String adminJid() {
        return admin.username() + "@" + connector.target().domain();
    }

    private org.jxmpp.jid.DomainBareJid domain() {
        try {
            return JidCreate.domainBareFrom(connector.target().domain());
        } catch (org.jxmpp.stringprep.XmppStringprepException e) {
            throw new ProvisioningException(MODE + ": the domain " + connector.target().domain() + " is no valid JID");
        }
    }

    private static String shortName(String node) {
        return node.substring(node.indexOf('#') + 1);
    }

    private interface FormFiller {
        void fill(FillableForm form);
    }

    /**
     * Runs add-user or delete-user for {@code account}. A failure after the request was sent leaves the outcome
     * unknown: the exception then carries the account, which may exist.
     */
    private void run(String node, Credentials account, FormFiller filler) {
        run(node, account.username(), account, filler);
    }

    private void run(String node, String username, Credentials account, FormFiller filler) {
        String what = shortName(node) + " " + username;
        boolean submitted = false;
        try {
            XMPPTCPConnection conn = adminConnection();
            RemoteCommand command = AdHocCommandManager.getAddHocCommandsManager(conn).getRemoteCommand(domain(), node);
            command.execute();
            if (command.getForm() == null) {
                throw new ProvisioningException(MODE + ": form: the server's " + shortName(node) + " command returned no form");
            }
            FillableForm form = new FillableForm(command.getForm());
            try {
                filler.fill(form);
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(MODE + ": form: the " + shortName(node) + " form does not fit XEP-0133: " + e.getMessage());
            }
            submitted = true;
            command.complete(form);
            // Some servers (Prosody) report a refused command as "completed" with an error note, not an IQ error.
            // Prosody even reports an account it could not delete in an info note: "could not be deleted: JID".
            for (AdHocCommandNote note : command.getNotes()) {
                if (note.getType() == AdHocCommandNote.Type.error || notDeleted(note.getValue(), username)) {
                    throw refused(node, account, MODE + ": " + what + ": the server said \"" + oneLine(note.getValue()) + "\"");
                }
            }
        } catch (XMPPException.XMPPErrorException e) {
            throw refused(node, account, MODE + ": " + what + ": " + SmackErrors.describe(e));
        } catch (SmackException | XMPPException e) {
            throw unknownOutcome(node, account, submitted, MODE + ": " + what + ": " + explain(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknownOutcome(node, account, submitted, MODE + ": interrupted during " + what);
        }
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static boolean notDeleted(String note, String username) {
        String text = note == null ? "" : note.toLowerCase(java.util.Locale.ROOT);
        int failed = text.indexOf("could not");
        return failed >= 0 && text.indexOf(username.toLowerCase(java.util.Locale.ROOT) + "@", failed) >= 0;
    }

    /** The server answered no: an account it would not delete is there; one it would not create is not. */
    private static ProvisioningException refused(String node, Credentials account, String message) {
        return node.equals(DELETE_USER) && account != null ? ProvisioningException.left(account, message) : new ProvisioningException(message);
    }

    /** No answer: a creation may have happened, a deletion may not have. */
    private static ProvisioningException unknownOutcome(String node, Credentials account, boolean submitted, String message) {
        return account != null && (node.equals(DELETE_USER) || submitted)
                ? ProvisioningException.mayExist(account, message) : new ProvisioningException(message);
    }

    /** A lost reply, said precisely when the server did answer, but from an address Smack does not match. */
    private String explain(Exception e) {
        if (e instanceof SmackException.NoResponseException noReply && noReply.getFilter() != null) {
            Matcher id = REQUEST_ID.matcher(noReply.getFilter().toString());
            Jid from = id.find() ? replySenders.get(id.group(1)) : null;
            if (from != null) {
                return "reply not matched: the server answered from " + from + " instead of " + domain()
                        + ", and Smack drops a reply from another address";
            }
            return "reply: none within the reply timeout";
        }
        return SmackErrors.describe(e);
    }

    /** The admin connection, reconnected if the server dropped it. */
    private synchronized XMPPTCPConnection adminConnection() {
        if (connection != null && connection.isAuthenticated()) {
            return connection;
        }
        if (connection != null) {
            SmackConnector.disconnect(connection);
        }
        // A resource of its own per run: runs that share an admin account (two CI jobs, two people) must not
        // replace each other's admin session through a resource conflict.
        String resource = "stanzalab-admin-" + Long.toHexString(ThreadLocalRandom.current().nextLong() >>> 16);
        XMPPTCPConnection conn = connector.newConnection(admin.username(), admin.password(), resource, null, "admin");
        conn.addStanzaListener(stanza -> {
            if (replySenders.size() > 256) {
                replySenders.clear();
            }
            if (stanza.getStanzaId() != null && stanza.getFrom() != null) {
                replySenders.put(stanza.getStanzaId(), stanza.getFrom());
            }
        }, new StanzaTypeFilter(IQ.class));
        Steps.connect(MODE, connector, conn);
        try {
            conn.login();
        } catch (Exception e) {
            SmackConnector.disconnect(conn);
            Steps.interruptIf(e);
            throw SmackErrors.isLoginRefusal(e)
                    ? new LoginRefused(MODE + ": login as admin " + adminJid() + " refused: " + SmackErrors.describe(e))
                    : new ProvisioningException(MODE + ": login as admin " + adminJid() + " failed: " + SmackErrors.describe(e));
        }
        connection = conn;
        return conn;
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            SmackConnector.disconnect(connection);
            connection = null;
        }
    }
}
