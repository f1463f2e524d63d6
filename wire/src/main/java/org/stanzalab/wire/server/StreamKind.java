package org.stanzalab.wire.server;

import org.stanzalab.wire.XmppNamespaces;

/** Which streams a listener speaks: client-to-server or server-to-server (RFC 6120 §4.8.2). */
public enum StreamKind {
    CLIENT(XmppNamespaces.CLIENT),
    SERVER(ServerNamespaces.SERVER);

    private final String namespace;

    StreamKind(String namespace) {
        this.namespace = namespace;
    }

    /** The content namespace, "jabber:client" or "jabber:server". */
    public String namespace() {
        return namespace;
    }
}
