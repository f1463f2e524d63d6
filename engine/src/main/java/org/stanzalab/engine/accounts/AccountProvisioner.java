package org.stanzalab.engine.accounts;

import java.util.Optional;

/**
 * Where a test's accounts come from. Each test gets accounts nobody else uses during it, so tests can run
 * concurrently; whatever a provisioner creates, it removes again, or says that it cannot.
 */
public interface AccountProvisioner extends AutoCloseable {

    /**
     * Checks that provisioning can work at all (admin login, registration offered); called once before a run.
     * Throws a {@link ProvisioningException} naming the step that failed.
     */
    void preflight();

    /** A new account for one test, exclusively. */
    Credentials acquire();

    /**
     * Removes an account this provisioner created. Throws {@link ProvisioningException}; when the account may
     * still be on the server, the exception says so ({@link ProvisioningException#account()}).
     */
    void release(Credentials account);

    /** An account for {@code test} (one object per test and server), exclusively; a pool lends per test. */
    default Credentials acquire(Object test) {
        return acquire();
    }

    /** A newly created account with no history for {@code test}; where accounts are lent again, never a lent one. */
    default Credentials acquireFresh(Object test) {
        return acquire(test);
    }

    /** Why this provisioner can never give a test an account with no history; empty when {@link #acquireFresh} can. */
    default Optional<String> noFreshAccounts() {
        return Optional.empty();
    }

    /** Gives back an account {@code test} was given: deleted if this provisioner created it, returned to the pool otherwise. */
    default void release(Object test, Credentials account) {
        release(account);
    }

    /** True when accounts outlive the test that used them, so their roster and subscriptions must be reset. */
    default boolean reusesAccounts() {
        return false;
    }

    /** Whether this account must be brought back to a clean state before a test uses it (it served another test). */
    default boolean needsReset(Credentials account) {
        return reusesAccounts();
    }

    /** Never lends this account again in the run: it could not be brought back to a clean state. */
    default void retire(Object test, Credentials account) {
    }

    /** False once the provisioner knows it cannot remove what it creates: its accounts stay, and are listed. */
    default boolean removesAccounts() {
        return true;
    }

    /** What does not work but lets the run go on (said once, after preflight), e.g. a registration that cannot be cancelled. */
    default Optional<String> limitation() {
        return Optional.empty();
    }

    /** Accounts that preflight's probe could not remove (they stay on the server, and are listed at the end). */
    default java.util.List<ProvisioningException> leftByPreflight() {
        return java.util.List.of();
    }

    /**
     * The service administrator this provisioner logs in as, when it has one (accounts by XEP-0133 admin commands):
     * for tests of the admin commands themselves, see {@code Lab.admin()}. Empty for configured accounts and in-band
     * registration, where the run knows no admin.
     */
    default Optional<Credentials> adminCredentials() {
        return Optional.empty();
    }

    /** A short description for the console, without secrets: "admin commands (XEP-0133) as admin". */
    String describe();

    @Override
    void close();
}
