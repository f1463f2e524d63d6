package org.stanzalab.engine;

import static org.stanzalab.engine.raw.Stanzas.hasType;
import static org.stanzalab.engine.raw.Stanzas.isStanza;

import java.util.List;
import java.util.Optional;

import org.stanzalab.engine.raw.RawSession;
import org.stanzalab.engine.raw.Stanzas;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/**
 * The reset's stream over the wire driver. Nothing is parsed into JIDs, so an item Smack cannot read (an address
 * the server accepted once and a client library rejects) is seen and named like any other.
 */
final class RawResetStream implements AccountReset.Stream {
    private static final String ROSTER = "jabber:iq:roster";
    private static final String BLOCKING = "urn:xmpp:blocking";
    private static final String DISCO_INFO = "http://jabber.org/protocol/disco#info";

    private final RawSession session;
    private final String domain;

    RawResetStream(RawSession session, String domain) {
        this.session = session;
        this.domain = domain;
    }

    @Override
    public void available() {
        session.available();
    }

    @Override
    public List<String> subscriptionRequests() {
        return session.received().stream()
                .filter(e -> isStanza(e, "presence") && hasType(e, "subscribe"))
                .map(e -> e.attribute("from").orElse(""))
                .filter(from -> !from.isEmpty())
                .map(RawResetStream::bare)
                .distinct().toList();
    }

    @Override
    public void decline(String requester) {
        session.send("<presence type='unsubscribed' to='" + XmlEscape.attribute(requester) + "'/>");
    }

    @Override
    public List<String> roster() {
        XmlElement reply = iq("get", "<query xmlns='" + ROSTER + "'/>", "roster");
        if (!hasType(reply, "result")) {
            throw new AccountReset.Unclean("the roster could not be fetched (server answered " + answered(reply) + ")");
        }
        return reply.child("query", ROSTER).map(q -> q.children("item", ROSTER)).orElse(List.of()).stream()
                .map(item -> item.attribute("jid").orElse("")).toList();
    }

    @Override
    public Optional<String> removeFromRoster(String jid) {
        return refusal(iq("set", "<query xmlns='" + ROSTER + "'><item jid='" + XmlEscape.attribute(jid)
                + "' subscription='remove'/></query>", "remove"));
    }

    @Override
    public Optional<List<String>> blocklist() {
        if (!offersBlocking()) {
            return Optional.empty();
        }
        XmlElement reply = iq("get", "<blocklist xmlns='" + BLOCKING + "'/>", "blocklist");
        if (!hasType(reply, "result")) {
            return Optional.empty();
        }
        return Optional.of(reply.child("blocklist", BLOCKING).map(b -> b.children("item", BLOCKING)).orElse(List.of()).stream()
                .map(item -> item.attribute("jid").orElse("")).toList());
    }

    @Override
    public Optional<String> unblockAll() {
        return refusal(iq("set", "<unblock xmlns='" + BLOCKING + "'/>", "unblock"));
    }

    /**
     * Whether the server advertises XEP-0191, asked on this stream: a server without a block list may answer the
     * request for one wrongly, and the reset is no test of that. When disco#info fails, the block list is asked anyway.
     */
    private boolean offersBlocking() {
        String id = session.newId("reset-disco");
        XmlElement reply = session.request("<iq type='get' id='" + id + "' to='" + XmlEscape.attribute(domain)
                + "'><query xmlns='" + DISCO_INFO + "'/></iq>", id);
        return !hasType(reply, "result") || reply.child("query", DISCO_INFO).map(q -> q.children("feature", DISCO_INFO)).orElse(List.of())
                .stream().anyMatch(f -> f.attribute("var").filter(BLOCKING::equals).isPresent());
    }

    private XmlElement iq(String type, String payload, String purpose) {
        String id = session.newId("reset-" + purpose);
        return session.request("<iq type='" + type + "' id='" + id + "'>" + payload + "</iq>", id);
    }

    private static Optional<String> refusal(XmlElement reply) {
        return hasType(reply, "result") ? Optional.empty() : Optional.of(answered(reply));
    }

    /** "error <not-allowed/>", short enough for the console line that names a retired account. */
    private static String answered(XmlElement reply) {
        String condition = Stanzas.errorCondition(reply);
        return hasType(reply, "error") ? "error " + (condition == null ? "without a condition" : "<" + condition + "/>")
                : "type '" + reply.attribute("type").orElse("") + "'";
    }

    private static String bare(String jid) {
        int slash = jid.indexOf('/');
        return slash < 0 ? jid : jid.substring(0, slash);
    }
}
