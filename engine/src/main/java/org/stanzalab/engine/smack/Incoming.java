package org.stanzalab.engine.smack;

import org.jivesoftware.smack.packet.Stanza;

/** Where a test connection's incoming stanzas go, in stream order: those Smack parsed and those it could not. */
public interface Incoming {
    /** A stanza Smack parsed, before Smack dispatches it (IQ requests included). */
    void stanza(Stanza stanza);

    /**
     * A stanza Smack could not parse, which it then drops: {@code recentRaw} is the text received lately on the
     * stream, as the server sent it, which contains that stanza (and perhaps stanzas around it).
     */
    void unparsable(String recentRaw, Exception problem);
}
