package org.stanzalab.wire;

/** Namespaces the wire driver itself needs; handy for tests matching elements too. */
public final class XmppNamespaces {
    public static final String STREAMS = "http://etherx.jabber.org/streams";
    public static final String STREAM_ERRORS = "urn:ietf:params:xml:ns:xmpp-streams";
    public static final String TLS = "urn:ietf:params:xml:ns:xmpp-tls";
    public static final String SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
    public static final String BIND = "urn:ietf:params:xml:ns:xmpp-bind";
    public static final String CLIENT = "jabber:client";
    public static final String STANZA_ERRORS = "urn:ietf:params:xml:ns:xmpp-stanzas";
    public static final String XML = "http://www.w3.org/XML/1998/namespace";

    private XmppNamespaces() {
    }
}
