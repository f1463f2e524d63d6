package org.stanzalab.engine.accounts;

import java.util.List;
import java.util.Optional;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.parts.Localpart;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/**
 * Registers accounts in-band (XEP-0077) before authentication and cancels the registration afterwards, logged in
 * as the account itself. A server may register accounts but refuse to cancel them: the run then goes on, and the
 * accounts it leaves are listed at its end for the operator to remove. Preflight finds that out with a probe
 * account; otherwise the first refused cancellation does.
 */
public final class InBandRegistration implements AccountProvisioner {
    private static final String MODE = "in-band registration (XEP-0077)";

    private final SmackConnector connector;
    private final AccountNames names = new AccountNames();
    /** Why cancellation does not work on this server, once a cancellation was refused; null while it works. */
    private volatile String cancelRefused;
    private volatile ProvisioningException probeLeft;

    public InBandRegistration(SmackConnector connector) {
        this.connector = connector;
    }

    @Override
    public void preflight() {
        XMPPTCPConnection conn = connector.newConnection(null, null, null, null, "register");
        try {
            Steps.connect(MODE, connector, conn);
            if (!AccountManager.getInstance(conn).supportsAccountCreation()) {
                throw new ProvisioningException(MODE + ": registration offered: " + connector.target().domain()
                        + " offers no in-band registration (no register stream feature, no answer to a registration query)");
            }
        } catch (SmackException | XMPPException e) {
            throw new ProvisioningException(MODE + ": registration offered: the registration query failed: " + SmackErrors.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(MODE + ": interrupted while checking that registration is offered");
        } finally {
            SmackConnector.disconnect(conn);
        }
        // Offering registration is not the same as granting it (throttles, CAPTCHAs, policies), nor as letting the
        // account be cancelled: try both once, for real.
        Credentials probe = acquire();
        try {
            release(probe);
        } catch (ProvisioningException e) {
            probeLeft = e;
        }
    }

    @Override
    public Credentials acquire() {
        Credentials account = names.next();
        XMPPTCPConnection conn = connector.newConnection(null, null, null, null, "register");
        try {
            Steps.connect(MODE, connector, conn);
            AccountManager.getInstance(conn).createAccount(Localpart.from(account.username()), account.password());
            return account;
        } catch (XMPPException.XMPPErrorException e) {
            throw new ProvisioningException(MODE + ": register: the server refused account " + account.username() + ": " + SmackErrors.describe(e));
        } catch (ProvisioningException e) {
            throw e;
        } catch (Exception e) {
            Steps.interruptIf(e);
            // The request may have reached the server and only the reply been lost: the account may exist.
            throw ProvisioningException.mayExist(account, MODE + ": register: no outcome for account " + account.username()
                    + " (" + SmackErrors.describe(e) + "); it may exist");
        } finally {
            // Nothing to close gracefully on an unauthenticated stream.
            conn.instantShutdown();
        }
    }

    @Override
    public void release(Credentials account) {
        String refused = cancelRefused;
        if (refused != null) {
            throw ProvisioningException.left(account, MODE + ": cancel: not tried, " + refused);
        }
        XMPPTCPConnection conn = connector.newConnection(account.username(), account.password(), "cleanup", null, "cleanup");
        try {
            try {
                Steps.connect(MODE, connector, conn);
                conn.login();
            } catch (ProvisioningException e) {
                throw ProvisioningException.mayExist(account, e.getMessage());
            } catch (Exception e) {
                Steps.interruptIf(e);
                throw ProvisioningException.mayExist(account, MODE + ": cancel: login as " + account.username() + " failed: " + SmackErrors.describe(e));
            }
            try {
                AccountManager.getInstance(conn).deleteAccount();
            } catch (XMPPException.XMPPErrorException e) {
                String why = "the server refused to cancel a registration: " + SmackErrors.describe(e);
                // A refusal to wait and retry is this moment's problem; any other refusal is the server's policy.
                if (e.getStanzaError().getType() != StanzaError.Type.WAIT) {
                    cancelRefused = why;
                }
                throw ProvisioningException.left(account, MODE + ": cancel: " + why);
            } catch (Exception e) {
                Steps.interruptIf(e);
                throw ProvisioningException.mayExist(account, MODE + ": cancel: no outcome for " + account.username()
                        + " (" + SmackErrors.describe(e) + ")");
            }
        } finally {
            // The server ends the stream of a removed account itself; a graceful close would only wait for that.
            conn.instantShutdown();
        }
    }

    @Override
    public boolean removesAccounts() {
        return cancelRefused == null;
    }

    @Override
    public Optional<String> limitation() {
        String refused = cancelRefused;
        return refused == null ? Optional.empty()
                : Optional.of(MODE + " works, but " + refused + "; the run goes on and lists the accounts it leaves at its end");
    }

    @Override
    public List<ProvisioningException> leftByPreflight() {
        ProvisioningException left = probeLeft;
        return left == null ? List.of() : List.of(left);
    }

    @Override
    public String describe() {
        return MODE;
    }

    @Override
    public void close() {
    }
}
