package org.stanzalab.suites.xep0191;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.Stanza;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.RawIq;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;
import org.stanzalab.engine.StanzaXml;
import org.stanzalab.wire.XmlElement;
import org.stanzalab.wire.XmlEscape;

/** The blocking command as a client speaks it: requests without a 'to', and the pushes they cause. */
final class BlockList {
    static final String NS = "urn:xmpp:blocking";
    static final String ERRORS_NS = "urn:xmpp:blocking:errors";

    private BlockList() {
    }

    /** Requires the feature, so a server without it makes the test impossible rather than failed. */
    static void require(Lab lab) {
        lab.requireFeature(NS);
    }

    /**
     * Makes the session one that has asked for the block list (so it is owed pushes, §3.3) and answers the pushes
     * it receives with a result, as a client does. Returns the list as the server gave it.
     */
    static List<String> interested(Session session) {
        session.answer(IQ.Type.set, "block", NS, IQ::createResultIQ);
        session.answer(IQ.Type.set, "unblock", NS, IQ::createResultIQ);
        return get(session);
    }

    /** The block list: the jids of its items, as the server wrote them. */
    static List<String> get(Session session) {
        IQ reply = session.requestResult(RawIq.get(null, "blocklist", NS));
        XmlElement list = StanzaXml.payload(reply).filter(p -> p.is("blocklist", NS)).orElseThrow(() -> new ServerFailure(
                "the result of a block list request carries no <blocklist xmlns='" + NS + "'/> (§3.2): " + reply.toXML()));
        return jids(list);
    }

    static List<String> jids(XmlElement element) {
        List<String> jids = new ArrayList<>();
        for (XmlElement item : element.children("item", NS)) {
            jids.add(item.attribute("jid").orElse(""));
        }
        return jids;
    }

    static IQ block(Session session, String... jids) {
        return session.request(new RawIq(IQ.Type.set, null, "block", NS, items(jids)));
    }

    static IQ unblock(Session session, String... jids) {
        return session.request(new RawIq(IQ.Type.set, null, "unblock", NS, items(jids)));
    }

    /** Blocks as set-up: the block must succeed, and the test's lab unblocks everything at its end. */
    static void blocked(Lab lab, Session session, String... jids) {
        lab.setUp("blocking " + String.join(", ", jids), () -> {
            IQ reply = block(session, jids);
            if (reply.getType() != IQ.Type.result) {
                throw new AssertionError("the block command was answered with " + reply.toXML());
            }
        });
        lab.cleanup("the block list of " + session.bareJid(), () -> {
            if (session.isConnected()) {
                unblock(session);
            }
        });
    }

    private static String items(String... jids) {
        return java.util.Arrays.stream(jids).map(j -> "<item jid='" + XmlEscape.attribute(j) + "'/>").collect(Collectors.joining());
    }

    /** An IQ set pushed by the server with this command (block or unblock) in the blocking namespace. */
    static boolean isPush(Stanza stanza, String command) {
        return stanza instanceof IQ iq && iq.getType() == IQ.Type.set && command.equals(iq.getChildElementName())
                && NS.equals(iq.getChildElementNamespace());
    }

    /** The jids a push names. */
    static List<String> pushedJids(IQ push) {
        return StanzaXml.payload(push).map(BlockList::jids).orElse(List.of());
    }

    static boolean sameJid(String a, String b) {
        return a != null && b != null && a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    static boolean contains(List<String> jids, String jid) {
        return jids.stream().anyMatch(j -> sameJid(j, jid));
    }
}
