package org.stanzalab.engine.accounts;

/** For engine tests that run a Lab without ever making an account. */
public final class NoAccounts implements AccountProvisioner {
    @Override
    public void preflight() {
    }

    @Override
    public Credentials acquire() {
        throw new IllegalStateException("this test needs no accounts");
    }

    @Override
    public void release(Credentials account) {
    }

    @Override
    public String describe() {
        return "none";
    }

    @Override
    public void close() {
    }
}
