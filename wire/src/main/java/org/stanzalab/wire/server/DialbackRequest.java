package org.stanzalab.wire.server;

/**
 * A {@code <db:result/>} or {@code <db:verify/>} a peer sent (XEP-0220).
 *
 * @param from   the domain that wants to be believed (the originating server)
 * @param to     the domain it talks to (the receiving server, normally the tool's)
 * @param id     the stream id ({@code db:verify} only; null for {@code db:result})
 * @param key    the dialback key
 */
public record DialbackRequest(String from, String to, String id, String key) {
}
