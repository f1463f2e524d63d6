package org.stanzalab.wire.server;

import org.stanzalab.wire.XmlEscape;
import org.stanzalab.wire.XmppNamespaces;

/** The {@code <stream:features/>} a server side announces, built up one feature at a time. Immutable. */
public final class StreamFeatures {
    private final String content;

    private StreamFeatures(String content) {
        this.content = content;
    }

    /** No features at all (what follows a completed negotiation on a server-to-server stream). */
    public static StreamFeatures none() {
        return new StreamFeatures("");
    }

    /** STARTTLS (RFC 6120 §5.4.1), with {@code <required/>} if the peer must use it. */
    public StreamFeatures startTls(boolean required) {
        return with("<starttls xmlns='" + XmppNamespaces.TLS + "'>" + (required ? "<required/>" : "") + "</starttls>");
    }

    /** SASL mechanisms (RFC 6120 §6.4.1), e.g. "SCRAM-SHA-256", "PLAIN", "EXTERNAL". */
    public StreamFeatures mechanisms(String... names) {
        StringBuilder xml = new StringBuilder("<mechanisms xmlns='" + XmppNamespaces.SASL + "'>");
        for (String name : names) {
            xml.append("<mechanism>").append(XmlEscape.text(name)).append("</mechanism>");
        }
        return with(xml.append("</mechanisms>").toString());
    }

    /** Resource binding (RFC 6120 §7.4). */
    public StreamFeatures bind() {
        return with("<bind xmlns='" + XmppNamespaces.BIND + "'/>");
    }

    /** Server dialback with error support (XEP-0220 §7). */
    public StreamFeatures dialback() {
        return with("<dialback xmlns='" + ServerNamespaces.DIALBACK_FEATURE + "'><errors/></dialback>");
    }

    /** Any feature element, as raw XML (a test may announce something odd on purpose). */
    public StreamFeatures with(String featureXml) {
        return new StreamFeatures(content + featureXml);
    }

    public String toXml() {
        return content.isEmpty() ? "<stream:features/>" : "<stream:features>" + content + "</stream:features>";
    }

    @Override
    public String toString() {
        return toXml();
    }
}
