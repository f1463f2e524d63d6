package org.stanzalab.suites.xep0030;

import java.util.List;
import java.util.UUID;

import org.jivesoftware.smack.packet.IQ;
import org.jivesoftware.smack.packet.StanzaError;
import org.jivesoftware.smackx.disco.packet.DiscoverInfo;
import org.jivesoftware.smackx.disco.packet.DiscoverItems;
import org.jxmpp.jid.Jid;
import org.jxmpp.jid.impl.JidCreate;
import org.stanzalab.engine.Lab;
import org.stanzalab.engine.ServerFailure;
import org.stanzalab.engine.Session;

/** Service discovery requests and replies as the xep0030 tests send and read them. */
final class Disco {
    static final String INFO = "http://jabber.org/protocol/disco#info";
    static final String ITEMS = "http://jabber.org/protocol/disco#items";

    private Disco() {
    }

    /** The entities of the server a test asks about: the server itself and its components. */
    enum Service {
        GROUP_CHAT("conference", "text", "group chat"),
        UPLOAD("store", "file", "HTTP file upload"),
        PUBSUB("pubsub", "service", "publish-subscribe");

        final String category;
        final String type;
        final String what;

        Service(String category, String type, String what) {
            this.category = category;
            this.type = type;
            this.what = what;
        }

        /** The service's address from the server's disco#items; the test is impossible without one. */
        Jid jid(Lab lab) {
            return lab.requireService(category, type, what);
        }

        @Override
        public String toString() {
            return name().toLowerCase().replace('_', '-');
        }
    }

    static DiscoverInfo infoRequest(Session session, Jid to, String node) {
        return DiscoverInfo.builder(session.smack()).to(to).ofType(IQ.Type.get).setNode(node).build();
    }

    static DiscoverItems itemsRequest(Jid to, String node) {
        DiscoverItems request = new DiscoverItems();
        request.setTo(to);
        request.setNode(node);
        return request;
    }

    /** The info result; an error reply fails the test with what came back. */
    static DiscoverInfo infoResult(Session session, Jid to, String node) {
        return asInfo(session.requestResult(infoRequest(session, to, node)));
    }

    static DiscoverItems itemsResult(Session session, Jid to, String node) {
        return asItems(session.requestResult(itemsRequest(to, node)));
    }

    static DiscoverInfo asInfo(IQ reply) {
        if (!(reply instanceof DiscoverInfo info)) {
            throw new ServerFailure("the disco#info result carries no disco#info query: " + reply.toXML());
        }
        return info;
    }

    static DiscoverItems asItems(IQ reply) {
        if (!(reply instanceof DiscoverItems items)) {
            throw new ServerFailure("the disco#items result carries no disco#items query: " + reply.toXML());
        }
        return items;
    }

    static StanzaError.Condition condition(IQ reply) {
        return reply.getError() == null ? null : reply.getError().getCondition();
    }

    static String uniqueName(String prefix) {
        return prefix + UUID.randomUUID().toString().substring(0, 8);
    }

    static Jid absentAccount(Lab lab) {
        return JidCreate.entityBareFromOrThrowUnchecked(uniqueName("sl-absent-") + "@" + lab.domain());
    }

    static List<String> identities(DiscoverInfo info) {
        return info.getIdentities().stream().map(i -> i.getCategory() + "/" + i.getType()).toList();
    }
}
