package org.stanzalab.engine.accounts;

import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.jivesoftware.smackx.iqregister.AccountManager;
import org.jxmpp.jid.parts.Localpart;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/**
 * Registers accounts in-band (XEP-0077) before authentication and cancels the registration afterwards,
 * logged in as the account itself.
 */
public final class InBandRegistration implements AccountProvisioner {
    private final SmackConnector connector;
    private final AccountNames names = new AccountNames();

    public InBandRegistration(SmackConnector connector) {
        this.connector = connector;
    }

    @Override
    public void preflight() {
        XMPPTCPConnection conn = connector.newConnection(null, null, null, null, "register");
        try {
            conn.connect();
            if (!AccountManager.getInstance(conn).supportsAccountCreation()) {
                throw new ProvisioningException(connector.target().domain() + " does not offer in-band registration (XEP-0077)");
            }
        } catch (ProvisioningException e) {
            throw e;
        } catch (Exception e) {
            throw new ProvisioningException("in-band registration check failed: " + SmackErrors.describe(e));
        } finally {
            conn.disconnect();
        }
        // Offering registration is not the same as granting it (throttles, CAPTCHAs, policies): try once for real.
        release(acquire());
    }

    @Override
    public Credentials acquire() {
        Credentials account = names.next();
        XMPPTCPConnection conn = connector.newConnection(null, null, null, null, "register");
        try {
            conn.connect();
            AccountManager.getInstance(conn).createAccount(Localpart.from(account.username()), account.password());
            return account;
        } catch (Exception e) {
            interruptIf(e);
            throw new ProvisioningException("cannot register account " + account.username() + ": " + SmackErrors.describe(e));
        } finally {
            conn.disconnect();
        }
    }

    @Override
    public void release(Credentials account) {
        XMPPTCPConnection conn = connector.newConnection(account.username(), account.password(), "cleanup", null, "cleanup");
        try {
            conn.connect().login();
            AccountManager.getInstance(conn).deleteAccount();
        } catch (Exception e) {
            interruptIf(e);
            throw new ProvisioningException("cannot cancel registration of " + account.username() + ": " + SmackErrors.describe(e));
        } finally {
            // The server ends the stream of a removed account itself; a graceful close would only wait for that.
            conn.instantShutdown();
        }
    }

    private static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String describe() {
        return "in-band registration (XEP-0077)";
    }

    @Override
    public void close() {
    }
}
