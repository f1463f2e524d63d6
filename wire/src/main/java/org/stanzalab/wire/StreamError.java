package org.stanzalab.wire;

/**
 * A received {@code <stream:error/>} (RFC 6120 §4.9).
 *
 * @param condition name of the defined-condition child in {@link XmppNamespaces#STREAM_ERRORS}, e.g.
 *                  "not-well-formed"; null if the server sent none
 * @param text      content of the optional {@code <text/>} child; null if absent
 * @param element   the whole element, for anything else a test wants to check
 */
public record StreamError(String condition, String text, XmlElement element) {

    public static boolean isStreamError(XmlElement element) {
        return element.is("error", XmppNamespaces.STREAMS);
    }

    public static StreamError from(XmlElement element) {
        if (!isStreamError(element)) {
            throw new IllegalArgumentException("not a <stream:error/>: " + element.qualifiedName());
        }
        String condition = element.children().stream()
                .filter(c -> c.namespace().equals(XmppNamespaces.STREAM_ERRORS) && !c.name().equals("text"))
                .map(XmlElement::name)
                .findFirst().orElse(null);
        String text = element.childText("text", XmppNamespaces.STREAM_ERRORS).orElse(null);
        return new StreamError(condition, text, element);
    }

    /** "<not-well-formed/>", or a note that the condition is missing. */
    public String describe() {
        return condition == null ? "a <stream:error/> without a condition" : "<" + condition + "/>";
    }
}
