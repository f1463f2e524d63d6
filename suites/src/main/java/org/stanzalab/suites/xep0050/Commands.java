package org.stanzalab.suites.xep0050;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.commands.AdHocCommand;
import org.jivesoftware.smackx.commands.AdHocCommandNote;
import org.jivesoftware.smackx.commands.packet.AdHocCommandData;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jivesoftware.smackx.xdata.FormField;
import org.jivesoftware.smackx.xdata.packet.DataForm;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.wire.XmlEscape;

/**
 * XEP-0050 ad-hoc commands as a requester speaks them, over a test's own session: the command list, a command's
 * disco#info, and each stage of an execution written out attribute by attribute, so a test can also send what a
 * careful client never would (an unknown action, a made-up session id). Replies are taken as they come: a result
 * with a {@code <command/>} is an {@link AdHocCommandData}, an error keeps its condition.
 */
public final class Commands {
    public static final String NS = "http://jabber.org/protocol/commands";
    public static final String DATA_FORMS = "jabber:x:data";

    private Commands() {
    }

    /** One {@code <command/>} request: node, and whichever of action, sessionid, extra attributes and payload are set. */
    public static final class Request extends IQ {
        private final Map<String, String> attributes = new LinkedHashMap<>();
        private String payload = "";

        public Request(Jid to, String node) {
            super("command", NS);
            setType(Type.set);
            setTo(to);
            attributes.put("node", node);
        }

        public Request action(String action) {
            return attribute("action", action);
        }

        public Request session(String sessionId) {
            return attribute("sessionid", sessionId);
        }

        /** Any attribute on {@code <command/>}, such as a status the requester has no business setting. */
        public Request attribute(String name, String value) {
            if (value != null) {
                attributes.put(name, value);
            }
            return this;
        }

        /** Child elements of {@code <command/>}, as XML text (a submitted data form). */
        public Request payload(String xml) {
            this.payload = xml == null ? "" : xml;
            return this;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            attributes.forEach((name, value) -> xml.attribute(name, value));
            if (payload.isEmpty()) {
                xml.setEmptyElement();
            } else {
                xml.rightAngleBracket();
                xml.append(payload);
            }
            return xml;
        }
    }

    /** The command list: disco#items of the commands node (§2.2); the reply as it came, result or error. */
    public static IQ listRequest(Session session, Jid responder) {
        DiscoverItems request = new DiscoverItems();
        request.setTo(responder);
        request.setNode(NS);
        return session.request(request);
    }

    /** The command list, which must be a result. */
    public static List<DiscoverItems.Item> list(Session session, Jid responder) {
        IQ reply = listRequest(session, responder);
        if (!(reply instanceof DiscoverItems items) || reply.getType() != IQ.Type.result) {
            throw new ServerFailure("the command list of " + responder + " (disco#items of " + NS + ") was answered with " + reply.toXML());
        }
        return items.getItems();
    }

    /** The nodes of the command list. */
    public static List<String> nodes(Session session, Jid responder) {
        return list(session, responder).stream().map(DiscoverItems.Item::getNode).toList();
    }

    /** disco#info of one command node; the reply as it came. */
    public static IQ info(Session session, Jid responder, String node) {
        @SuppressWarnings("deprecation")
        DiscoverInfo request = new DiscoverInfo();
        request.setTo(responder);
        request.setNode(node);
        return session.request(request);
    }

    /** Sends the request and returns the reply as it came. */
    public static IQ send(Session session, Request request) {
        return session.request(request);
    }

    /** Starts a command: a request with the node and action='execute'. */
    public static IQ execute(Session session, Jid responder, String node) {
        return session.request(new Request(responder, node).action("execute"));
    }

    /** The reply must be a result carrying a {@code <command/>}; it is returned as such. */
    public static AdHocCommandData stage(IQ reply, String what) {
        if (reply.getType() != IQ.Type.result || !(reply instanceof AdHocCommandData data)) {
            throw new ServerFailure(what + " was answered with " + describe(reply) + ": " + reply.toXML());
        }
        return data;
    }

    /** True for a reply that is an IQ error. */
    public static boolean isError(IQ reply) {
        return reply.getType() == IQ.Type.error && reply.getError() != null;
    }

    /** The error's condition, or empty for a reply that is no error. */
    public static Optional<StanzaError.Condition> condition(IQ reply) {
        return isError(reply) ? Optional.of(reply.getError().getCondition()) : Optional.empty();
    }

    /** Whether the error carries this XEP-0050 specific condition (malformed-action, bad-sessionid, ...). */
    public static boolean hasSpecificCondition(IQ reply, String element) {
        return isError(reply) && reply.getError().getExtension(element, NS) != null;
    }

    /** A completed command that failed says so in a note of type error (§3.6). */
    public static boolean hasErrorNote(AdHocCommandData data) {
        return data.getNotes().stream().anyMatch(n -> n.getType() == AdHocCommandNote.Type.error);
    }

    public static String notes(AdHocCommandData data) {
        return data.getNotes().stream().map(n -> n.getType() + ": " + n.getValue().strip()).collect(Collectors.joining("; "));
    }

    public static boolean isExecuting(AdHocCommandData data) {
        return data.getStatus() == AdHocCommand.Status.executing;
    }

    /**
     * A submitted data form (XEP-0004) for the form the responder sent: its FORM_TYPE kept, and of the answers only
     * those whose field the form has (so one answer map fits servers that name a field singular or plural).
     */
    public static String submit(DataForm form, Map<String, List<String>> answers) {
        StringBuilder xml = new StringBuilder("<x xmlns='" + DATA_FORMS + "' type='submit'>");
        if (form != null) {
            FormField formType = form.getField("FORM_TYPE");
            if (formType != null && formType.getFirstValue() != null) {
                xml.append(field("FORM_TYPE", List.of(formType.getFirstValue())));
            }
        }
        answers.forEach((var, values) -> {
            if (form == null || form.getField(var) != null) {
                xml.append(field(var, values));
            }
        });
        return xml.append("</x>").toString();
    }

    private static String field(String var, List<String> values) {
        StringBuilder xml = new StringBuilder("<field var='" + XmlEscape.attribute(var) + "'>");
        values.forEach(v -> xml.append("<value>").append(XmlEscape.text(v)).append("</value>"));
        return xml.append("</field>").toString();
    }

    /** The values of a field of the reply's form, empty when the form or field is missing. */
    public static List<String> values(AdHocCommandData data, String var) {
        DataForm form = data.getForm();
        FormField field = form == null ? null : form.getField(var);
        return field == null ? List.of() : field.getValues().stream().map(CharSequence::toString).toList();
    }

    public static String describe(IQ reply) {
        if (isError(reply)) {
            StanzaError error = reply.getError();
            return "error <" + error.getCondition() + "/> (type " + error.getType() + ")";
        }
        if (reply instanceof AdHocCommandData data) {
            return "a command with status " + data.getStatus() + (data.getNotes().isEmpty() ? "" : " and notes [" + notes(data) + "]");
        }
        return "a " + reply.getType() + " without a command";
    }
}
