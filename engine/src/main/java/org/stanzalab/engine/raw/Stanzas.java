package org.stanzalab.engine.raw;

import java.util.List;
import java.util.function.Predicate;

import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmppNamespaces;

/** Reading what a server sent on a raw stream: ids, types, error conditions, and matchers for expectations. */
public final class Stanzas {
    private Stanzas() {
    }

    /** True if the element carries exactly this 'id'. */
    public static boolean hasId(XmlElement element, String id) {
        return id.equals(element.attribute("id").orElse(null));
    }

    /** True if the element carries exactly this 'type'. */
    public static boolean hasType(XmlElement element, String type) {
        return type.equals(element.attribute("type").orElse(null));
    }

    /** True for a {@code jabber:client} stanza of this name ("message", "presence", "iq"). */
    public static boolean isStanza(XmlElement element, String name) {
        return element.is(name, XmppNamespaces.CLIENT);
    }

    /** Matches any element carrying this 'id'. */
    public static Predicate<XmlElement> withId(String id) {
        return e -> hasId(e, id);
    }

    /** Matches the answer to the stanza with this id: an error of any kind, or an IQ result. */
    public static Predicate<XmlElement> replyTo(String id) {
        return e -> hasId(e, id) && (hasType(e, "error") || hasType(e, "result"));
    }

    /** Matches a message carrying this body. */
    public static Predicate<XmlElement> messageWithBody(String body) {
        return e -> isStanza(e, "message") && body.equals(e.childText("body", XmppNamespaces.CLIENT).orElse(null));
    }

    /** The defined condition inside a stanza's {@code <error/>} (RFC 6120 §8.3.3); null if there is none. */
    public static String errorCondition(XmlElement stanza) {
        return stanza.child("error", XmppNamespaces.CLIENT).map(error -> definedCondition(error, XmppNamespaces.STANZA_ERRORS))
                .orElse(null);
    }

    /** The defined condition of a SASL {@code <failure/>} (RFC 6120 §6.5); null if it has none. */
    public static String saslCondition(XmlElement failure) {
        return definedCondition(failure, XmppNamespaces.SASL);
    }

    /** "error &lt;jid-malformed/&gt;: XML" for an error stanza, the XML of anything else, for failure messages. */
    public static String describe(XmlElement reply) {
        if (hasType(reply, "error")) {
            return "error <" + errorCondition(reply) + "/>: " + reply.toXml();
        }
        return reply.toXml();
    }

    /** The names of the features offered: "starttls, mechanisms, ...", for messages. */
    public static List<String> featureNames(XmlElement features) {
        return features.children().stream().map(XmlElement::name).toList();
    }

    /**
     * The same element as far as XML namespaces go: only namespace prefixes may differ. Text, whitespace included,
     * must be identical, since a server that routes a stanza may not alter what it does not understand.
     */
    public static boolean sameContent(XmlElement a, XmlElement b) {
        if (!a.name().equals(b.name()) || !a.namespace().equals(b.namespace()) || !a.attributes().equals(b.attributes())
                || !a.text().equals(b.text())) {
            return false;
        }
        List<XmlElement> left = a.children();
        List<XmlElement> right = b.children();
        if (left.size() != right.size()) {
            return false;
        }
        for (int i = 0; i < left.size(); i++) {
            if (!sameContent(left.get(i), right.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String definedCondition(XmlElement parent, String namespace) {
        return parent.children().stream().filter(c -> c.namespace().equals(namespace) && !c.name().equals("text"))
                .map(XmlElement::name).findFirst().orElse(null);
    }
}
