package org.stanzalab.suites.xep0313;

import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.xml.parsers.DocumentBuilderFactory;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Message;
import org.jivesoftware.smack.packet.StandardExtensionElement;
import org.jivesoftware.smack.packet.Stanza;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smack.packet.UnparsedIQ;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jxmpp.jid.Jid;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.TestError;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * XEP-0313 spoken by hand: a query is an IQ set with a data form and an RSM set, its results are the messages that
 * arrive before the IQ reply and carry the query's own queryid, and the reply's {@code <fin/>} says where the page
 * begins and ends. Smack 4.4 has no MAM support outside smack-experimental, and by hand the transcript shows
 * exactly what was asked.
 */
final class Archive {
    static final String MAM = "urn:xmpp:mam:2";
    static final String EXTENDED = "urn:xmpp:mam:2#extended";
    static final String RSM = "http://jabber.org/protocol/rsm";
    static final String FORWARD = "urn:xmpp:forward:0";
    static final String DELAY = "urn:xmpp:delay";
    static final String SID = "urn:xmpp:sid:0";
    static final String DATA = "jabber:x:data";
    static final String HINTS = "urn:xmpp:hints";

    private Archive() {
    }

    /** disco#info of the user's own account, where XEP-0313 §7 puts the archive's features. */
    static DiscoverInfo accountInfo(Session session) {
        DiscoverInfo request = new DiscoverInfo();
        request.setType(IQ.Type.get);
        request.setTo(session.bareJid());
        IQ reply = session.request(request);
        return reply instanceof DiscoverInfo info ? info : null;
    }

    /** Impossible unless the account advertises urn:xmpp:mam:2 (the XEP's only namespace; mam:1 and mam:0 are older protocols). */
    static void require(Lab lab, Session session) {
        DiscoverInfo info = accountInfo(session);
        lab.requireThat(info != null && info.containsFeature(MAM),
                "feature " + MAM + " is not in disco#info of the account " + session.bareJid());
    }

    static void requireExtended(Lab lab, Session session) {
        DiscoverInfo info = accountInfo(session);
        lab.requireThat(info != null && info.containsFeature(MAM) && info.containsFeature(EXTENDED),
                "feature " + EXTENDED + " is not in disco#info of the account " + session.bareJid());
    }

    static Query query() {
        return new Query();
    }

    /** A fresh text that names the test's message, so the archive's copy is recognised by its body. */
    static String body(String what) {
        return what + " " + UUID.randomUUID().toString().substring(0, 8);
    }

    static String stamp(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    static Instant parseStamp(String stamp) {
        return OffsetDateTime.parse(stamp).toInstant();
    }

    /** One archive query: its form fields, its RSM set, and where it goes (the own account when {@code to} is null). */
    static final class Query {
        private final Map<String, List<String>> fields = new LinkedHashMap<>();
        private Integer max;
        private String after;
        private String before;
        private boolean flip;
        private Jid to;
        private boolean noForm;

        Query with(Object jid) {
            return field("with", jid.toString());
        }

        Query start(Instant instant) {
            return field("start", stamp(instant));
        }

        Query end(Instant instant) {
            return field("end", stamp(instant));
        }

        Query field(String var, String... values) {
            fields.put(var, List.of(values));
            return this;
        }

        Query max(int n) {
            max = n;
            return this;
        }

        Query after(String id) {
            after = id;
            return this;
        }

        Query before(String id) {
            before = id;
            return this;
        }

        /** RSM's empty {@code <before/>}: the last page. */
        Query lastPage() {
            before = "";
            return this;
        }

        Query flip() {
            flip = true;
            return this;
        }

        Query to(Jid archive) {
            to = archive;
            return this;
        }

        Query withoutForm() {
            noForm = true;
            return this;
        }

        String innerXml() {
            StringBuilder xml = new StringBuilder();
            if (!noForm) {
                xml.append("<x xmlns='jabber:x:data' type='submit'><field var='FORM_TYPE' type='hidden'><value>")
                        .append(MAM).append("</value></field>");
                fields.forEach((var, values) -> {
                    xml.append("<field var='").append(escape(var)).append("'>");
                    values.forEach(v -> xml.append("<value>").append(escape(v)).append("</value>"));
                    xml.append("</field>");
                });
                xml.append("</x>");
            }
            if (max != null || after != null || before != null) {
                xml.append("<set xmlns='").append(RSM).append("'>");
                if (max != null) {
                    xml.append("<max>").append(max).append("</max>");
                }
                if (after != null) {
                    xml.append("<after>").append(escape(after)).append("</after>");
                }
                if (before != null) {
                    xml.append(before.isEmpty() ? "<before/>" : "<before>" + escape(before) + "</before>");
                }
                xml.append("</set>");
            }
            if (flip) {
                xml.append("<flip-page/>");
            }
            return xml.toString();
        }
    }

    /** Runs the query with a queryid of its own and gathers what came back. */
    static Page run(Session session, Query query) {
        String queryId = "q-" + UUID.randomUUID().toString().substring(0, 8);
        RawQuery iq = new RawQuery(query.to, queryId, query.innerXml());
        int mark = session.received().size();
        IQ reply = session.request(iq);
        List<Stanza> since = session.received();
        since = since.subList(Math.min(mark, since.size()), since.size());
        List<Result> results = new ArrayList<>();
        List<Message> strays = new ArrayList<>();
        boolean replySeen = false;
        boolean resultAfterReply = false;
        for (Stanza stanza : since) {
            if (stanza instanceof IQ i && reply.getStanzaId() != null && reply.getStanzaId().equals(i.getStanzaId()) && i.isResponseIQ()) {
                replySeen = true;
            } else if (stanza instanceof Message m && resultElement(m) != null) {
                StandardExtensionElement result = resultElement(m);
                if (queryId.equals(result.getAttributeValue("queryid"))) {
                    results.add(new Result(m, result));
                    resultAfterReply |= replySeen;
                } else {
                    strays.add(m);
                }
            }
        }
        return new Page(query, queryId, reply, results, strays, resultAfterReply);
    }

    /** Runs the query and requires a result, not an error. */
    static Page runOk(Session session, Query query) {
        Page page = run(session, query);
        if (page.reply.getType() != IQ.Type.result) {
            throw new ServerFailure("the archive query " + page.queryId + " was refused: " + page.describeError()
                    + " (the query: " + query.innerXml() + ")");
        }
        return page;
    }

    static StandardExtensionElement resultElement(Message message) {
        return message.getExtension("result", MAM) instanceof StandardExtensionElement result ? result : null;
    }

    /**
     * Sends a message with this body from one session to the other's full JID and waits until it has arrived, so
     * that both archives have had their chance to store it (a server archives a message as it routes it).
     */
    static Message deliver(Session from, Session to, Message.Type type, String body) {
        Message sent = from.sendMessage(to.jid(), type, body);
        to.expectMessage("the message '" + body + "' from " + from.label(), m -> sent.getStanzaId().equals(m.getStanzaId()));
        return sent;
    }

    /** Sends messages back and forth, each one only after the previous has arrived, and returns their bodies in order. */
    static List<String> conversation(Session alice, Session bob, int count, String what) {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String body = body(what + " " + (i + 1));
            if (i % 2 == 0) {
                deliver(alice, bob, Message.Type.chat, body);
            } else {
                deliver(bob, alice, Message.Type.chat, body);
            }
            bodies.add(body);
        }
        return bodies;
    }

    /** The IQ set carrying the query, with its queryid. */
    static final class RawQuery extends IQ {
        private final String queryId;
        private final String inner;

        RawQuery(Jid to, String queryId, String inner) {
            super("query", MAM);
            setType(Type.set);
            setTo(to);
            this.queryId = queryId;
            this.inner = inner;
        }

        @Override
        protected IQChildElementXmlStringBuilder getIQChildElementBuilder(IQChildElementXmlStringBuilder xml) {
            xml.attribute("queryid", queryId);
            if (inner.isEmpty()) {
                xml.setEmptyElement();
            } else {
                xml.rightAngleBracket();
                xml.append(inner);
            }
            return xml;
        }
    }

    /** One archived message as a query returned it. */
    static final class Result {
        final Message wrapper;
        final StandardExtensionElement result;

        Result(Message wrapper, StandardExtensionElement result) {
            this.wrapper = wrapper;
            this.result = result;
        }

        String id() {
            return result.getAttributeValue("id");
        }

        StandardExtensionElement forwarded() {
            return result.getFirstElement("forwarded", FORWARD);
        }

        /** The archived message inside the forwarded element, or null if the result has none. */
        StandardExtensionElement message() {
            StandardExtensionElement forwarded = forwarded();
            if (forwarded == null) {
                return null;
            }
            for (StandardExtensionElement child : forwarded.getElements()) {
                if (child.getElementName().equals("message")) {
                    return child;
                }
            }
            return null;
        }

        String body() {
            StandardExtensionElement message = message();
            StandardExtensionElement body = message == null ? null : message.getFirstElement("body");
            return body == null ? null : body.getText();
        }

        /** The delay stamp of the forwarded element, or null. */
        String stamp() {
            StandardExtensionElement forwarded = forwarded();
            StandardExtensionElement delay = forwarded == null ? null : forwarded.getFirstElement("delay", DELAY);
            return delay == null ? null : delay.getAttributeValue("stamp");
        }

        @Override
        public String toString() {
            return wrapper.toXML().toString();
        }
    }

    /** What one query brought back. */
    static final class Page {
        final Query query;
        final String queryId;
        final IQ reply;
        final List<Result> results;
        /** Archive results that arrived meanwhile with another queryid, or none. */
        final List<Message> strays;
        final boolean resultAfterReply;
        private Element fin;
        private boolean finParsed;

        Page(Query query, String queryId, IQ reply, List<Result> results, List<Message> strays, boolean resultAfterReply) {
            this.query = query;
            this.queryId = queryId;
            this.reply = reply;
            this.results = results;
            this.strays = strays;
            this.resultAfterReply = resultAfterReply;
        }

        boolean isError() {
            return reply.getType() == IQ.Type.error;
        }

        StanzaError.Condition condition() {
            return reply.getError() == null ? null : reply.getError().getCondition();
        }

        String describeError() {
            StanzaError error = reply.getError();
            return reply.getType() == IQ.Type.error && error != null ? "error <" + error.getCondition() + "/> (type " + error.getType() + ")"
                    : xml(reply);
        }

        List<String> bodies() {
            return results.stream().map(Result::body).toList();
        }

        List<String> ids() {
            return results.stream().map(Result::id).toList();
        }

        /** The results whose archived message has one of these bodies, in the order they came. */
        List<String> bodiesAmong(List<String> wanted) {
            return bodies().stream().filter(wanted::contains).toList();
        }

        /** The {@code <fin/>} of the reply, or null when the reply has none. */
        Element fin() {
            if (!finParsed) {
                finParsed = true;
                fin = parseFin(reply);
            }
            return fin;
        }

        String complete() {
            return fin() == null || !fin().hasAttribute("complete") ? null : fin().getAttribute("complete");
        }

        boolean isComplete() {
            String complete = complete();
            return "true".equals(complete) || "1".equals(complete);
        }

        Element rsm() {
            return fin() == null ? null : child(fin(), RSM, "set");
        }

        String rsmText(String name) {
            Element set = rsm();
            Element e = set == null ? null : child(set, RSM, name);
            return e == null ? null : e.getTextContent();
        }

        boolean hasRsm(String name) {
            Element set = rsm();
            return set != null && child(set, RSM, name) != null;
        }

        String describe() {
            return "query " + queryId + " brought " + results.size() + " result(s) " + bodies() + " and the reply " + xml(reply);
        }
    }

    /** An IQ as text; a payload Smack has no class for is shown as it was read, not escaped a second time. */
    static String xml(IQ reply) {
        if (reply instanceof UnparsedIQ unparsed) {
            return "<iq type='" + reply.getType() + "' id='" + reply.getStanzaId() + "'" + (reply.getFrom() == null ? "" : " from='" + reply.getFrom() + "'")
                    + ">" + unparsed.getContent() + "</iq>";
        }
        return reply.toXML().toString();
    }

    /** The first child element with this name, whatever its namespace. */
    static StandardExtensionElement childNamed(StandardExtensionElement parent, String name) {
        if (parent == null) {
            return null;
        }
        for (StandardExtensionElement child : parent.getElements()) {
            if (child.getElementName().equals(name)) {
                return child;
            }
        }
        return null;
    }

    static Element parseFin(IQ reply) {
        return payload(reply, MAM, "fin");
    }

    /**
     * The first child with this name. Smack re-serialises a payload it has no class for and drops the namespace
     * declarations of its descendants (an RSM {@code <set/>} inside {@code <fin/>} comes out without one), so below
     * the payload's own element children are matched by name; the transcript keeps what the server sent.
     */
    static Element child(Element parent, String namespace, String name) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String namespace, String name) {
        List<Element> found = new ArrayList<>();
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node n = children.item(i);
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    /** The child element of an IQ reply, parsed, or null. */
    static Element payload(IQ reply, String namespace, String name) {
        // Smack keeps a payload it has no class for as text, which its own serialisation escapes: read that text.
        boolean raw = reply instanceof UnparsedIQ;
        String xml = raw ? ((UnparsedIQ) reply).getContent().toString() : reply.toXML().toString();
        if (xml.isBlank()) {
            return null;
        }
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (raw) {
                return name.equals(root.getLocalName()) && namespace.equals(root.getNamespaceURI()) ? root : null;
            }
            return child(root, namespace, name);
        } catch (Exception e) {
            throw new TestError("could not read the reply " + xml, e);
        }
    }

    static RawIq rawGet(Jid to, String element, String inner) {
        return new RawIq(IQ.Type.get, to, element, MAM, inner);
    }

    static RawIq rawSet(Jid to, String element, String inner) {
        return new RawIq(IQ.Type.set, to, element, MAM, inner);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&apos;").replace("\"", "&quot;");
    }
}
