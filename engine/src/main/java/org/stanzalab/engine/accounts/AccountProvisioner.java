package org.stanzalab.engine.accounts;

/**
 * Where a test's accounts come from. Each test gets accounts nobody else uses during it, so tests can run
 * concurrently; whatever a provisioner creates, it removes again.
 */
public interface AccountProvisioner extends AutoCloseable {

    /** Checks that provisioning can work at all (admin login, registration offered); called once before a run. */
    void preflight();

    /** An account for one test, exclusively. */
    Credentials acquire();

    /** Gives the account back: deleted if this provisioner created it, returned to the pool otherwise. */
    void release(Credentials account);

    /** True when accounts outlive the test that used them, so their roster and subscriptions must be reset. */
    default boolean reusesAccounts() {
        return false;
    }

    /** A short description for the console, without secrets: "admin commands (XEP-0133) as admin". */
    String describe();

    @Override
    void close();
}
