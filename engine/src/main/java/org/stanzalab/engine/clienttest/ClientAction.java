package org.stanzalab.engine.clienttest;

/** What a client did on one connection to a {@link BadServer}, as far as it went. */
public enum ClientAction {
    /** It broke off the TLS handshake (an alert, or the connection closed during it): it refused the certificate. */
    REFUSED_TLS("refused TLS"),
    /** It ended the stream or the connection before it sent any credentials. */
    CLOSED_BEFORE_AUTH("closed before authenticating"),
    /** On a stream without {@code <starttls/>} it asked for STARTTLS anyway (and was told TLS fails). */
    TRIED_TLS_ANYWAY("tried STARTTLS anyway"),
    /** It sent SASL {@code <auth/>} (or legacy iq:auth): credentials went to this endpoint. */
    SENT_CREDENTIALS("sent credentials"),
    /** It logged in (SASL success) on the good endpoint. */
    AUTHENTICATED("authenticated"),
    /** It neither sent credentials nor closed within the tool's bound; the tool closed the connection. */
    STILL_WAITING("still waiting at the bound"),
    /** Its stream header (or TLS server name) named no scenario, or none was given. */
    UNKNOWN_DOMAIN("asked for no known scenario");

    private final String words;

    ClientAction(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }
}
