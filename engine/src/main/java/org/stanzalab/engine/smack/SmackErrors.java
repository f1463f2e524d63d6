package org.stanzalab.engine.smack;

import javax.net.ssl.SSLException;

import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.XMPPException;
import org.jivesoftware.smack.sasl.SASLErrorException;

/** Turns Smack's exceptions into one line a person can act on. */
public final class SmackErrors {
    private SmackErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof SmackException.EndpointConnectionException ece) {
            // Smack lists every endpoint it tried; the first one's cause is the useful part.
            return ece.getConnectionExceptions().stream().findFirst()
                    .map(rce -> "cannot connect: " + firstLine(rootCause(rce.getException()).getMessage()).toLowerCase(java.util.Locale.ROOT))
                    .orElse("cannot connect: no address to try");
        }
        if (e instanceof SASLErrorException sasl) {
            return "login refused (SASL " + sasl.getMechanism() + ": " + sasl.getSASLFailure().getSASLErrorString() + ")";
        }
        if (e instanceof SmackException.SmackSaslException && e.getMessage() != null
                && e.getMessage().startsWith("No supported and enabled SASL Mechanism")) {
            // Smack's own text lists every registered mechanism with its priority; the two lists that matter suffice.
            String enabled = listAfter(e.getMessage(), "Enabled SASL mechanisms for this connection: ");
            return "no SASL mechanism in common: the server offers " + listAfter(e.getMessage(), "Server announced mechanisms: ")
                    + (enabled.equals("[]") || enabled.equals("null") ? ", and Smack can use none of them"
                            : ", and this run allows only " + enabled + " (--sasl)");
        }
        if (e instanceof XMPPException.XMPPErrorException err) {
            return "server answered with error <" + err.getStanzaError().getCondition() + "/>";
        }
        if (e instanceof XMPPException.StreamErrorException se) {
            return "server closed the stream with <" + se.getStreamError().getCondition() + "/>";
        }
        if (e instanceof SmackException.NoResponseException) {
            return "no reply from the server in time";
        }
        if (e instanceof SmackException.NotConnectedException) {
            return "the connection is closed";
        }
        Throwable root = rootCause(e);
        if (root instanceof SSLException || root instanceof java.security.cert.CertificateException) {
            return "TLS failed: " + firstLine(root.getMessage());
        }
        String message = root.getMessage();
        return root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message));
    }

    public static boolean isLoginRefusal(Throwable e) {
        return e instanceof SASLErrorException;
    }

    public static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** The bracketed list that follows the label in Smack's message, or "[]". */
    private static String listAfter(String message, String label) {
        int start = message.indexOf(label);
        int end = start < 0 ? -1 : message.indexOf(']', start);
        return end < 0 ? "[]" : message.substring(start + label.length(), end + 1);
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
