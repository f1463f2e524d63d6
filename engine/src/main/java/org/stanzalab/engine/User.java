package org.stanzalab.engine;

import org.jxmpp.jid.EntityBareJid;
import org.jxmpp.jid.impl.JidCreate;
import org.jxmpp.stringprep.XmppStringprepException;
import org.stanzalab.engine.accounts.Credentials;

/**
 * An account that belongs to one test. Its name in the transcript ("alice", "bob") is the role it plays;
 * its username on the server is unique to the run.
 */
public final class User {
    private final Lab lab;
    private final String role;
    private final Credentials credentials;
    private final EntityBareJid jid;
    private int connections;

    User(Lab lab, String role, Credentials credentials) {
        this.lab = lab;
        this.role = role;
        this.credentials = credentials;
        try {
            this.jid = JidCreate.entityBareFrom(credentials.username() + "@" + lab.domain());
        } catch (XmppStringprepException e) {
            throw new TestError("account name " + credentials.username() + " is not a valid JID localpart", e);
        }
    }

    public String role() {
        return role;
    }

    public String username() {
        return credentials.username();
    }

    public EntityBareJid jid() {
        return jid;
    }

    /** The password, for tests that authenticate by hand over the wire driver. Never log it. */
    public String password() {
        return credentials.password();
    }

    Credentials credentials() {
        return credentials;
    }

    /** Logs in with a resource the server generates (RFC 6120 §7.6). */
    public Session connect() {
        return lab.connect(this, null);
    }

    /** Logs in asking for this resource (RFC 6120 §7.7). */
    public Session connect(String resource) {
        return lab.connect(this, resource);
    }

    synchronized String nextConnectionLabel() {
        return role + "#" + (++connections);
    }

    @Override
    public String toString() {
        return role + " (" + jid + ")";
    }
}
