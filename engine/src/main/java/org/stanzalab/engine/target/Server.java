package org.stanzalab.engine.target;

import java.util.Objects;
import java.util.function.Function;

import org.stanzalab.engine.accounts.AccountProvisioner;
import org.stanzalab.engine.smack.SmackConnector;

/**
 * One server of a run: its name in the run, where it is, and how tests get accounts on it. A run has one or more;
 * the first is the primary, the one {@code lab.newUser()} uses.
 *
 * @param name         how the run calls it: "prosody" for {@code --target prosody}, NAME for {@code server.NAME.*}
 *                     keys, the domain otherwise
 * @param provisioning makes the account source once the run has a connector for this server
 */
public record Server(String name, Target target, Function<SmackConnector, AccountProvisioner> provisioning) {

    public Server {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(provisioning, "provisioning");
        if (name == null || name.isBlank()) {
            name = target.domain();
        }
    }

    public String domain() {
        return target.domain();
    }
}
