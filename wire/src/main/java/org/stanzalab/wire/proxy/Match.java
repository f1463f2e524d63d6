package org.stanzalab.wire.proxy;

import java.util.function.Predicate;
import org.stanzalab.wire.XmppNamespaces;

/** Predicates over the server's top-level elements for {@link FaultRule}s; combine them with {@code and}. */
public final class Match {
    private Match() {
    }

    /** A {@code jabber:client} stanza: "iq", "message" or "presence". */
    public static Predicate<FromServer> stanza(String name) {
        return seen -> seen.element().is(name, XmppNamespaces.CLIENT);
    }

    /** An IQ of this type ("get", "set", "result", "error") with a child (payload) in {@code payloadNamespace}. */
    public static Predicate<FromServer> iq(String type, String payloadNamespace) {
        return stanza("iq").and(attribute("type", type)).and(childIn(payloadNamespace));
    }

    /**
     * The server's answer (result or error) to a client's IQ get or set whose payload is in {@code namespace},
     * e.g. the answers to pings ("urn:xmpp:ping").
     */
    public static Predicate<FromServer> answerTo(String namespace) {
        return seen -> seen.request().map(request -> request.children().stream()
                .anyMatch(c -> c.namespace().equals(namespace))).orElse(false);
    }

    /** An answer of this type ("result" or "error") to a client's IQ whose payload is in {@code namespace}. */
    public static Predicate<FromServer> answerTo(String namespace, String type) {
        return answerTo(namespace).and(attribute("type", type));
    }

    /** An element with attribute {@code key} equal to {@code value}. */
    public static Predicate<FromServer> attribute(String key, String value) {
        return seen -> seen.element().attribute(key).map(value::equals).orElse(false);
    }

    /** An element with a child element in this namespace. */
    public static Predicate<FromServer> childIn(String namespace) {
        return seen -> seen.element().children().stream().anyMatch(c -> c.namespace().equals(namespace));
    }

    /** An element with a child {@code localName} in {@code namespace}. */
    public static Predicate<FromServer> child(String localName, String namespace) {
        return seen -> seen.element().hasChild(localName, namespace);
    }

    /** A stanza whose {@code <error/>} has this defined condition, e.g. "service-unavailable". */
    public static Predicate<FromServer> errorCondition(String condition) {
        return seen -> seen.element().children().stream().filter(c -> c.name().equals("error"))
                .anyMatch(error -> error.hasChild(condition, XmppNamespaces.STANZA_ERRORS));
    }

    /** The stream features ({@code <stream:features/>}). */
    public static Predicate<FromServer> streamFeatures() {
        return seen -> seen.element().is("features", XmppNamespaces.STREAMS);
    }
}
