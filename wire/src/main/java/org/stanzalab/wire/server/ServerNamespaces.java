package org.stanzalab.wire.server;

/** Namespaces only the server side needs. */
public final class ServerNamespaces {
    public static final String SERVER = "jabber:server";
    /** XEP-0220 dialback elements ({@code db:result}, {@code db:verify}). */
    public static final String DIALBACK = "jabber:server:dialback";
    /** XEP-0220 §7 stream feature. */
    public static final String DIALBACK_FEATURE = "urn:xmpp:features:dialback";
    public static final String SESSION = "urn:ietf:params:xml:ns:xmpp-session";

    private ServerNamespaces() {
    }
}
