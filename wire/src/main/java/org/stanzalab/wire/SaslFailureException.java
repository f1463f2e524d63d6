package org.stanzalab.wire;

/** The server answered SASL authentication with {@code <failure/>}. */
public class SaslFailureException extends WireException {
    private final String condition;
    private final String text;

    public SaslFailureException(String mechanism, String condition, String text) {
        super("SASL " + mechanism + " authentication failed: "
                + (condition == null ? "<failure/> without a condition" : "<" + condition + "/>")
                + (text == null ? "" : " (" + text + ")"));
        this.condition = condition;
        this.text = text;
    }

    /** Name of the condition element, e.g. "not-authorized"; null if the server sent none. */
    public String condition() {
        return condition;
    }

    /** Content of the optional {@code <text/>} child; null if absent. */
    public String text() {
        return text;
    }
}
