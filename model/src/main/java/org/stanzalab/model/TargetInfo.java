package org.stanzalab.model;

/**
 * One server of a run, as recorded in the reports.
 *
 * @param name the server's name in the run ("prosody" for --target prosody, NAME for server.NAME.* keys); null in
 *             files written before runs had several servers
 */
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record TargetInfo(String name, String domain, String host, int port, String tls, String trust) {

    /** A server known only by its domain, as results of a one-server run recorded it before schema 3. */
    public TargetInfo(String domain, String host, int port, String tls, String trust) {
        this(null, domain, host, port, tls, trust);
    }
}
