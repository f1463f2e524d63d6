package org.stanzalab.engine;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

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
 * For a payload Smack cannot parse, that last answer is ours, not Smack's: Smack 4.4.8 echoes an unparsed payload
 * back in its error reply, escaped into invalid XML, and its debugger then stops the connection's writer thread.
 * So before Smack dispatches such a request, a handler of ours that refuses it cleanly is registered for its
 * payload. A payload Smack cannot parse has no provider, so no Smack manager has a handler for it to lose.
 */
final class IqAnswers {
    private final Set<String> handled = ConcurrentHashMap.newKeySet();
    private volatile XMPPTCPConnection connection;

    /** The connection whose requests these are; set before it connects. */
    void serve(XMPPTCPConnection connection) {
        this.connection = connection;
    }

    void answer(IQ.Type type, String element, String namespace, Function<IQ, IQ> reply) {
        handled.add(key(type, element, namespace));
        register(type, element, namespace, reply);
    }

    /** Called for every stanza received, on the connection's reader thread, before Smack dispatches it. */
    void refuseUnknown(Stanza stanza) {
        if (stanza instanceof UnparsedIQ iq && iq.isRequestIQ()
                && handled.add(key(iq.getType(), iq.getChildElementName(), iq.getChildElementNamespace()))) {
            register(iq.getType(), iq.getChildElementName(), iq.getChildElementNamespace(), IqAnswers::refusal);
        }
    }

    private void register(IQ.Type type, String element, String namespace, Function<IQ, IQ> reply) {
        connection.registerIQRequestHandler(new AbstractIqRequestHandler(element, namespace, type, IQRequestHandler.Mode.sync) {
            @Override
            public IQ handleIQRequest(IQ request) {
                return reply.apply(request);
            }
        });
    }

    /** service-unavailable, without echoing the payload (RFC 6120 §8.3.1 makes that optional). */
    private static IQ refusal(IQ request) {
        return ErrorIQ.builder(StanzaError.getBuilder(StanzaError.Condition.service_unavailable).build(),
                StanzaBuilder.buildIqData(request.getStanzaId()).ofType(IQ.Type.error).to(request.getFrom())).build();
    }

    private static String key(IQ.Type type, String element, String namespace) {
        return type + " " + element + " " + namespace;
    }
}
