package org.stanzalab.wire;

/** A request stanza was answered with {@code type='error'} (RFC 6120 §8.3). */
public class StanzaErrorException extends WireException {
    private final String condition;
    private final String errorType;
    private final XmlElement stanza;

    public StanzaErrorException(String what, XmlElement stanza) {
        this(what, stanza, stanza.child("error", XmppNamespaces.CLIENT).orElse(null));
    }

    private StanzaErrorException(String what, XmlElement stanza, XmlElement error) {
        super(what + " failed: server answered with "
                + (error == null ? "type='error' but no <error/> child" : describe(error)));
        this.stanza = stanza;
        this.condition = error == null ? null : conditionOf(error);
        this.errorType = error == null ? null : error.attribute("type").orElse(null);
    }

    /** Defined condition, e.g. "conflict"; null if none was given. */
    public String condition() {
        return condition;
    }

    /** The error type attribute, e.g. "cancel"; null if absent. */
    public String errorType() {
        return errorType;
    }

    public XmlElement stanza() {
        return stanza;
    }

    private static String conditionOf(XmlElement error) {
        return error.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.STANZA_ERRORS) && !c.name().equals("text"))
                .map(XmlElement::name)
                .findFirst().orElse(null);
    }

    private static String describe(XmlElement error) {
        String condition = conditionOf(error);
        return (condition == null ? "an <error/> without a condition" : "<" + condition + "/>")
                + error.attribute("type").map(t -> " (type " + t + ")").orElse("");
    }
}
