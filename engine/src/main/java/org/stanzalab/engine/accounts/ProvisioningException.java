package org.stanzalab.engine.accounts;

import java.util.Optional;

/**
 * An account could not be created or removed; the message is one line fit for the user, naming the step that
 * failed. When the failed step may have left an account on the server, the exception carries it.
 */
public final class ProvisioningException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Credentials account;
    private final boolean certainlyThere;

    public ProvisioningException(String message) {
        this(message, null, false);
    }

    private ProvisioningException(String message, Credentials account, boolean certainlyThere) {
        super(message, null, false, false);
        this.account = account;
        this.certainlyThere = certainlyThere;
    }

    /** The account is on the server and stays there: the server refused to remove it. */
    public static ProvisioningException left(Credentials account, String message) {
        return new ProvisioningException(message, account, true);
    }

    /** The account may be on the server: the step's outcome is unknown (a reply was lost, a login failed). */
    public static ProvisioningException mayExist(Credentials account, String message) {
        return new ProvisioningException(message, account, false);
    }

    /** The account this failure may have left on the server. */
    public Optional<Credentials> account() {
        return Optional.ofNullable(account);
    }

    /** True when the account is known to be on the server, false when it only may be. */
    public boolean certainlyThere() {
        return certainlyThere;
    }
}
