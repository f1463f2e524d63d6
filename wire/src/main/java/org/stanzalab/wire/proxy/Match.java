package org.stanzalab.wire.proxy;

import java.util.function.Predicate;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** Predicates over the server's top-level elements for {@link FaultRule}s; combine them with {@code and}. */
public final class Match {
    private Match() {
    }

    /** A {@code jabber:client} stanza: "iq", "message" or "presence". */
    public static Predicate<XmlElement> stanza(String name) {
        return element -> element.is(name, XmppNamespaces.CLIENT);
    }

    /** An IQ of this type ("get", "set", "result", "error") with a child (payload) in {@code payloadNamespace}. */
    public static Predicate<XmlElement> iq(String type, String payloadNamespace) {
        return stanza("iq").and(attribute("type", type)).and(childIn(payloadNamespace));
    }

    /** An element with attribute {@code key} equal to {@code value}. */
    public static Predicate<XmlElement> attribute(String key, String value) {
        return element -> element.attribute(key).map(value::equals).orElse(false);
    }

    /** An element with a child element in this namespace. */
    public static Predicate<XmlElement> childIn(String namespace) {
        return element -> element.children().stream().anyMatch(c -> c.namespace().equals(namespace));
    }

    /** An element with a child {@code localName} in {@code namespace}. */
    public static Predicate<XmlElement> child(String localName, String namespace) {
        return element -> element.hasChild(localName, namespace);
    }

    /** A stanza whose {@code <error/>} has this defined condition, e.g. "service-unavailable". */
    public static Predicate<XmlElement> errorCondition(String condition) {
        return element -> element.children().stream().filter(c -> c.name().equals("error"))
                .anyMatch(error -> error.hasChild(condition, XmppNamespaces.STANZA_ERRORS));
    }

    /** The stream features ({@code <stream:features/>}). */
    public static Predicate<XmlElement> streamFeatures() {
        return element -> element.is("features", XmppNamespaces.STREAMS);
    }
}
