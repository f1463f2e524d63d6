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

    /** TCP, then TLS: a failure names which of the two broke. */
    static void connect(String mode, SmackConnector connector, XMPPTCPConnection conn) {
        try {
            conn.connect();
        } catch (Exception e) {
            interruptIf(e);
            String step = isTls(e) ? "TLS with " : "connect to ";
            throw new ProvisioningException(mode + ": " + step + connector.target().address() + " failed: " + SmackErrors.describe(e));
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
