package org.stanzalab.wire;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The opening tag of a peer's stream. Absent attributes are null, so "missing" and "empty" differ.
 *
 * @param name             qualified name as sent, normally "stream:stream"
 * @param namespace        namespace of that element (the one bound to its prefix), normally
 *                         {@link XmppNamespaces#STREAMS}
 * @param id               stream id
 * @param from             from
 * @param to               to
 * @param version          version
 * @param lang             xml:lang
 * @param defaultNamespace the {@code xmlns} declaration, e.g. "jabber:client"
 * @param attributes       every attribute and namespace declaration by qualified name, in received order
 * @param raw              the received text, XML declaration included
 */
public record StreamHeader(String name, String namespace, String id, String from, String to, String version,
                           String lang, String defaultNamespace, Map<String, String> attributes, String raw) {

    public StreamHeader {
        attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** True if the element is {@code stream} in {@link XmppNamespaces#STREAMS}, whatever its prefix. */
    public boolean isXmppStream() {
        return XmppNamespaces.STREAMS.equals(namespace) && name.substring(name.indexOf(':') + 1).equals("stream");
    }
}
