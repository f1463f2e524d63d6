package org.stanzalab.engine.smack;

import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.debugger.SmackDebugger;
import org.jivesoftware.smack.packet.TopLevelStreamElement;
import org.jxmpp.jid.EntityFullJid;
import org.stanzalab.engine.transcript.Transcript;

/**
 * Feeds every stanza and nonza a Smack connection sends or receives into the test's transcript.
 * Smack re-serialises what it parsed, so the entries are element-accurate rather than byte-accurate;
 * byte-accurate evidence is the wire driver's job.
 */
final class TranscriptDebugger extends SmackDebugger {
    private final Transcript transcript;
    private final String label;

    TranscriptDebugger(XMPPConnection connection, Transcript transcript, String label) {
        super(connection);
        this.transcript = transcript;
        this.label = label;
    }

    @Override
    public void userHasLogged(EntityFullJid user) {
        transcript.note(label, "logged in as " + user);
    }

    @Override
    public void outgoingStreamSink(CharSequence outgoing) {
        // Raw text is not recorded: element callbacks below carry the same content one element at a time.
    }

    @Override
    public void incomingStreamSink(CharSequence incoming) {
    }

    @Override
    public void onIncomingStreamElement(TopLevelStreamElement element) {
        transcript.received(label, element.toXML().toString());
    }

    @Override
    public void onOutgoingStreamElement(TopLevelStreamElement element) {
        transcript.sent(label, element.toXML().toString());
    }
}
