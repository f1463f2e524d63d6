package org.stanzalab.engine.accounts;

import java.security.cert.CertificateException;

import javax.net.ssl.SSLException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;
import org.stanzalab.engine.smack.SmackConnector;
import org.stanzalab.engine.smack.SmackErrors;

/** The steps every way of provisioning shares, each failing with a line that names it: "MODE: STEP failed: why". */
final class Steps {
    private Steps() {
    }

    /** Attempts of a connection the server did not answer in time. */
    private static final int ATTEMPTS = 3;

    /**
     * TCP, then TLS: a failure names which of the two broke. A server that does not answer in time is tried again
     * (a busy server's stall must not end the run before it began); a refusal is not.
     */
    static void connect(String mode, SmackConnector connector, XMPPTCPConnection conn) {
        for (int attempt = 1; ; attempt++) {
            try {
                conn.connect();
                return;
            } catch (Exception e) {
                interruptIf(e);
                if (attempt < ATTEMPTS && e instanceof SmackException.NoResponseException && !Thread.currentThread().isInterrupted()) {
                    conn.instantShutdown();
                    continue;
                }
                String step = isTls(e) ? "TLS with " : "connect to ";
                throw new ProvisioningException(mode + ": " + step + connector.target().address() + " failed: " + SmackErrors.describe(e)
                        + (attempt > 1 ? " (" + attempt + " attempts)" : ""));
            }
        }
    }

    static boolean isTls(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SmackException.SecurityRequiredException || t instanceof SSLException
                    || t instanceof CertificateException || t instanceof java.security.GeneralSecurityException) {
                return true;
            }
        }
        return false;
    }

    static void interruptIf(Exception e) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
    }
}
