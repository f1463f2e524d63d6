package org.stanzalab.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jivesoftware.smack.SmackConfiguration;
import org.jivesoftware.smack.SmackException;
import org.jivesoftware.smack.iqrequest.AbstractIqRequestHandler;
import org.jivesoftware.smack.iqrequest.IQRequestHandler;
import org.jivesoftware.smack.packet.ErrorIQ;
import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaBuilder;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smack.tcp.XMPPTCPConnection;

/**
 * How a session answers the IQ requests it receives: with a test's own answer ({@link Session#answer}), with the
 * answer of a Smack manager that knows the payload (disco, ping, roster), and with service-unavailable for any
 * other payload, as RFC 6120 §8.4 asks of an entity that does not understand it.
 * <p>
 * That last answer is ours, not Smack's: Smack 4.4.8 echoes an unparsed payload back in its error reply, escaped
 * into invalid XML, and its debugger then stops the connection's writer thread. A payload Smack could not parse
 * has no provider, so no Smack manager handles it either.
 */
final class IqAnswers {
    private final Set<String> answered = ConcurrentHashMap.newKeySet();
    private volatile XMPPTCPConnection connection;

    /** Takes over unknown payloads on this connection; call it before the connection connects. */
    void serve(XMPPTCPConnection connection) {
        this.connection = connection;
        connection.setUnknownIqRequestReplyMode(SmackConfiguration.UnknownIqRequestReplyMode.doNotReply);
    }

    void answer(IQ.Type type, String element, String namespace, Function<IQ, IQ> reply) {
        answered.add(key(type, element, namespace));
        connection.registerIQRequestHandler(new AbstractIqRequestHandler(element, namespace, type, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                return reply.apply(request);
            }
        });
    }

    /** Called for every stanza received, before Smack dispatches it (so on the connection's reader thread). */
    void refuseUnknown(Stanza stanza) {
        if (!(stanza instanceof UnparsedIQ iq) || !iq.isRequestIQ()
                || answered.contains(key(iq.getType(), iq.getChildElementName(), iq.getChildElementNamespace()))) {
            return;
        }
        ErrorIQ refusal = ErrorIQ.builder(StanzaError.getBuilder(StanzaError.Condition.service_unavailable).build(),
                StanzaBuilder.buildIqData(iq.getStanzaId()).ofType(IQ.Type.error).to(iq.getFrom())).build();
        try {
            // Never blocks the reader thread: a full send queue would mean the connection is stuck anyway.
            connection.trySendStanza(refusal);
        } catch (SmackException.NotConnectedException e) {
            // The connection is gone; nobody is waiting for this answer any more.
        }
    }

    private static String key(IQ.Type type, String element, String namespace) {
        return type + " " + element + " " + namespace;
    }
}
