package org.stanzalab.engine.accounts;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.filter.AndFilter;
import org.jivesoftware.smack.filter.IQTypeFilter;
import org.jivesoftware.smack.filter.OrFilter;
import org.jivesoftware.smack.filter.StanzaIdFilter;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandManager;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.form.FillableForm;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.DomainBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/**
 * Creates and deletes accounts with the service administration commands of XEP-0133 (add-user, delete-user),
 * over one admin connection that is the engine's, never a test's. Each failure names its step: connect, TLS,
 * login as admin, command listed, form, reply, completion.
 *
 * <p>Replies are matched by id alone: a server that answers its commands from an address Smack would not match (no
 * 'from', the admin's JID) still provisions, and the run says once that it does so. A server that creates accounts
 * but cannot delete them (no delete-user, or one that refuses) still runs: each account is then removed by cancelling
 * its registration (XEP-0077) as itself, and where that fails too, the accounts are listed at the end of the run.
 */
public final class AdminCommands implements AccountProvisioner {
    private static final String MODE = "admin commands (XEP-0133)";
    static final String ADD_USER = "http://jabber.org/protocol/admin#add-user";
    static final String DELETE_USER = "http://jabber.org/protocol/admin#delete-user";
    private static final String REGISTERED_USERS = "http://jabber.org/protocol/admin#get-registered-users-list";

    private final SmackConnector connector;
    private final Credentials admin;
    private final AccountNames names = new AccountNames();
    /** Removes accounts when delete-user does not work on this server. */
    private final InBandRegistration cancellation;
    private XMPPTCPConnection connection;
    /** Why delete-user does not work on this server, once it was refused for good; null while it works. */
    private volatile String deleteRefused;
    /** How this server addresses its command replies, when not as RFC 6120 asks; null while it does. */
    private volatile String replyAddressing;
    private volatile ProvisioningException probeLeft;

    public AdminCommands(SmackConnector connector, Credentials admin) {
        this.connector = connector;
        this.admin = admin;
        this.cancellation = new InBandRegistration(connector);
    }

    /**
     * Logs in as admin and creates and deletes one account, so a run never starts with provisioning broken. When
     * creation fails and the server does not list the command, the error says so: the likelier cause. When only the
     * deletion fails, the run goes on (see {@link #limitation()}).
     */
    @Override
    public void preflight() {
        XMPPTCPConnection conn = adminConnection();
        Credentials probe;
        try {
            probe = acquire();
        } catch (ProvisioningException e) {
            if (!unlisted(conn, ADD_USER)) {
                throw e;
            }
            throw new ProvisioningException(MODE + ": command listed: " + domain() + " lists no add-user command for " + adminJid()
                    + " (is it an admin, are the commands enabled?); trying anyway: " + e.getMessage());
        }
        try {
            release(probe);
        } catch (ProvisioningException e) {
            probeLeft = e;
        }
    }

    /** Whether the server's command list, if it can be had, lacks {@code node}. */
    private boolean unlisted(XMPPTCPConnection conn, String node) {
        try {
            return AdHocCommandManager.getAddHocCommandsManager(conn).discoverCommands(domain()).getItems()
                    .stream().map(DiscoverItems.Item::getNode).noneMatch(node::equals);
        } catch (Exception e) {
            Steps.interruptIf(e);
            return false;
        }
    }

    @Override
    public Credentials acquire() {
        Credentials account = names.next();
        run(ADD_USER, account.username(), account, form -> {
            form.setAnswer("accountjid", jid(account.username()));
            form.setAnswer("password", account.password());
            if (form.hasField("password-verify")) {
                form.setAnswer("password-verify", account.password());
            }
        });
        return account;
    }

    /** Deletes with delete-user while that works; after it was refused for good, by cancelling the registration. */
    @Override
    public void release(Credentials account) {
        if (deleteRefused == null) {
            try {
                delete(account.username(), account);
                return;
            } catch (ProvisioningException e) {
                if (deleteRefused == null) {
                    throw e;
                }
            }
        }
        try {
            cancellation.release(account);
        } catch (ProvisioningException e) {
            String message = MODE + ": delete-user does not work (" + deleteRefused + "), and " + e.getMessage();
            throw e.certainlyThere() ? ProvisioningException.left(account, message) : ProvisioningException.mayExist(account, message);
        }
    }

    /** Deletes an account by name, for {@code stanzalab accounts sweep}; throws {@link ProvisioningException}. */
    public void delete(String username) {
        delete(username, null);
    }

    private void delete(String username, Credentials account) {
        run(DELETE_USER, username, account, form -> form.setAnswer("accountjids", List.of(jid(username))));
    }

    /**
     * The server's accounts, if it offers the XEP-0133 get-registered-users-list command; empty when it does not
     * (Prosody 0.12 has none).
     */
    public Optional<List<String>> registeredUsers() {
        try {
            XMPPTCPConnection conn = adminConnection();
            AdHocCommandData reply = exchange(conn, REGISTERED_USERS, AdHocCommand.Action.execute, null, null);
            if (reply.getForm() != null && reply.getForm().getField("registereduserjids") == null) {
                reply = exchange(conn, REGISTERED_USERS, AdHocCommand.Action.complete, reply.getSessionID(),
                        new FillableForm(reply.getForm()).getDataFormToSubmit());
            }
            var field = reply.getForm() == null ? null : reply.getForm().getField("registereduserjids");
            if (field == null) {
                return Optional.empty();
            }
            return Optional.of(field.getValues().stream().map(CharSequence::toString)
                    .map(jid -> jid.contains("@") ? jid.substring(0, jid.indexOf('@')) : jid).toList());
        } catch (Exception e) {
            Steps.interruptIf(e);
            return Optional.empty();
        }
    }

    @Override
    public boolean removesAccounts() {
        return deleteRefused == null || cancellation.removesAccounts();
    }

    @Override
    public Optional<String> limitation() {
        String addressing = replyAddressing == null ? "" : replyAddressing + "; ";
        String refused = deleteRefused;
        if (refused == null) {
            return addressing.isEmpty() ? Optional.empty() : Optional.of(MODE + ": " + addressing + "provisioning goes on");
        }
        String removal = cancellation.removesAccounts()
                ? "accounts are removed by cancelling their registration (XEP-0077) instead"
                : "cancelling the registration (XEP-0077) does not work either; the run goes on and lists the accounts it leaves at its end";
        return Optional.of(MODE + ": " + addressing + "delete-user does not work (" + refused + "): " + removal);
    }

    @Override
    public List<ProvisioningException> leftByPreflight() {
        ProvisioningException left = probeLeft;
        return left == null ? List.of() : List.of(left);
    }

    @Override
    public Optional<Credentials> adminCredentials() {
        return Optional.of(admin);
    }

    @Override
    public String describe() {
        return MODE + " as " + admin.username();
    }

    private String jid(String username) {
        return username + "@" + connector.target().domain();
    }

    private String adminJid() {
        return jid(admin.username());
    }

    private DomainBareJid domain() {
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
     * Runs add-user or delete-user for {@code username}: execute, fill the form, complete. A failure after the
     * request was sent leaves the outcome unknown: the exception then carries the account, which may exist.
     */
    private void run(String node, String username, Credentials account, FormFiller filler) {
        String what = shortName(node) + " " + username;
        boolean submitted = false;
        try {
            XMPPTCPConnection conn = adminConnection();
            AdHocCommandData form = exchange(conn, node, AdHocCommand.Action.execute, null, null);
            if (form.getForm() == null) {
                throw refused(node, account, MODE + ": form: the server's " + shortName(node) + " command returned no form", true);
            }
            FillableForm answers = new FillableForm(form.getForm());
            try {
                filler.fill(answers);
            } catch (IllegalArgumentException e) {
                throw refused(node, account, MODE + ": form: the " + shortName(node) + " form does not fit XEP-0133: " + e.getMessage(), true);
            }
            submitted = true;
            AdHocCommandData done = exchange(conn, node, AdHocCommand.Action.complete, form.getSessionID(), answers.getDataFormToSubmit());
            // Some servers (Prosody) report a refused command as "completed" with an error note, not an IQ error.
            // Prosody even reports an account it could not delete in an info note: "could not be deleted: JID".
            for (AdHocCommandNote note : done.getNotes()) {
                if (note.getType() == AdHocCommandNote.Type.error || notDeleted(note.getValue(), username)) {
                    throw refused(node, account, MODE + ": " + what + ": the server said \"" + oneLine(note.getValue()) + "\"", false);
                }
            }
        } catch (XMPPException.XMPPErrorException e) {
            // A refusal to wait and retry is this moment's problem; any other is how the server is set up.
            boolean forGood = e.getStanzaError().getType() != StanzaError.Type.WAIT;
            throw refused(node, account, MODE + ": " + what + ": " + SmackErrors.describe(e), forGood);
        } catch (SmackException.NoResponseException e) {
            throw unknownOutcome(node, account, submitted, MODE + ": " + what + ": reply: none within the reply timeout");
        } catch (SmackException | XMPPException e) {
            throw unknownOutcome(node, account, submitted, MODE + ": " + what + ": " + SmackErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unknownOutcome(node, account, submitted, MODE + ": interrupted during " + what);
        }
    }

    /**
     * One step of a command session (XEP-0050), its reply matched by id and type alone. Smack's own matching also
     * requires the reply's 'from' to be the addressed domain, which some servers omit; such a reply is taken, and
     * said once.
     */
    private AdHocCommandData exchange(XMPPTCPConnection conn, String node, AdHocCommand.Action action, String sessionId, DataForm form)
            throws SmackException, XMPPException.XMPPErrorException, InterruptedException {
        AdHocCommandData request = new AdHocCommandData();
        request.setType(IQ.Type.set);
        request.setTo(domain());
        request.setNode(node);
        request.setAction(action);
        request.setSessionID(sessionId);
        request.setForm(form);
        IQ reply = conn.createStanzaCollectorAndSend(new AndFilter(new StanzaIdFilter(request.getStanzaId()),
                new OrFilter(IQTypeFilter.RESULT, IQTypeFilter.ERROR)), request).nextResultOrThrow();
        if (reply.getFrom() == null || !reply.getFrom().equals(domain())) {
            replyAddressing = domain() + " answers admin commands " + (reply.getFrom() == null ? "without 'from'" : "from " + reply.getFrom())
                    + ", where RFC 6120 §8.1.2.1 asks for its domain; the tool matches the replies by id";
        }
        if (!(reply instanceof AdHocCommandData data)) {
            throw new ProvisioningException(MODE + ": reply: the " + shortName(node) + " reply carries no command element: " + reply.toXML());
        }
        return data;
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.strip().replaceAll("\\s+", " ");
    }

    private static boolean notDeleted(String note, String username) {
        String text = note == null ? "" : note.toLowerCase(Locale.ROOT);
        int failed = text.indexOf("could not");
        return failed >= 0 && text.indexOf(username.toLowerCase(Locale.ROOT) + "@", failed) >= 0;
    }

    /**
     * The server answered no: an account it would not delete is there; one it would not create is not. A deletion
     * refused for good (the command missing, or any refusal but "wait") switches removal to cancellation.
     */
    private ProvisioningException refused(String node, Credentials account, String message, boolean forGood) {
        if (!node.equals(DELETE_USER) || account == null) {
            return new ProvisioningException(message);
        }
        if (forGood) {
            deleteRefused = message.substring(MODE.length() + 2);
        }
        return ProvisioningException.left(account, message);
    }

    /** No answer: a creation may have happened, a deletion may not have. */
    private static ProvisioningException unknownOutcome(String node, Credentials account, boolean submitted, String message) {
        return account != null && (node.equals(DELETE_USER) || submitted)
                ? ProvisioningException.mayExist(account, message) : new ProvisioningException(message);
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
