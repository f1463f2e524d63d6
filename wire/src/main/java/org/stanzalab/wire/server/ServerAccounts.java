package org.stanzalab.wire.server;

import org.stanzalab.wire.certs.CertKit;
import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.stanzalab.wire.sasl.ScramCredentials;
import org.stanzalab.wire.sasl.ScramMechanism;

/**
 * Who may authenticate to the tool's server side: users with passwords (PLAIN, SCRAM), and for SASL EXTERNAL
 * the CA whose certificates are believed. SCRAM keys are derived once per user and mechanism.
 */
public final class ServerAccounts {
    private final Map<String, String> passwords = new ConcurrentHashMap<>();
    private final Map<String, ScramCredentials> scramKeys = new ConcurrentHashMap<>();
    private volatile CertKit externalTrust;

    public ServerAccounts add(String username, String password) {
        passwords.put(username, password);
        return this;
    }

    /** SASL EXTERNAL believes certificates that chain to this CA and name the claimed domain. */
    public ServerAccounts trustCertificatesOf(CertKit ca) {
        this.externalTrust = ca;
        return this;
    }

    boolean checkPassword(String username, String password) {
        String known = passwords.get(username);
        return known != null && MessageDigest.isEqual(known.getBytes(StandardCharsets.UTF_8),
                password.getBytes(StandardCharsets.UTF_8));
    }

    Optional<ScramCredentials> scram(ScramMechanism mechanism, String username) {
        String password = passwords.get(username);
        if (password == null) {
            return Optional.empty();
        }
        return Optional.of(scramKeys.computeIfAbsent(mechanism + "\0" + username,
                key -> ScramCredentials.fromPassword(mechanism, password)));
    }

    Optional<CertKit> externalTrust() {
        return Optional.ofNullable(externalTrust);
    }
}
