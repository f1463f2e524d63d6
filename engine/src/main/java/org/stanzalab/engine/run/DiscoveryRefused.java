package org.stanzalab.engine.run;

/** The server answered a service discovery request with an error, so it advertises nothing there. */
public final class DiscoveryRefused extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String condition;

    public DiscoveryRefused(String condition) {
        super("disco request answered with <" + condition + "/>", null, false, false);
        this.condition = condition;
    }

    public String condition() {
        return condition;
    }
}
