package org.stanzalab.engine.smack;

import java.util.function.Consumer;

import org.jivesoftware.smack.AbstractXMPPConnection;
import org.jivesoftware.smack.XMPPConnection;
import org.jivesoftware.smack.debugger.SmackDebugger;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.TopLevelStreamElement;
import org.jxmpp.jid.EntityFullJid;
import org.stanzalab.engine.transcript.Transcript;

/**
 * Feeds a Smack connection's traffic into the test's transcript. What arrives is recorded as the server sent it
 * (one entry per read, indented by Smack's pretty printer), not as Smack re-serialises what it parsed: evidence
 * must show the server's own XML, including stream features and stream errors. What is sent is recorded per
 * element, which is exactly what Smack writes.
 * <p>
 * It is also where a session's mailbox is fed: Smack tells its debugger of every stanza it parsed, in stream order,
 * before dispatching it, whereas stanza listeners never see IQ requests (those go only to IQ request handlers).
 */
final class TranscriptDebugger extends SmackDebugger {
    private final Transcript transcript;
    private final String label;
    private final Incoming received;
    /** The latest text received, for a stanza Smack cannot parse: Smack then has only the rest of it. */
    private final StringBuilder recent = new StringBuilder();
    private static final int RECENT_CHARS = 1 << 18;

    TranscriptDebugger(XMPPConnection connection, Transcript transcript, String label, Incoming received) {
        super(connection);
        this.transcript = transcript;
        this.label = label;
        this.received = received;
    }

    @Override
    public void userHasLogged(EntityFullJid user) {
        // Smack writes its <auth/> before the debugger sees outgoing elements, so the mechanism is named here.
        String mechanism = connection instanceof AbstractXMPPConnection c ? c.getUsedSaslMechansism() : null;
        transcript.note(label, "logged in as " + user + (mechanism == null ? "" : " with SASL " + mechanism));
    }

    @Override
    public void outgoingStreamSink(CharSequence outgoing) {
        // Raw text is not recorded: element callbacks below carry the same content one element at a time.
    }

    @Override
    public void incomingStreamSink(CharSequence incoming) {
        String text = incoming.toString();
        // Smack's pretty printer drops the '<' of the XML declaration; put it back so the entry is XML again.
        transcript.received(label, text.startsWith("?xml") ? "<" + text : text);
        synchronized (recent) {
            recent.append(text);
            if (recent.length() > RECENT_CHARS) {
                recent.delete(0, recent.length() - RECENT_CHARS / 2);
            }
        }
    }

    /** The text received lately (up to the last few hundred thousand characters), as recorded. */
    String recentIncoming() {
        synchronized (recent) {
            return recent.toString();
        }
    }

    @Override
    public void onIncomingStreamElement(TopLevelStreamElement element) {
        // The transcript has it from the raw stream above; the mailbox gets the parsed stanza.
        if (received != null && element instanceof Stanza stanza) {
            received.stanza(stanza);
        }
    }

    @Override
    public void onOutgoingStreamElement(TopLevelStreamElement element) {
        transcript.sent(label, element.toXML().toString());
    }
}
